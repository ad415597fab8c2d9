// Bulk refunds in the browser (issue 16): a refunder with a second factor uploads a file, reads the dry
// run (ready, refused with reasons, totals), confirms with a code from their authenticator app, watches
// the progress (which survives a reload) and downloads the result. The worker inside `npm start`
// sends the rows to the sandbox.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { enrol, person } from './authenticator';
import { shoot } from './fixtures';
import { createPayment, db } from './world';

test('a refunder uploads a batch, reads the dry run, confirms with a code, watches it run and downloads the result', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const who = await person(browser, 'refunder', 'bulk');
  const { app } = await enrol(who.page);
  // The code given at enrolment is no longer fresh (more than five minutes ago): confirming asks again.
  await db().query(
    `UPDATE auth_sessions SET code_at = now() - interval '6 minutes' WHERE user_id = (SELECT id FROM users WHERE email = $1)`,
    [who.email],
  );
  const payments = [];
  for (let i = 0; i < 10; i++) payments.push(await createPayment({ amountValue: 5_000, currency: 'USD' }));
  const extra = await createPayment({ amountValue: 5_000, currency: 'USD' });
  const csv = [
    'paymentId,paymentRequestId,amount,reasonCode,note',
    ...payments.map((p, i) =>
      i % 2 ? `,${p.paymentRequestId},FULL,EVENT_CANCELLED,` : `${p.paymentId},,12.50,SERVICE_OUTAGE,row ${i}`,
    ),
    `E2E_NO_SUCH_PAYMENT,,1.00,OTHER,`,
    `${payments[0]!.paymentId},,1.00,OTHER,twice`,
    `${extra.paymentId},,1.005,OTHER,`,
  ].join('\n');

  const page = who.page;
  await page.goto('/bulk-refunds');
  await expect(page.getByRole('heading', { name: 'Bulk refunds', level: 1 })).toBeVisible();
  await shoot(page, 'bulk-refunds');
  await page
    .getByLabel(/Refund file/)
    .setInputFiles({ name: 'event-refunds.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Upload and dry-run' }).click();
  await expect(page).toHaveURL(/\/bulk-refunds\/[0-9a-f-]{36}$/);
  const batchUrl = page.url();

  // The dry run: 10 ready, 3 refused for what they are, the totals; nothing sent yet.
  const dryRun = page.getByRole('region', { name: 'Dry run' });
  await expect(dryRun.getByText('Ready').locator('..')).toContainText('10');
  await expect(dryRun.getByText('Refused', { exact: true }).locator('..')).toContainText('3');
  await expect(dryRun.getByText('Unknown payment')).toBeVisible();
  await expect(dryRun.getByText('Duplicate row')).toBeVisible();
  await expect(dryRun.getByText('Too many decimals for the currency')).toBeVisible();
  // 5 × US$12.50 + 5 × US$50.00
  await expect(page.getByRole('region', { name: 'To refund' })).toContainText('$312.50');
  await expect(page.getByText('Row 1 already refunds this payment.')).toBeVisible();
  await shoot(page, 'bulk-refund-dry-run');
  const [{ n: before }] = (
    await db().query<{ n: number }>(`SELECT count(*)::int AS n FROM refunds WHERE payment_id = ANY($1)`, [
      payments.map((p) => p.paymentId),
    ])
  ).rows as [{ n: number }];
  expect(before).toBe(0);

  // Confirming asks for a code; a wrong one sends nothing.
  await page.getByRole('button', { name: 'Confirm and send 10 refunds' }).click();
  const code = page.getByLabel('Code from your authenticator app');
  await expect(code).toBeVisible();
  await expect(page.getByText('Sending a batch of refunds needs a fresh code.', { exact: false })).toBeVisible();
  await shoot(page, 'bulk-refund-step-up');
  await code.fill('000000');
  await page.getByRole('button', { name: 'Confirm and send 10 refunds' }).click();
  await expect(page.getByText(/That code is not right/)).toBeVisible();
  expect(
    (await db().query(`SELECT status FROM refund_batches WHERE id = $1`, [batchUrl.split('/').pop()])).rows,
  ).toEqual([{ status: 'DRY_RUN' }]);
  await code.fill(await app.code());
  await page.getByRole('button', { name: 'Confirm and send 10 refunds' }).click();

  // Progress on the page, updated by itself; and after a reload, from the database.
  const progress = page.getByRole('progressbar', { name: 'Batch progress' });
  await expect(progress).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText('10 of 10 sent')).toBeVisible({ timeout: 30_000 });
  await page.reload();
  await expect(page.getByText('10 of 10 sent')).toBeVisible();
  await expect(page.getByText('Done', { exact: true })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('region', { name: 'Sending' }).getByText('Refunded').locator('..')).toContainText('10', {
    timeout: 15_000,
  });
  await shoot(page, 'bulk-refund-done');

  // The result: one line per row of the file, in its order.
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download the result (CSV)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('event-refunds-result.csv');
  const lines = (await readFile((await download.path())!, 'utf8')).trim().split('\n');
  expect(lines[0]).toBe('row,paymentRef,refundRequestId,amount,currency,state,resultCode,whatToDo');
  expect(lines).toHaveLength(14);
  expect(lines[1]).toMatch(
    new RegExp(`^1,${payments[0]!.paymentId},RB_[0-9A-F]{20}_00001,12.50,USD,Refunded,SUCCESS,`),
  );
  expect(lines[2]).toMatch(
    new RegExp(`^2,${payments[1]!.paymentRequestId},RB_[0-9A-F]{20}_00002,50.00,USD,Refunded,SUCCESS,`),
  );
  expect(lines[11]).toMatch(/^11,E2E_NO_SUCH_PAYMENT,,,,Refused in the dry run,,There is no payment/);
  expect(lines[12]).toMatch(/^12,.*,Refused in the dry run,,Row 1 already refunds this payment/);

  const refunds = await db().query<{ status: string; amount_value: number }>(
    `SELECT status, amount_value FROM refunds WHERE payment_id = ANY($1) ORDER BY refund_request_id`,
    [payments.map((p) => p.paymentId)],
  );
  expect(refunds.rows.map((r) => [r.status, r.amount_value])).toEqual(
    payments.map((_, i) => ['SUCCESS', i % 2 ? 5_000 : 1_250]),
  );
});
