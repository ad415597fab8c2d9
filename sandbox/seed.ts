// The sandbox starts from the same demo payments as the dashboard (lib/demo/dataset.ts), and
// knows the refunds that reached Antom there, in the state Antom holds them.
import { demoDataset } from '../lib/demo/dataset';
import type { Ledger, SandboxPayment } from './ledger';

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
  for (const p of unseenPayments(anchor)) ledger.payments.set(p.paymentId, p);
  ledger.seededWith = { anchor: anchor.toISOString(), count: payments.length };
  ledger.changed();
}

/**
 * Payments only the sandbox knows, never in the dashboard's demo data (taken while it was not
 * told, say): "Look it up at Antom" and `npm run import:payments` have something to find. Online
 * ones by paymentRequestId ORD_LOOKUP_… or their paymentId, in-store ones by POS_LOOKUP_…; one of
 * each channel can be refunded, the others show why not.
 */
export function unseenPayments(anchor: Date): SandboxPayment[] {
  const at = new Date(anchor.getTime() - 26 * 3600_000);
  const day = at.toISOString().slice(0, 10).replaceAll('-', '');
  const paid = at.toISOString();
  const payment = (
    n: number,
    channel: SandboxPayment['channel'],
    status: SandboxPayment['status'],
    amountValue: number,
    currency: string,
    method: string,
  ): SandboxPayment => ({
    paymentId: `${day}${channel === 'ONLINE' ? '1140' : '1180'}9900000${n}`,
    paymentRequestId: `${channel === 'ONLINE' ? 'ORD' : 'POS'}_LOOKUP_000${n}`,
    channel,
    amountValue,
    currency,
    method,
    status,
    createdAt: paid,
    paidAt: status === 'SUCCESS' ? paid : null,
  });
  return [
    payment(1, 'ONLINE', 'SUCCESS', 12_550, 'USD', 'GCASH'),
    payment(2, 'ONLINE', 'PENDING', 8_800, 'SGD', 'ALIPAY_CN'),
    payment(3, 'IN_STORE', 'SUCCESS', 4_590, 'SGD', 'ALIPAY_HK'),
    payment(4, 'IN_STORE', 'FAIL', 150_000, 'KRW', 'KAKAOPAY'),
  ];
}
