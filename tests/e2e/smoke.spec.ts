import { expect, test } from '@playwright/test';

test('the app opens in Chromium and its health check is green', async ({ page, request }) => {
  const health = await request.get('/api/health');
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ status: 'ok', database: 'up', migrations: { pending: [], failed: [] } });

  const response = await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  expect(response?.headers()['x-frame-options']).toBe('DENY');
  await expect(page).toHaveTitle(/Sign in · Antom Refunds/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to Refunds');
});
