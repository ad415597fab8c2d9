// Issue 15, part A: the refund flow a merchant's support person trusts. Two tabs on one payment, a
// stale confirmation refused inside the confirm box with the corrected amount offered, the banner
// following the refund's state, next steps tied to the page's buttons, the reason picker, copy
// buttons, and the keyboard path with focus where the person needs it. Real Chromium, real server,
// real sandbox, real PostgreSQL.
import { expect, test, type Page } from '@playwright/test';
import { asRole } from './fixtures';
import { createPayment, db, refundsOf, setFaults } from './world';

async function openPayment(page: Page, paymentId: string) {
  await page.goto(`/transactions/${paymentId}`);
  await expect(page.getByRole('heading', { name: 'Refund', exact: true })).toBeVisible();
}

const refundsSection = (page: Page) => page.getByRole('list', { name: /Refunds of this payment/ });
const banner = (page: Page) => page.getByTestId('refund-banner');

async function refundPart(page: Page, amount: string) {
  await page.getByLabel('Part of it').check();
  await page.getByLabel(/^Amount/).fill(amount);
  await page.getByRole('button', { name: 'Review refund' }).click();
  await page.getByRole('button', { name: /^Refund / }).click();
}

test.describe('the refund flow', () => {
  test.use(asRole('refunder'));

  test.afterEach(async () => {
    await setFaults([]);
  });

  test('two tabs: a stale "everything left" is refused inside the confirm box, focused, with what is left now offered', async ({
    page,
    context,
  }) => {
    const payment = await createPayment({ amountValue: 49_070, currency: 'USD', method: 'ALIPAY_CN' });
    const second = await context.newPage();
    await openPayment(page, payment.paymentId);
    await openPayment(second, payment.paymentId);

    // The second tab confirms everything left as it saw it: $490.70.
    await second.getByLabel(/Everything left/).check();
    await second.getByRole('button', { name: 'Review refund' }).click();
    await expect(second.getByTestId('refund-confirm')).toContainText(
      /490\.70 of the .*490\.70 paid .*\(everything left\)/,
    );

    // Meanwhile the first tab refunds $300.00.
    await refundPart(page, '300');
    await expect(banner(page)).toContainText(/Refund .*300\.00 — refunded\./);

    await second.getByRole('button', { name: /^Refund .*490\.70$/ }).click();
    const refusal = second.getByTestId('refund-refusal');
    await expect(refusal).toBeVisible();
    await expect(refusal).toBeFocused();
    await expect(refusal).toHaveAttribute('role', 'alert');
    await expect(refusal).toContainText(
      /Nothing was refunded\. Another refund of this payment was made since this page was shown\. You saw .*490\.70 left; .*190\.70 is left now\./,
    );
    // Nothing was refunded by the refused confirmation.
    expect((await refundsOf(payment.paymentId)).map((r) => r.amount_value)).toEqual([30_000]);

    // The corrected amount, offered; the confirmation shows it before anything is sent.
    await refusal.getByRole('button', { name: /Use .*190\.70 instead \(everything left now\)/ }).click();
    await expect(second.getByTestId('refund-refusal')).toHaveCount(0);
    const confirmButton = second.getByRole('button', { name: /^Refund .*190\.70$/ });
    await expect(confirmButton).toBeFocused();
    await confirmButton.click();
    await expect(banner(second)).toContainText(/Refund .*190\.70 — refunded\./);
    expect((await refundsOf(payment.paymentId)).map((r) => [r.status, r.amount_value])).toEqual([
      ['SUCCESS', 30_000],
      ['SUCCESS', 19_070],
    ]);
  });

  test('a stale partial amount is refused too (what was left moved), and the typed amount is offered again', async ({
    page,
    context,
  }) => {
    const payment = await createPayment({ amountValue: 10_000, currency: 'EUR', method: 'ALIPAY_CN' });
    const second = await context.newPage();
    await openPayment(page, payment.paymentId);
    await openPayment(second, payment.paymentId);
    await second.getByLabel('Part of it').check();
    await second.getByLabel(/^Amount/).fill('50');
    await second.getByRole('button', { name: 'Review refund' }).click();

    await refundPart(page, '30');
    await expect(banner(page)).toContainText('refunded');

    await second.getByRole('button', { name: /^Refund .*50\.00$/ }).click();
    const refusal = second.getByTestId('refund-refusal');
    await expect(refusal).toBeFocused();
    await expect(refusal).toContainText(/You saw .*100\.00 left; .*70\.00 is left now\./);
    expect(await refundsOf(payment.paymentId)).toHaveLength(1);
    await refusal.getByRole('button', { name: /Use .*50\.00 instead$/ }).click();
    await second.getByRole('button', { name: /^Refund .*50\.00$/ }).click();
    await expect(banner(second)).toContainText('refunded');
    expect((await refundsOf(payment.paymentId)).map((r) => r.amount_value)).toEqual([3_000, 5_000]);
  });

  test('the banner follows the refund: accepted and in progress, then refunded, without a reload', async ({ page }) => {
    const payment = await createPayment({ amountValue: 12_345, currency: 'EUR', method: 'CARD' });
    await openPayment(page, payment.paymentId);
    await refundPart(page, '20');
    await expect(banner(page)).toHaveAttribute('data-status', /PROCESSING|SUCCESS/);
    await expect(banner(page)).toHaveAttribute('data-status', 'SUCCESS', { timeout: 20_000 });
    await expect(banner(page)).toContainText(/— refunded\. The money is on its way back/);
    await expect(banner(page)).not.toContainText('in progress');
  });

  test('a failed refund: the banner says failed; the next step offers "Refund again" and the ids to give Antom, with Antom\'s wording one click away', async ({
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const payment = await createPayment({ amountValue: 8_000, currency: 'USD', method: 'CARD' });
    await setFaults([{ fault: 'asyncFail', count: 1 }]);
    await openPayment(page, payment.paymentId);
    await refundPart(page, '20');
    await expect(banner(page)).toHaveAttribute('data-status', 'FAILED', { timeout: 20_000 });
    await expect(banner(page)).toContainText(/— failed\. Nothing was refunded/);
    await expect(banner(page)).not.toContainText('in progress');

    const [row] = await refundsOf(payment.paymentId);
    expect(row!.result_code).toBe('PROCESS_FAIL'); // Antom: do not retry, ask its support
    const next = refundsSection(page).getByTestId('refund-next-step');
    await expect(next).toContainText('Nothing was refunded. Only Antom can say more: contact Antom with these ids.');
    await expect(next).not.toContainText(/\bAPI\b|inquiryRefund|Technical Support/);
    await expect(next.getByRole('link', { name: 'Refund again' })).toHaveCount(0);
    await expect(next.getByRole('button', { name: 'Check status now' })).toHaveCount(0);
    await expect(next.getByRole('button', { name: 'Retry with the same request id' })).toHaveCount(0);
    await refundsSection(page).getByText("Antom's wording").click();
    await expect(
      refundsSection(page)
        .getByText(/Antom Technical Support|contact|Contact/)
        .first(),
    ).toBeVisible();

    await next.getByText('Contact Antom with these ids', { exact: true }).click();
    await next.getByRole('button', { name: 'Copy refundRequestId' }).click();
    await expect(next.getByText('Copied').first()).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(row!.refund_request_id);
    await next.getByRole('button', { name: 'Copy paymentId' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(payment.paymentId);
    await next.getByRole('button', { name: 'Copy all these ids' }).click();
    const all = await page.evaluate(() => navigator.clipboard.readText());
    expect(all).toContain(`refundRequestId: ${row!.refund_request_id}`);
    expect(all).toContain(`paymentId: ${payment.paymentId}`);
    expect(all).toMatch(/Time \(UTC\): \d{4}-\d\d-\d\dT/);
  });

  test('a refund Antom refused as sent: "Refund again" takes the person to the form, with the amount free again', async ({
    page,
  }) => {
    // The dashboard believes the payment is larger than Antom does: Antom refuses the refund (F).
    const payment = await createPayment({ amountValue: 5_000, currency: 'USD', method: 'ALIPAY_CN' });
    await db().query('UPDATE payments SET amount_value = 9000 WHERE payment_id = $1', [payment.paymentId]);
    await openPayment(page, payment.paymentId);
    await refundPart(page, '85');
    await expect(banner(page)).toHaveAttribute('data-status', 'FAILED');
    const next = refundsSection(page).getByTestId('refund-next-step');
    await expect(next).toContainText('press "Refund again"');
    await expect(next.getByText('Contact Antom with these ids', { exact: true })).toBeVisible();
    await next.getByRole('link', { name: 'Refund again' }).click();
    await expect(page.getByLabel(/Everything left: .*90\.00/)).toBeFocused();
  });

  test('an unknown outcome: "Check status now" and "Retry with the same request id" beside the words that name them', async ({
    page,
  }) => {
    const payment = await createPayment({ amountValue: 4_200, currency: 'HKD', method: 'ALIPAY_HK' });
    await setFaults([{ fault: 'timeout', count: 2, apis: ['refund.online'] }]);
    await openPayment(page, payment.paymentId);
    await refundPart(page, '10');
    await expect(banner(page)).toHaveAttribute('data-status', 'UNKNOWN');
    const next = refundsSection(page).getByTestId('refund-next-step');
    await expect(next).toContainText('press "Check status now"');
    await expect(next.getByRole('button', { name: 'Check status now' })).toBeVisible();
    await expect(next.getByRole('button', { name: 'Retry with the same request id' })).toBeVisible();
    await setFaults([]);
    await next.getByRole('button', { name: 'Retry with the same request id' }).click();
    await expect(banner(page)).toHaveAttribute('data-status', 'SUCCESS', { timeout: 20_000 });
  });

  test("the reason picker composes Antom's refundReason, stores its code, and the refunds list filters by it", async ({
    page,
  }) => {
    const payment = await createPayment({ amountValue: 6_000, currency: 'USD', method: 'ALIPAY_CN' });
    await openPayment(page, payment.paymentId);
    await page.getByLabel('Part of it').check();
    await page.getByLabel(/^Amount/).fill('15');
    const reason = page.getByLabel(/^Reason/);
    await reason.selectOption({ label: 'Other' });
    // "Other" needs words.
    await expect(page.getByRole('button', { name: 'Review refund' })).toBeDisabled();
    await reason.selectOption({ label: 'Duplicate' });
    await page.getByLabel(/^Reason details/).fill('order 1234 charged twice');
    await expect(page.getByText('Antom receives: “Duplicate: order 1234 charged twice”')).toBeVisible();
    await page.getByRole('button', { name: 'Review refund' }).click();
    await expect(page.getByText('Reason sent to Antom: Duplicate: order 1234 charged twice')).toBeVisible();
    await page.getByRole('button', { name: /^Refund / }).click();
    await expect(banner(page)).toContainText('refunded');

    const { rows } = await db().query(
      'SELECT refund_request_id, reason, reason_code::text AS reason_code FROM refunds WHERE payment_id = $1',
      [payment.paymentId],
    );
    expect(rows).toEqual([
      {
        refund_request_id: expect.any(String),
        reason: 'Duplicate: order 1234 charged twice',
        reason_code: 'DUPLICATE',
      },
    ]);
    await page.goto('/refunds?reason=DUPLICATE');
    await expect(page.getByRole('row').filter({ hasText: rows[0].refund_request_id })).toHaveCount(1);
    await page.goto('/refunds?reason=FRAUDULENT');
    await expect(page.getByRole('row').filter({ hasText: rows[0].refund_request_id })).toHaveCount(0);
  });

  test('the keyboard path: grouped amounts as printed, Enter reviews and refunds, Escape goes back, focus follows', async ({
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const payment = await createPayment({ amountValue: 5_000, currency: 'JPY', method: 'ALIPAY_CN' });
    await openPayment(page, payment.paymentId);
    await page.getByRole('button', { name: 'Copy paymentId' }).first().click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(payment.paymentId);

    await page.getByLabel('Part of it').check();
    const amount = page.getByLabel(/^Amount/);
    await expect(amount).toBeFocused();
    await expect(page.getByText('JPY takes no decimals, like ¥1,500.')).toBeVisible();
    await amount.fill('¥1,500');
    await amount.press('Enter');
    const confirmButton = page.getByRole('button', { name: 'Refund ¥1,500' });
    await expect(confirmButton).toBeFocused();
    await expect(
      page.getByRole('status').filter({ hasText: 'Confirm: refund ¥1,500 of the ¥5,000 paid.' }),
    ).toHaveCount(1);

    await page.keyboard.press('Escape');
    await expect(page.getByTestId('refund-confirm')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Review refund' })).toBeFocused();
    await expect(amount).toHaveValue('¥1,500');

    await page.keyboard.press('Enter');
    await expect(confirmButton).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(banner(page)).toBeFocused();
    await expect(banner(page)).toContainText('Refund ¥1,500 — refunded.');
    expect((await refundsOf(payment.paymentId)).map((r) => r.amount_value)).toEqual([1_500]);

    // Grouping that is not what the page prints is refused as the person types, with an example.
    await page.getByLabel('Part of it').check();
    await page.getByLabel(/^Amount/).fill('1,50');
    await expect(page.getByText('Group digits in threes, like ¥1,500.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Review refund' })).toBeDisabled();
  });

  // The payment page in each state a refund can be in, at 1280 and 390 wide, for people to look at
  // (tests/artifacts/screenshots/payment-<state>-<width>.png); nothing may be wider than the phone.
  test('screenshots of the payment page in each refund state, desktop and phone', async ({ page }) => {
    test.setTimeout(120_000);
    const states: { state: string; method: string; faults: Parameters<typeof setFaults>[0] }[] = [
      { state: 'PROCESSING', method: 'CARD', faults: [{ fault: 'notifyLost', count: 5 }] },
      { state: 'UNKNOWN', method: 'ALIPAY_HK', faults: [{ fault: 'timeout', count: 2, apis: ['refund.online'] }] },
      { state: 'SUCCESS', method: 'ALIPAY_CN', faults: [] },
      { state: 'FAILED', method: 'CARD', faults: [{ fault: 'asyncFail', count: 1 }] },
    ];
    for (const { state, method, faults } of states) {
      const payment = await createPayment({ amountValue: 25_000, currency: 'USD', method });
      await setFaults(faults);
      await page.setViewportSize({ width: 1280, height: 900 });
      await openPayment(page, payment.paymentId);
      await page.getByLabel(/^Reason/).selectOption({ label: 'Requested by customer' });
      await refundPart(page, '40');
      await expect(banner(page)).toHaveAttribute('data-status', state, { timeout: 20_000 });
      await setFaults([]);
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
        await page.evaluate(() => document.fonts.ready);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `the ${state} payment page scrolls sideways at ${width}`).toBeLessThanOrEqual(0);
        await page.screenshot({ path: `tests/artifacts/screenshots/payment-${state}-${width}.png`, fullPage: true });
      }
    }
  });
});
