import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { asRole, shoot } from './fixtures';
import { db, sandboxUrl } from './world';

/** A payment only Antom knows: registered at the sandbox, never in the dashboard's database. */
async function atAntomOnly(channel: 'ONLINE' | 'IN_STORE', status: 'SUCCESS' | 'PENDING' = 'SUCCESS') {
  const n = `${Date.now()}${randomBytes(3).toString('hex').toUpperCase()}`;
  const paidAt = new Date(Date.now() - 3_600_000).toISOString();
  const payment = {
    paymentId: `LKP${n}`,
    paymentRequestId: `${channel === 'ONLINE' ? 'ORD' : 'POS'}_LKP_${n}`,
    channel,
    amountValue: 4_250,
    currency: 'USD',
    method: 'GCASH',
    status,
    createdAt: paidAt,
    paidAt: status === 'SUCCESS' ? paidAt : null,
  };
  const res = await fetch(`${sandboxUrl()}/__sandbox/payments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payment),
  });
  if (!res.ok) throw new Error(`The sandbox refused the payment: ${await res.text()}`);
  return payment;
}

const held = async (paymentId: string) =>
  (await db().query('SELECT status FROM payments WHERE payment_id = $1', [paymentId])).rows;

test.describe('looking up an id the dashboard never saw', () => {
  test.use(asRole('refunder'));

  test('a refunder searches, looks it up at Antom, and lands on its imported page, ready to refund', async ({
    page,
  }) => {
    const payment = await atAntomOnly('ONLINE');
    await page.goto(`/transactions?q=${payment.paymentRequestId}`);
    await expect(page.getByText('No payment has this id')).toBeVisible();
    await shoot(page, 'lookup-empty-search');
    await page.getByRole('button', { name: 'Look it up at Antom' }).click();

    await expect(page).toHaveURL(`/transactions/${payment.paymentId}?imported=1`);
    await expect(page.getByRole('status').filter({ hasText: 'Imported from Antom' })).toContainText(
      'it is now in the dashboard and can be refunded',
    );
    await expect(page.getByRole('heading', { name: 'Refund', exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Review refund' })).toBeVisible();
    await shoot(page, 'lookup-imported');
    expect(await held(payment.paymentId)).toEqual([{ status: 'SUCCESS' }]);

    // The search finds it now, by either id.
    await page.goto(`/transactions?q=${payment.paymentId}`);
    await expect(page.getByRole('link', { name: payment.paymentId })).toBeVisible();
  });

  test('an in-store payment that is still pending is imported and its page says why it cannot be refunded', async ({
    page,
  }) => {
    const payment = await atAntomOnly('IN_STORE', 'PENDING');
    await page.goto(`/transactions?q=${payment.paymentRequestId}`);
    await page.getByRole('button', { name: 'Look it up at Antom' }).click();
    await expect(page).toHaveURL(`/transactions/${payment.paymentId}?imported=1`);
    await expect(page.getByRole('alert').filter({ hasText: 'not refundable' })).toContainText(
      'it can be refunded once it succeeds',
    );
  });

  test('an id Antom does not know is answered in place, and nothing is imported', async ({ page }) => {
    const id = `ORD_NOWHERE_${randomBytes(4).toString('hex')}`;
    await page.goto(`/transactions?q=${id}`);
    await page.getByRole('button', { name: 'Look it up at Antom' }).click();
    const answer = page.getByRole('status').filter({ hasText: 'Not found at Antom' });
    await expect(answer).toContainText('another merchant');
    await expect(page).toHaveURL(`/transactions?q=${id}`);
    await shoot(page, 'lookup-not-found');
  });
});

test.describe('a viewer', () => {
  test.use(asRole('viewer'));

  test('sees that the payment is unknown here and who can import it, with no button', async ({ page }) => {
    const payment = await atAntomOnly('ONLINE');
    await page.goto(`/transactions?q=${payment.paymentRequestId}`);
    await expect(page.getByText('No payment has this id')).toBeVisible();
    await expect(
      page.getByText('This payment is unknown here. Admins and Refunders can look it up at Antom'),
    ).toBeVisible();
    await expect(page.getByRole('button', { name: 'Look it up at Antom' })).toHaveCount(0);
    expect(await held(payment.paymentId)).toEqual([]);
  });
});
