// The sandbox starts from the same demo payments as the dashboard (lib/demo/dataset.ts), and
// knows the refunds that reached Antom there, in the state Antom holds them.
import { demoDataset } from '../lib/demo/dataset';
import type { Ledger } from './ledger';

export function seedLedger(ledger: Ledger, anchor: Date, count?: number): void {
  const { payments, refunds } = demoDataset(anchor, count);
  for (const p of payments) {
    ledger.payments.set(p.paymentId, {
      paymentId: p.paymentId,
      paymentRequestId: p.paymentRequestId,
      channel: p.channel,
      amountValue: p.amountValue,
      currency: p.currency,
      method: p.method,
      status: p.status,
      createdAt: p.createdAt.toISOString(),
      paidAt: p.paidAt?.toISOString() ?? null,
    });
  }
  for (const r of refunds) {
    if (!r.antomStatus || !r.refundId) continue; // never reached Antom
    const channel = ledger.payments.get(r.paymentId)?.channel ?? 'ONLINE';
    ledger.refunds.set(r.refundRequestId, {
      refundRequestId: r.refundRequestId,
      refundId: r.refundId,
      paymentId: r.paymentId,
      channel,
      amountValue: r.amountValue,
      currency: r.currency,
      requestedValue: r.amountValue,
      status: r.antomStatus,
      resultCode:
        r.antomStatus === 'SUCCESS'
          ? 'SUCCESS'
          : r.antomStatus === 'PROCESSING'
            ? 'REFUND_IN_PROCESS'
            : (r.resultCode ?? 'PROCESS_FAIL'),
      accepted: true,
      applied: 1,
      received: 1,
      notifyUrl: null,
      createdAt: r.createdAt.toISOString(),
      finishedAt: r.antomStatus === 'PROCESSING' ? null : (r.refundedAt ?? r.createdAt).toISOString(),
      settlesAt: r.settlesAt?.toISOString() ?? null,
    });
  }
  ledger.seededWith = { anchor: anchor.toISOString(), count: payments.length };
  ledger.changed();
}
