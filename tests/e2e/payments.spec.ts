// Payments that reach the dashboard from Antom's notifyPayment: taken at the sandbox as a buyer
// would pay, they appear in the transactions list and can be refunded; a payment page left open
// follows the payment's status by itself.
import { expect, test } from '@playwright/test';
import { asRole, shoot, watchCsp } from './fixtures';
import { sandboxUrl } from './world';

interface Taken {
  paymentId: string;
  paymentRequestId: string;
  status: string;
}

async function takePayment(body: Record<string, unknown>): Promise<Taken> {
  const res = await fetch(`${sandboxUrl()}/__sandbox/payments/take`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`the sandbox refused the payment: ${await res.text()}`);
  return (await res.json()) as Taken;
}

test.describe('payments taken at Antom', () => {
  test.use(asRole('refunder'));

  test('a payment taken at the sandbox appears in the open transactions list after a reload, and its page refunds it', async ({
    page,
  }) => {
    await watchCsp(page);
    await page.goto('/transactions');
    const taken = await takePayment({ method: 'ALIPAY_CN', amountValue: 1_250, currency: 'USD', delayMs: 0 });
    const row = page.getByRole('row').filter({ hasText: taken.paymentId });
    // Its notifyPayment arrives on its own time: reload until the list shows it (newest first).
    await expect(async () => {
      await page.reload();
      await expect(row).toHaveCount(1, { timeout: 1_000 });
    }).toPass();
    await expect(row.getByText('Succeeded')).toBeVisible();
    await shoot(page, 'transactions-with-notified-payment');

    await page.goto(`/transactions/${taken.paymentId}`);
    await page.getByLabel(/Everything left/).check();
    await page.getByRole('button', { name: 'Review refund' }).click();
    await page.getByRole('button', { name: 'Refund US$12.50' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Refund US$12.50 — refunded.' })).toBeVisible();
  });

  test('an open payment page follows a PENDING payment to its result without a reload', async ({ page }) => {
    const taken = await takePayment({ method: 'CARD', amountValue: 7_700, currency: 'EUR', delayMs: 600_000 });
    expect(taken.status).toBe('PENDING');
    const heading = page.getByRole('heading', { name: 'Refund', exact: true });
    await expect(async () => {
      await page.goto(`/transactions/${taken.paymentId}`);
      await expect(heading).toBeVisible({ timeout: 1_000 });
    }).toPass();
    await expect(page.getByText('Pending').first()).toBeVisible();

    const settled = await fetch(`${sandboxUrl()}/__sandbox/payments/settle`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ paymentId: taken.paymentId }),
    });
    expect(settled.ok).toBe(true);
    // No reload: the page re-renders itself while the payment is still moving.
    await expect(page.getByText('Succeeded').first()).toBeVisible({ timeout: 20_000 });
    await expect(page.getByLabel(/Everything left/)).toBeVisible();
  });
});
