import { expect, test, type Page } from '@playwright/test';
import { asRole, shoot, watchCsp } from './fixtures';
import { createPayment, db, refundsOf, setFaults } from './world';

async function openPayment(page: Page, paymentId: string) {
  await page.goto(`/transactions/${paymentId}`);
  await expect(page.getByRole('heading', { name: 'Refund', exact: true })).toBeVisible();
}

async function refund(page: Page, amount: 'all' | string) {
  if (amount === 'all') await page.getByLabel(/Everything left/).check();
  else {
    await page.getByLabel('Part of it').check();
    await page.getByLabel(/^Amount/).fill(amount);
  }
  await page.getByRole('button', { name: 'Review refund' }).click();
  await page.getByRole('button', { name: /^Refund / }).click();
}

const refundsSection = (page: Page) => page.getByRole('list', { name: /Refunds of this payment/ });

test.describe('refunding from the payment page', () => {
  test.use(asRole('refunder'));

  test.afterEach(async () => {
    await setFaults([]);
  });

  test('a refunder refunds part of a payment, then the rest; too much and too many decimals are refused', async ({
    page,
  }) => {
    const payment = await createPayment({ amountValue: 10_000, currency: 'USD', method: 'ALIPAY_CN' });
    await watchCsp(page); // the refund form's script runs within the policy (shoot() checks)
    await openPayment(page, payment.paymentId);

    await page.getByLabel('Part of it').check();
    const amount = page.getByLabel(/^Amount/);
    await amount.fill('150');
    await expect(page.getByText('The amount is more than can be refunded: at most US$100.00.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Review refund' })).toBeDisabled();
    await amount.fill('10.505');
    await expect(page.getByText('USD allows at most 2 decimal places.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Review refund' })).toBeDisabled();

    await amount.fill('30');
    await shoot(page, 'refund-form');
    await page.getByRole('button', { name: 'Review refund' }).click();
    await shoot(page, 'refund-confirm');
    await expect(page.getByText(/Refund US\$30\.00 of the US\$100\.00 paid by Alipay/)).toBeVisible();
    await page.getByRole('button', { name: 'Refund US$30.00' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Refund US$30.00 — refunded.' })).toBeVisible();
    await expect(refundsSection(page).getByText('$30.00')).toBeVisible();

    await refund(page, 'all');
    await expect(page.getByRole('status').filter({ hasText: 'Refund US$70.00 — refunded.' })).toBeVisible();
    await expect(page.getByTestId('refund-blocked')).toHaveText(
      'Nothing left to refund: earlier refunds cover the whole payment.',
    );
    await shoot(page, 'refund-done');
    expect((await refundsOf(payment.paymentId)).map((r) => [r.status, r.amount_value])).toEqual([
      ['SUCCESS', 3_000],
      ['SUCCESS', 7_000],
    ]);
  });

  test('the payment page tells its own story, oldest first: paid, the refund asked for and by whom, its states', async ({
    page,
  }) => {
    const payment = await createPayment({ amountValue: 5_000, currency: 'USD', method: 'ALIPAY_CN' });
    await openPayment(page, payment.paymentId);
    await refund(page, '12.50');
    await expect(page.getByRole('status').filter({ hasText: 'Refund US$12.50 — refunded.' })).toBeVisible();
    const [made] = await refundsOf(payment.paymentId);

    await page.reload(); // the timeline is read with the page
    const timeline = page.getByRole('list', { name: 'What happened to this payment, oldest first' });
    const events = timeline.getByRole('listitem');
    await expect(events.first()).toContainText('Payment created');
    await expect(events.nth(1)).toContainText('Paid');
    const asked = events.filter({ hasText: 'Refund of US$12.50 asked by E2E' });
    await expect(asked).toHaveCount(1);
    // The refund is named by the end of its id, whole for screen readers, and opens its page.
    const link = asked.getByRole('link', { name: `refund ${made!.refund_request_id}` });
    await expect(link.locator('[aria-hidden="true"]')).toHaveText(`…${made!.refund_request_id.slice(-6)}`);
    // Its state changes, in order, ending Refunded (the sandbox answered SUCCESS).
    await expect(events.filter({ hasText: /→ Refunded/ })).toHaveCount(1);
    const texts = await events.allTextContents();
    const askedAt = texts.findIndex((t) => t.includes('Refund of US$12.50'));
    const refundedAt = texts.findIndex((t) => /→ Refunded/.test(t));
    expect(askedAt).toBeGreaterThan(1);
    expect(refundedAt).toBeGreaterThan(askedAt);
    await shoot(page, 'payment-timeline');
    await link.click();
    await expect(page).toHaveURL(new RegExp(`/refunds/${made!.refund_request_id}$`));
  });

  test.describe(() => {
    test.use(asRole('viewer'));

    test('a viewer sees no refund form, and a forged refund POST as a viewer changes nothing', async ({
      page,
      browser,
    }) => {
      const payment = await createPayment({ amountValue: 5_000, currency: 'SGD', method: 'GCASH' });

      // Capture a real refund server-action request as a refunder would send it...
      const refunderContext = await browser.newContext(asRole('refunder'));
      const refunder = await refunderContext.newPage();
      await openPayment(refunder, payment.paymentId);
      await refunder.getByLabel(/Everything left/).check();
      await refunder.getByRole('button', { name: 'Review refund' }).click();
      let captured: { headers: Record<string, string>; body: Buffer } | undefined;
      await refunder.route(`**/transactions/${payment.paymentId}`, async (route) => {
        const request = route.request();
        if (request.method() === 'POST' && request.headers()['next-action']) {
          captured = { headers: request.headers(), body: request.postDataBuffer()! };
          await route.abort(); // the refunder never sends it
        } else await route.continue();
      });
      await refunder.getByRole('button', { name: /^Refund / }).click();
      await expect.poll(() => !!captured).toBe(true);
      await refunderContext.close();

      // ...and replay it with a viewer's session.
      await openPayment(page, payment.paymentId);
      await expect(page.getByRole('button', { name: 'Review refund' })).toHaveCount(0);
      await expect(page.getByText('Your role (Viewer) can see refunds but not make them.')).toBeVisible();
      const { cookie: _refunderCookie, ...headers } = captured!.headers;
      const forged = await page.request.post(`/transactions/${payment.paymentId}`, { headers, data: captured!.body });
      expect(await forged.text()).toContain('Your role does not allow this.');

      expect(await refundsOf(payment.paymentId)).toEqual([]);
      const denied = await db().query(
        `SELECT count(*)::int AS n FROM audit_logs WHERE action = 'auth.action_denied' AND details->>'action' = 'refundPayment'`,
      );
      expect(denied.rows[0].n).toBeGreaterThan(0);
    });
  });

  test('an asynchronous card refund shows PROCESSING, then SUCCESS after the notification, here and in /refunds', async ({
    page,
  }) => {
    const payment = await createPayment({ amountValue: 12_345, currency: 'EUR', method: 'CARD' });
    await openPayment(page, payment.paymentId);
    await refund(page, 'all');
    await expect(page.getByRole('status').filter({ hasText: /accepted by Antom, in progress/ })).toBeVisible();
    await expect(refundsSection(page).getByText('Processing')).toBeVisible();
    // No reload: the page re-renders itself while a refund is moving.
    await expect(refundsSection(page).getByText('Refunded')).toBeVisible({ timeout: 20_000 });
    const [row] = await refundsOf(payment.paymentId);
    await page.goto('/refunds?status=SUCCESS'); // newest first: this refund leads the list
    const listed = page.getByRole('row').filter({ hasText: row!.refund_request_id });
    await expect(listed).toHaveCount(1);
    await expect(listed.getByText('Refunded')).toBeVisible();
  });

  test('a refund failed by Antom shows its code and the further action', async ({ page }) => {
    const payment = await createPayment({ amountValue: 8_000, currency: 'USD', method: 'CARD' });
    await setFaults([{ fault: 'asyncFail', count: 1 }]);
    await openPayment(page, payment.paymentId);
    await refund(page, '20');
    await expect(refundsSection(page).getByText('Failed')).toBeVisible({ timeout: 20_000 });
    const [row] = await refundsOf(payment.paymentId);
    expect(row!.status).toBe('FAILED');
    await expect(refundsSection(page).getByText(row!.result_code!)).toBeVisible();
  });

  test('a cancelled refund (never sent: its approval was rejected) shows why, and holds nothing', async ({ page }) => {
    const payment = await createPayment({ amountValue: 6_000, currency: 'SGD', method: 'GCASH' });
    // As refund_cancel_unsent leaves a rejected one (the approvals spec makes one through the pages).
    const id = `E2E_RFD_CANCELLED_${payment.paymentId.slice(-8)}`;
    await db().query(
      `INSERT INTO refunds (refund_request_id, payment_id, amount_value, currency, status, idempotency_key,
                            cancel_reason, created_at, finalized_at, updated_at)
       VALUES ($1, $2, 2500, 'SGD', 'CANCELLED', $3, 'Rejected: the customer kept the goods', now(), now(), now())`,
      [id, payment.paymentId, `k_${id}`],
    );
    await openPayment(page, payment.paymentId);
    const item = refundsSection(page).getByRole('listitem').filter({ hasText: id });
    await expect(item.getByText('Cancelled', { exact: true })).toBeVisible();
    await expect(item).toContainText('Rejected: the customer kept the goods. Nothing was sent to Antom');
    // Cancelled holds nothing: everything is refundable again.
    await expect(page.getByLabel(/Everything left: S\$60\.00/)).toBeVisible();
    await shoot(page, 'payment-CANCELLED'); // beside refund-flow.spec's payment-<state>-<width> shots
  });

  test('an unknown outcome keeps the amount reserved and offers the safe retry, which settles it', async ({ page }) => {
    const payment = await createPayment({ amountValue: 4_200, currency: 'HKD', method: 'ALIPAY_HK' });
    await setFaults([{ fault: 'timeout', count: 2, apis: ['refund.online'] }]);
    await openPayment(page, payment.paymentId);
    await refund(page, '10');
    await expect(page.getByRole('status').filter({ hasText: /outcome not known yet/ })).toBeVisible();
    await expect(refundsSection(page).getByText('Unknown', { exact: true })).toBeVisible();
    await shoot(page, 'refund-unknown');
    await setFaults([]);
    await refundsSection(page).getByRole('button', { name: 'Retry with the same request id' }).click();
    await expect(refundsSection(page).getByText('Refunded')).toBeVisible({ timeout: 20_000 });
    const rows = await refundsOf(payment.paymentId);
    expect(rows.map((r) => [r.status, r.amount_value])).toEqual([['SUCCESS', 1_000]]);
  });
});
