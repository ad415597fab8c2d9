// Issue 14, gap 8: refusals and misses answer with their HTTP status, not a 200 page that says so
// (the pages no longer stream a skeleton before deciding), and malformed addresses are a 400 or a 404,
// never a 500.
import { expect, test } from '@playwright/test';
import { asRole } from './fixtures';

test.describe(() => {
  test.use(asRole('refunder'));

  test('a page the role may not see answers 403; an id that matches nothing, 404', async ({ page }) => {
    const forbidden = await page.goto('/users');
    expect(forbidden?.status()).toBe(403);
    await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
    expect((await page.goto('/payment-methods'))?.status()).toBe(403);

    const missing = await page.goto('/transactions/NO_SUCH_PAYMENT_ID');
    expect(missing?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Payment not found' })).toBeVisible();
    expect((await page.goto('/refunds/NO_SUCH_REFUND_ID'))?.status()).toBe(404);
  });

  test('a malformed escape in an address and a NUL in a search are a 400, not a crash', async ({ request }) => {
    for (const path of ['/refunds/%E0%A4%A', '/transactions/%E0%A4%A']) {
      const bad = await request.get(path);
      expect(bad.status(), path).toBe(400);
    }
    const nul = await request.get('/transactions?q=PAY%00X');
    expect(nul.status()).toBe(400);
    expect(await nul.text()).toMatch(/NUL/);
  });
});
