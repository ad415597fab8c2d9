// Refreshes (or imports) an in-store payment from Antom's inquiryPayment, by paymentRequestId.
import { writeAudit } from '../audit/log';
import type { RefundEngineDeps } from '../refunds/engine-deps';

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
  const existing = await deps.db.payment.findUnique({
    where: { paymentRequestId },
    select: { paymentId: true, status: true, amountValue: true, currency: true },
  });
  if (
    existing &&
    (existing.paymentId !== p.paymentId ||
      existing.amountValue !== p.amount.value ||
      existing.currency !== p.amount.currency)
  ) {
    return {
      ok: false,
      message:
        'Antom reports a different payment id or amount for this request id; nothing was changed. Contact Antom support.',
    };
  }
  const now = new Date();
  await deps.db.payment.upsert({
    where: { paymentRequestId },
    create: {
      paymentId: p.paymentId,
      paymentRequestId,
      channel: 'IN_STORE',
      amountValue: p.amount.value,
      currency: p.amount.currency,
      method: p.method ?? 'UNKNOWN',
      status: p.status,
      createdAt: p.createdAt ?? now,
      paidAt: p.paidAt,
      syncedAt: now,
    },
    update: { status: p.status, paidAt: p.paidAt ?? undefined, syncedAt: now },
    select: { paymentId: true },
  });
  const changed = !existing || existing.status !== p.status;
  await writeAudit(deps.db, {
    actorType: actorId ? 'USER' : 'SYSTEM',
    actorId,
    action: existing ? 'payment.refreshed' : 'payment.imported',
    paymentId: p.paymentId,
    details: { from: existing?.status ?? null, to: p.status, rawStatus: p.rawStatus },
  });
  return { ok: true, paymentId: p.paymentId, status: p.status, imported: !existing, changed };
}
