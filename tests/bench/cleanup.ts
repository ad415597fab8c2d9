// The benchmark's writes (refunds it initiated or settled, payments its notifyPayment made, with their
// calls, notifications and audit entries) are removed again after a run, and before one in case a run died: otherwise each run's
// thousands of refunds from "just now" would head every list of the next run and change its plans.
// Deleting a refund gives its payment's held and refunded sums back through the refunds trigger.
import type { Db } from '../../lib/db/client';

export const BENCH_KEY_PREFIX = 'bench_';
/** The paymentRequestId of every payment the notifyPayment ingestion made. */
export const BENCH_PAYMENT_PREFIX = 'BENCH_PAY_';

export async function removeBenchWrites(db: Db): Promise<number> {
  const mine = `SELECT refund_request_id FROM refunds WHERE idempotency_key LIKE '${BENCH_KEY_PREFIX}%'`;
  // Its own payments, and only while nothing refunded them (refunds_payment_id_fkey would refuse).
  const payments = `SELECT payment_id FROM payments WHERE payment_request_id LIKE '${BENCH_PAYMENT_PREFIX}%'
                     AND NOT EXISTS (SELECT 1 FROM refunds r WHERE r.payment_id = payments.payment_id)`;
  const removed = await db.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`DELETE FROM audit_logs WHERE refund_request_id IN (${mine})`);
      await tx.$executeRawUnsafe(`DELETE FROM antom_calls WHERE refund_request_id IN (${mine})`);
      await tx.$executeRawUnsafe(`DELETE FROM notifications WHERE refund_request_id IN (${mine})`);
      const refunds = await tx.$executeRawUnsafe(
        `DELETE FROM refunds WHERE idempotency_key LIKE '${BENCH_KEY_PREFIX}%'`,
      );
      await tx.$executeRawUnsafe(`DELETE FROM audit_logs WHERE payment_id IN (${payments})`);
      await tx.$executeRawUnsafe(`DELETE FROM notifications WHERE payment_request_id LIKE '${BENCH_PAYMENT_PREFIX}%'`);
      return refunds + (await tx.$executeRawUnsafe(`DELETE FROM payments WHERE payment_id IN (${payments})`));
    },
    { timeout: 120_000 },
  );
  if (removed) {
    for (const table of ['refunds', 'payments', 'audit_logs', 'antom_calls', 'notifications']) {
      await db.$executeRawUnsafe(`VACUUM (ANALYZE) ${table}`);
    }
  }
  return removed;
}
