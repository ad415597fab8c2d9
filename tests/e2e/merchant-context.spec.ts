// A support person's context (issue 15): what a payment has become through its refunds, the
// merchant's order id and method next to Antom's ids, ids found as people paste them, exports named
// by what they hold, and a create-user form that keeps what was typed.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { asRole, shoot, watchCsp } from './fixtures';
import { createPayment, db, type TestPayment } from './world';

/** A refund Antom has already settled, written as the engine leaves one (the trigger moves the payment's totals). */
async function settledRefund(payment: TestPayment, amountValue: number, status: 'SUCCESS' | 'FAILED' = 'SUCCESS') {
  const id = `E2E_RFD_${randomBytes(6).toString('hex').toUpperCase()}`;
  await db().query(
    `INSERT INTO refunds (refund_request_id, refund_id, payment_id, amount_value, currency, status, result_code, result_status,
                          idempotency_key, created_at, finalized_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now(), now(), now())`,
    [
      id,
      `ANTOM_${id}`,
      payment.paymentId,
      amountValue,
      payment.currency,
      status,
      status === 'SUCCESS' ? 'SUCCESS' : 'REFUND_AMOUNT_EXCEED',
      status === 'SUCCESS' ? 'S' : 'F',
      `k_${id}`,
    ],
  );
  return id;
}

/** A status badge (it carries its hint as a title), not the phone layout's column label of the same word. */
const badge = (scope: Locator, label: string) => scope.locator('[title]').getByText(label, { exact: true });

/** The row of this payment in the transactions list filtered by a shown status (newest first: it is on page 1). */
async function filterByStatus(page: Page, label: string) {
  await page.goto('/transactions');
  await page.getByLabel('Status').selectOption({ label });
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/status=/);
}

test.describe('merchant context', () => {
  test.use(asRole('viewer'));

  test('a payment shows Partially refunded, then Refunded: in the list, its status filter, its page and the CSV', async ({
    page,
  }) => {
    await watchCsp(page);
    const payment = await createPayment({ amountValue: 10_000, currency: 'USD', method: 'GCASH' });
    const row = page.getByRole('row').filter({ hasText: payment.paymentId });

    // A failed refund refunds nothing: still Succeeded.
    await settledRefund(payment, 10_000, 'FAILED');
    await filterByStatus(page, 'Succeeded');
    await expect(badge(row, 'Succeeded')).toBeVisible();

    await settledRefund(payment, 2_500);
    await filterByStatus(page, 'Partially refunded');
    await expect(badge(row, 'Partially refunded')).toBeVisible();
    // The merchant's order id and the method sit next to Antom's paymentId.
    await expect(row.getByText(payment.paymentRequestId)).toBeVisible();
    await expect(row.getByText('GCash')).toBeVisible();
    await filterByStatus(page, 'Succeeded');
    await expect(row).toHaveCount(0);
    await page.goto(`/transactions/${payment.paymentId}`);
    // The page's badge (a refund's own badge may say Refunded too: the payment's says what became of the payment).
    await expect(page.getByTitle('The payment was completed and part of it has been refunded.')).toHaveText(
      'Partially refunded',
    );

    await settledRefund(payment, 7_500);
    await filterByStatus(page, 'Refunded');
    await expect(badge(row, 'Refunded')).toBeVisible();
    await filterByStatus(page, 'Partially refunded');
    await expect(row).toHaveCount(0);
    await page.goto(`/transactions/${payment.paymentId}`);
    await expect(page.getByTitle('The payment was completed and all of it has been refunded.')).toHaveText('Refunded');
    await filterByStatus(page, 'Refunded');
    await shoot(page, 'transactions-refunded-filter');

    // The CSV of the filtered list: named by its filter, the shown status, order id and method in it.
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^transactions_status-REFUNDED_\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await file.path())!, 'utf8');
    const [header, ...lines] = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\n');
    const columns = header!.split(',');
    const line = lines.find((l) => l.includes(payment.paymentId))!.split(',');
    const cell = (name: string) => line[columns.indexOf(name)];
    expect(cell('status')).toBe('REFUNDED');
    expect(cell('payment_request_id')).toBe(payment.paymentRequestId);
    expect(cell('method')).toBe('GCASH');
    expect(cell('refunded')).toBe('100.00');
    // A time spreadsheets read as a date: "2026-12-03 10:04:05".
    expect(cell('created_at')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  test('ids are found trimmed, in any case, and by a prefix of at least 8 characters', async ({ page }) => {
    await watchCsp(page);
    const payment = await createPayment({ amountValue: 4_200, currency: 'SGD' });
    const refundRequestId = await settledRefund(payment, 1_000);
    const search = async (text: string) => {
      await page.goto('/transactions');
      await page.getByLabel('Find a payment by id').fill(text);
      await page.getByRole('button', { name: 'Search' }).click();
    };
    const row = page.getByRole('row').filter({ hasText: payment.paymentId });

    await search(`  ${payment.paymentRequestId.toLowerCase()}  `);
    await expect(row.getByText('Matched by paymentRequestId')).toBeVisible();
    await expect(page.getByLabel('Find a payment by id')).toHaveValue(payment.paymentRequestId.toLowerCase());

    await search(payment.paymentId.slice(0, -2).toLowerCase());
    await expect(row.getByText('Matched by the start of paymentId')).toBeVisible();

    await search(refundRequestId.slice(0, -3).toLowerCase());
    await expect(row.getByText("Matched by the start of a refund's refundRequestId")).toBeVisible();
    await expect(badge(row, 'Partially refunded')).toBeVisible();
    await shoot(page, 'transactions-search-by-prefix');

    // Seven characters are not enough for a prefix: only a whole id that short would match.
    await search(payment.paymentId.slice(0, 7));
    await expect(page.getByText('A partial id needs at least 8 characters.')).toBeVisible();
    await expect(row).toHaveCount(0);
  });

  test('the refunds list and its CSV show the order id and method; a filtered export is named by its filter', async ({
    page,
  }) => {
    const payment = await createPayment({ amountValue: 3_000, currency: 'EUR', method: 'CARD' });
    const refundRequestId = await settledRefund(payment, 3_000, 'FAILED');
    await page.goto('/refunds?status=FAILED&from=2026-01-01');
    const row = page.getByRole('row').filter({ hasText: refundRequestId });
    await expect(row.getByText(payment.paymentRequestId)).toBeVisible();
    await expect(row.getByText('Card')).toBeVisible();

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^refunds_status-FAILED_2026-01-01\.\.\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await file.path())!, 'utf8');
    const [header, ...lines] = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\n');
    const columns = header!.split(',');
    const line = lines.find((l) => l.includes(refundRequestId))!.split(',');
    expect(line[columns.indexOf('payment_request_id')]).toBe(payment.paymentRequestId);
    expect(line[columns.indexOf('method')]).toBe('CARD');
    expect(line[columns.indexOf('created_at')]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });
});

