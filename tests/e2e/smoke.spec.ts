import { expect, test } from '@playwright/test';

test('the app opens in Chromium and its health check is green', async ({ page, request }) => {
  const health = await request.get('/api/health');
  expect(health.status()).toBe(200);
  // Up and fully migrated, and nothing more to anyone who asks (no migration names: issue 14, gap 10).
  expect(await health.json()).toEqual({ status: 'ok', database: 'up' });

  const response = await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  expect(response?.headers()['x-frame-options']).toBe('DENY');
  await expect(page).toHaveTitle(/Sign in · Antom Refunds/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to Refunds');
});
