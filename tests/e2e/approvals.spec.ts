// Four eyes on large refunds (issue 16), in the browser: an admin requires approval above an amount;
// a refunder asks for a large refund, which waits, reserved and not sent; another admin, with a
// second factor, approves it with a fresh code on the "Waiting for approval" page; it is refunded.
// The rule is in NZD, which no other spec refunds in, and is removed afterwards.
import { expect, test } from '@playwright/test';
import { SIGNED_OUT, asRole, demoUser, shoot, signIn, watchCsp } from './fixtures';
import { enrol } from './authenticator';
import { createPayment, db, ensureUserCopy, refundsOf } from './world';

test.afterAll(async () => {
  await db().query(`UPDATE approval_rules SET valid_to = now() WHERE valid_to IS NULL AND currency = 'NZD'`);
});

test('a refunder’s large refund waits for approval; another admin approves it with a code, and it is refunded', async ({
  browser,
}) => {
  // The admin sets the rule on Settings.
  const admin = await (await browser.newContext(asRole('admin'))).newPage();
  await watchCsp(admin);
  await admin.goto('/settings#approvals');
  const amountRule = admin.getByRole('form', { name: 'Approval above an amount' });
  await amountRule.getByLabel('Currency').fill('NZD');
  await amountRule.getByLabel('Refunds above').fill('500');
  await amountRule.getByRole('button', { name: 'Require approval' }).click();
  await expect(admin.getByText(/Saved \(version \d+\): Refunds above NZ\$500\.00 need approval/)).toBeVisible();
  await expect(admin.getByRole('list', { name: 'Approval rules in force' })).toContainText('Refunds above NZ$500.00');
  await shoot(admin, 'approval-rules');

  // The refunder asks for NZ$800.00 of a NZ$1,000.00 payment: it waits, reserved, and is not sent.
  const payment = await createPayment({ amountValue: 100_000, currency: 'NZD', method: 'ALIPAY_CN' });
  const refunder = await (await browser.newContext(asRole('refunder'))).newPage();
  await watchCsp(refunder);
  await refunder.goto(`/transactions/${payment.paymentId}`);
  await refunder.getByLabel('Part of it').check();
  await refunder.getByLabel(/^Amount/).fill('800');
  await refunder.getByRole('button', { name: 'Review refund' }).click();
  await refunder.getByRole('button', { name: 'Refund NZ$800.00' }).click();
  await expect(
    refunder.getByRole('status').filter({ hasText: 'Refund NZ$800.00 — reserved, waiting for approval.' }),
  ).toBeVisible();
  const refunds = refunder.getByRole('list', { name: /Refunds of this payment/ });
  await expect(refunds.getByText('Waiting for approval', { exact: true })).toBeVisible();
  await expect(refunds.getByText(/Refunds above NZ\$500\.00 need a second person.s approval/)).toBeVisible();
  await shoot(refunder, 'approval-requested');
  // Only NZ$200.00 is left to refund while it waits.
  await refunder.getByLabel('Part of it').check();
  await refunder.getByLabel(/^Amount/).fill('300');
  await expect(refunder.getByText('The amount is more than can be refunded: at most NZ$200.00.')).toBeVisible();
  const [waiting] = await refundsOf(payment.paymentId);
  expect(waiting).toMatchObject({ status: 'PENDING_APPROVAL', amount_value: 80_000 });
  const calls = await db().query(`SELECT count(*)::int AS n FROM antom_calls WHERE refund_request_id = $1`, [
    waiting!.refund_request_id,
  ]);
  expect(calls.rows[0].n).toBe(0);
  // The refunder sees it in the queue, without the buttons: an approver or an admin decides.
  await refunder.goto('/approvals');
  const refunderItem = refunder.getByRole('listitem', { name: new RegExp(payment.paymentId) });
  await expect(refunderItem.getByText('An approver or an admin decides on it.')).toBeVisible();
  await expect(refunderItem.getByRole('button', { name: /Approve/ })).toHaveCount(0);

  // Another admin, with a second factor, approves it: the queue asks for a fresh code first.
  const email = `approving.admin.${Date.now()}@demo.test`;
  await ensureUserCopy({ email, name: 'Second Admin', copyOf: demoUser('admin').email });
  const second = await (await browser.newContext(SIGNED_OUT)).newPage();
  await watchCsp(second);
  await signIn(second, email, demoUser('admin').password);
  await expect(second.getByRole('button', { name: 'Sign out' })).toBeVisible();
  const { app } = await enrol(second);
  // The code given at enrolment is no longer fresh (more than five minutes ago).
  await db().query(
    `UPDATE auth_sessions SET code_at = now() - interval '6 minutes' WHERE user_id = (SELECT id FROM users WHERE email = $1)`,
    [email],
  );
  await second.goto('/approvals');
  await expect(second.getByRole('link', { name: /Approvals \d+ waiting for approval/ })).toBeVisible();
  const item = second.getByRole('listitem', { name: new RegExp(payment.paymentId) });
  await expect(item).toContainText('NZ$800.00');
  await expect(item).toContainText(/Asked by E2E Rui Refunder/);
  await shoot(second, 'approvals-queue');
  await item.getByRole('button', { name: /^Approve / }).click();
  const code = item.getByLabel('Code from your authenticator app');
  await expect(code).toBeVisible();
  await shoot(second, 'approval-step-up');
  await code.fill('000000');
  await item.getByRole('button', { name: /^Approve / }).click();
  await expect(item.getByText(/That code is not right/)).toBeVisible();
  expect((await refundsOf(payment.paymentId))[0]!.status).toBe('PENDING_APPROVAL');
  await code.fill(await app.code());
  await item.getByRole('button', { name: /^Approve / }).click();
  await expect(second.getByRole('status').filter({ hasText: 'Approved: NZ$800.00 — refunded.' })).toBeVisible();
  await expect(item).toHaveCount(0);
  await shoot(second, 'approval-done');

  // Sent with the refundRequestId it was given when asked, once; the refunder sees it refunded.
  const [done] = await refundsOf(payment.paymentId);
  expect(done).toMatchObject({ refund_request_id: waiting!.refund_request_id, status: 'SUCCESS' });
  const sent = await db().query(
    `SELECT count(*)::int AS n FROM antom_calls WHERE refund_request_id = $1 AND operation = 'REFUND'`,
    [waiting!.refund_request_id],
  );
  expect(sent.rows[0].n).toBe(1);
  await refunder.goto(`/transactions/${payment.paymentId}`);
  await expect(refunds.getByText('Refunded', { exact: true })).toBeVisible();
  await expect(refunds.getByText(/Approved by Second Admin/)).toBeVisible();
  await refunder.goto(`/refunds/${waiting!.refund_request_id}`);
  await expect(refunder.getByText('Approved, and sent to Antom by Second Admin')).toBeVisible();
  await shoot(refunder, 'approval-timeline');
});
