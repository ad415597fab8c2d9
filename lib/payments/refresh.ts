// Refreshes (or imports) an in-store payment from Antom's inquiryPayment, by paymentRequestId.
import { writeAudit } from '../audit/log';
import type { RefundEngineDeps } from '../refunds/engine-deps';
import { recordPaymentReport } from './record';

export type RefreshResult =
  { ok: true; paymentId: string; status: string; imported: boolean; changed: boolean } | { ok: false; message: string };

export async function refreshPayment(
  deps: RefundEngineDeps,
  paymentRequestId: string,
  actorId: string | null,
): Promise<RefreshResult> {
  const outcome = await deps.antom.inquiryPayment({ paymentRequestId });
  if (outcome.outcome === 'UNKNOWN')
    return {
      ok: false,
      message: `Antom did not give a usable answer (${outcome.reason}); nothing was changed. Try again.`,
    };
  if (outcome.outcome === 'FAILURE')
    return {
      ok: false,
      message: `Antom refused the lookup (${outcome.code ?? 'no code'}): ${outcome.entry.furtherAction}`,
    };
  const p = outcome.payment;
  if (p.paymentRequestId !== paymentRequestId)
    return { ok: false, message: 'Antom answered about another payment; nothing was changed.' };
  const saved = await recordPaymentReport(deps.db, p, 'IN_STORE');
  if (!saved.ok)
    return {
      ok: false,
      message:
        'Antom reports a different payment id or amount for this request id; nothing was changed. Contact Antom support.',
    };
  await writeAudit(deps.db, {
    actorType: actorId ? 'USER' : 'SYSTEM',
    actorId,
    action: saved.imported ? 'payment.imported' : 'payment.refreshed',
    paymentId: p.paymentId,
    details: { from: saved.previous, to: p.status, rawStatus: p.rawStatus },
  });
  return { ok: true, paymentId: p.paymentId, status: p.status, imported: saved.imported, changed: saved.changed };
}