test.describe('creating a user', () => {
  test.use(asRole('admin'));

  test('a refused form keeps what was typed and marks the field in error', async ({ page }) => {
    await page.goto('/users');
    const email = page.getByLabel('Email');
    await email.fill('nina.at.example');
    await page.getByLabel('Name').fill('Nina Newcomer');
    await page.getByLabel('Role', { exact: true }).selectOption('REFUNDER');
    await page.getByRole('button', { name: 'Create user' }).click();

    await expect(page.getByText('Enter a valid email address.')).toBeVisible();
    await expect(email).toHaveValue('nina.at.example');
    await expect(page.getByLabel('Name')).toHaveValue('Nina Newcomer');
    await expect(page.getByLabel('Role', { exact: true })).toHaveValue('REFUNDER');
    await expect(email).toHaveAttribute('aria-invalid', 'true');
    await expect(email).toBeFocused();
    await expect(page.getByLabel('Name')).not.toHaveAttribute('aria-invalid', 'true');
    await shoot(page, 'users-create-refused');

    const address = `nina.${Date.now()}@demo.test`;
    await email.fill(address);
    await page.getByRole('button', { name: 'Create user' }).click();
    await expect(page.getByTestId('one-time-password')).toBeVisible();
    await expect(email).toHaveValue('');
    await expect(email).not.toHaveAttribute('aria-invalid', 'true');

    // The same email again: refused at the email field, with everything typed kept.
    await email.fill(address.toUpperCase());
    await page.getByLabel('Name').fill('Nina Again');
    await page.getByRole('button', { name: 'Create user' }).click();
    await expect(page.getByText('A user with this email already exists.')).toBeVisible();
    await expect(email).toHaveAttribute('aria-invalid', 'true');
    await expect(email).toHaveValue(address.toUpperCase());
    await expect(page.getByLabel('Name')).toHaveValue('Nina Again');
  });
});
