// Reconciliation with Antom's reports (issue 13), in the browser: an admin uploads the report the
// sandbox writes for a day, with differences planted, sees them counted, opens one and marks it
// explained; a viewer reads the page but can neither upload nor mark.
import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { asRole, shoot } from './fixtures';
import { db, sandboxUrl } from './world';

/** A day of its own in the past (the demo data is near today), with three payments Antom knows. */
async function arrangeDay() {
  const day = new Date(Date.UTC(2001, 0, 1) + Math.floor(Math.random() * 3000) * 86_400_000).toISOString().slice(0, 10);
  const tag = randomBytes(4).toString('hex').toUpperCase();
  const payments = [1, 2, 3].map((i) => ({
    paymentId: `REC${tag}${i}`,
    paymentRequestId: `REC_REQ_${tag}_${i}`,
    channel: 'ONLINE',
    amountValue: 10_000,
    currency: 'USD',
    method: 'ALIPAY_CN',
    status: 'SUCCESS',
    createdAt: `${day}T0${i}:00:00.000Z`,
    paidAt: `${day}T0${i}:00:00.000Z`,
  }));
  for (const p of payments) {
    const res = await fetch(`${sandboxUrl()}/__sandbox/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(p),
    });
    if (!res.ok) throw new Error(await res.text());
  }
  // The dashboard holds the first two; it still thinks the first is PROCESSING. The third only Antom knows.
  for (const [i, p] of payments.slice(0, 2).entries()) {
    await db().query(
      `INSERT INTO payments (payment_id, payment_request_id, channel, amount_value, currency, method, status, created_at, paid_at, updated_at)
       VALUES ($1, $2, 'ONLINE', $3, 'USD', 'ALIPAY_CN', $4, $5, $5, now())`,
      [p.paymentId, p.paymentRequestId, p.amountValue, i === 0 ? 'PROCESSING' : 'SUCCESS', p.createdAt],
    );
  }
  const res = await fetch(`${sandboxUrl()}/__sandbox/reports?date=${day}&kind=transactions&plant=external-refund`);
  if (!res.ok) throw new Error(await res.text());
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')![1]!;
  return { day, tag, payments, file: { name, mimeType: 'text/csv', buffer: Buffer.from(await res.text()) } };
}

const countCell = (page: import('@playwright/test').Page, kind: string) =>
  page.locator(`tr[data-kind="${kind}"] td`).first();

test.describe('reconciliation as an admin', () => {
  test.use(asRole('admin'));

  test('uploads a sandbox report, sees the planted differences, opens one and marks it explained', async ({ page }) => {
    const { day, tag, file } = await arrangeDay();
    await page.goto('/reconciliation');
    await expect(page.getByRole('heading', { name: 'Reconciliation', level: 1 })).toBeVisible();
    await page.getByLabel(/Report file/).setInputFiles(file);
    await page.getByRole('button', { name: 'Upload and reconcile' }).click();
    await expect(page.getByRole('progressbar', { name: 'Upload progress' })).toBeVisible();
    await expect(
      page.getByRole('status').filter({ hasText: `Imported the transaction report of ${day}` }),
    ).toBeVisible();
    await expect(page.getByText('Done.')).toBeVisible();
    await page.getByRole('link', { name: 'Show that day' }).click();
    await expect(page).toHaveURL(new RegExp(`from=${day}&to=${day}`));

    // Planted: a refund made outside; found: the payment the dashboard holds PROCESSING. The third payment was imported.
    await expect(countCell(page, 'EXTERNAL_REFUND')).toHaveText('1');
    await expect(countCell(page, 'PAYMENT_STATUS_DIFFERS')).toHaveText('1');
    await expect(countCell(page, 'AMOUNT_DIFFERS')).toHaveText('0');
    await expect(countCell(page, 'STATUS_DIFFERS')).toHaveText('0');
    await expect(countCell(page, 'MISSING_AT_ANTOM')).toHaveText('0');
    await expect(countCell(page, 'MATCHED')).toHaveText('2');
    const imported = await db().query(`SELECT status::text FROM payments WHERE payment_id = $1`, [`REC${tag}3`]);
    expect(imported.rows).toEqual([{ status: 'SUCCESS' }]);
    await shoot(page, 'reconciliation');

    await page.getByRole('link', { name: /Open difference: Payment status differs/ }).click();
    await expect(page.getByRole('heading', { name: 'Payment status differs' })).toBeVisible();
    await expect(page.getByText('Open the payment and refresh it from Antom.')).toBeVisible();
    await page.getByLabel('Why is this difference fine?').fill('Paid at the counter; refreshed by hand.');
    await page.getByRole('button', { name: 'Mark explained' }).click();
    // The page renders again: the difference now shows who explained it and why.
    await expect(page.getByText(/Explained by .* Paid at the counter; refreshed by hand\./)).toBeVisible();
    const audit = await db().query(
      `SELECT details->>'note' AS note FROM audit_logs WHERE action = 'reconciliation.explained' AND payment_id = $1`,
      [`REC${tag}1`],
    );
    expect(audit.rows).toEqual([{ note: 'Paid at the counter; refreshed by hand.' }]);

    await page.goto(`/reconciliation?from=${day}&to=${day}`);
    await expect(page.getByRole('link', { name: /Open difference: Payment status differs/ })).toHaveCount(0);
    await expect(page.getByRole('link', { name: /Open difference: Refund made outside/ })).toHaveCount(1);

    // The refund made outside, on its payment's page: its source, and no wait for an answer of ours.
    const external = await db().query<{ payment_id: string }>(
      `SELECT payment_id FROM refunds WHERE source = 'EXTERNAL' AND payment_id LIKE $1`,
      [`REC${tag}%`],
    );
    expect(external.rows).toHaveLength(1);
    await page.goto(`/transactions/${external.rows[0]!.payment_id}`);
    await expect(page.getByTestId('external-refund-source')).toContainText(/External\s*Antom report/);
    await expect(
      page.getByText('Not asked through this dashboard, so there is no answer from Antom to show here.'),
    ).toBeVisible();
  });
});

test.describe('a large report', () => {
  test.use(asRole('admin'));

  test('over 10 MB arrives whole (streamed, not cut by the proxy) and is imported', async ({ page }) => {
    const day = new Date(Date.UTC(1995, 0, 1) + Math.floor(Math.random() * 2000) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const tag = randomBytes(4).toString('hex').toUpperCase();
    const rows = 120_000;
    const lines = [
      'customerId,acquirer,transactionId,originalTransactionId,transactionRequestId,originalTransactionRequestId,transactionType,transactionStatus,paymentMethodType,transactionAmountValue,transactionCurrency,transactionTime',
    ];
    for (let i = 0; i < rows; i++)
      lines.push(`BIG_MERCHANT,Antom,DSP${tag}${i},PAY${tag}${i},,,DISPUTE,SUCCESS,CARD,${i}.25,USD,${day}T12:00:00Z`);
    const body = Buffer.from(lines.join('\n') + '\n<END>\n');
    expect(body.length).toBeGreaterThan(10 * 1024 * 1024);
    const res = await page.request.post('/api/reports/upload', {
      headers: { 'content-type': 'text/csv', 'x-file-name': `big-${day}.csv` },
      data: body,
      timeout: 120_000,
    });
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'IMPORTED', reportDate: day, rows, unknownTypes: rows });
  });
});

test.describe('reconciliation as a viewer', () => {
  test.use(asRole('viewer'));

  test('reads the reconciliation but can neither upload nor mark explained', async ({ page }) => {
    const { day, file } = await arrangeDay();
    await page.goto(`/reconciliation?from=${day}&to=${day}`);
    await expect(page.getByRole('heading', { name: 'Reconciliation', level: 1 })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Upload and reconcile' })).toHaveCount(0);
    const upload = await page.request.post('/api/reports/upload', {
      headers: { 'content-type': 'text/csv', 'x-file-name': file.name },
      data: file.buffer,
    });
    expect(upload.status()).toBe(403);
    const reports = await db().query(`SELECT count(*)::int AS n FROM antom_reports WHERE report_date = $1::date`, [
      day,
    ]);
    expect(reports.rows).toEqual([{ n: 0 }]);

    // A difference a viewer may read but not mark: from an import made without the page.
    const { rows } = await db().query<{ id: string }>(
      `INSERT INTO reconciliation_differences (id, kind, ref, day, currency, touches_money, detail)
       VALUES (gen_random_uuid(), 'EXTERNAL_REFUND', $1, $2::date, 'USD', false, 'Planted for the viewer test.') RETURNING id`,
      [`VIEW${day}${Math.random()}`.slice(0, 80), day],
    );
    await page.goto(`/reconciliation/differences/${rows[0]!.id}`);
    await expect(page.getByRole('heading', { name: 'Refund made outside' })).toBeVisible();
    await expect(page.getByText('An admin can mark it explained, with a note.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Mark explained' })).toHaveCount(0);
  });
});
