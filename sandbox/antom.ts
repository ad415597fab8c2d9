// What the sandbox answers to each API once a request is authentic and well-formed: refunds by the
// documented rules, asynchronous refunds finishing later and notifying, and the three inquiries.
import { randomInt } from 'node:crypto';
import {
  catalogEntry,
  printedResultCode,
  refundWordFor,
  type AntomApi,
  type CalledApi,
  type InStoreRefundRequest,
  type OnlineRefundRequest,
} from '../lib/antom';
import type { Faults } from './faults';
import type { Ledger, SandboxRefund } from './ledger';
import type { Notifier } from './notifier';
import { decideRefund } from './refund-rules';

export interface Handled {
  body: Record<string, unknown>;
  /** Runs after the request was applied and before the answer is written (out-of-order notification). */
  beforeSend?: () => Promise<void>;
}

export interface SandboxAntomOptions {
  ledger: Ledger;
  faults: Faults;
  notifier: Notifier;
  now: () => Date;
  asyncDelayMs: number;
  notifyUrl: string | null;
}

/** The documented status and message for a code as `api` prints it. */
export function resultFor(canonical: string, api: AntomApi) {
  const entry = catalogEntry(canonical);
  const doc = entry?.docs.find((d) => d.apis.includes(api)) ?? entry?.docs[0];
  return {
    resultCode: printedResultCode(canonical, api),
    resultStatus: doc?.resultStatus ?? 'F',
    resultMessage: doc?.message ?? canonical,
  };
}

const amountOut = (value: number, currency: string) => ({ value: String(value), currency });

export class SandboxAntom {
  private timers = new Set<NodeJS.Timeout>();

  constructor(readonly o: SandboxAntomOptions) {}

  handle(api: CalledApi, body: Record<string, unknown>): Handled {
    switch (api) {
      case 'refund.online':
      case 'refund.inStore':
        return this.refund(api, body as OnlineRefundRequest | InStoreRefundRequest);
      case 'inquiryRefund.online':
        return { body: this.inquiryRefundOnline(body as { refundRequestId?: string; refundId?: string }) };
      case 'inquiryRefund.inStore':
        return { body: this.inquiryRefundInStore(body as { refundId: string }) };
      case 'inquiryPayment.inStore':
        return { body: this.inquiryPayment(body as { paymentRequestId: string }) };
      case 'inquiryPayment.online':
        return { body: this.inquiryPaymentOnline(body as { paymentRequestId?: string; paymentId?: string }) };
    }
  }

  /** Asynchronous refunds still in process (after a restart, or seeded) finish after the usual delay, or when they settle. */
  resume(): void {
    for (const r of this.o.ledger.refunds.values())
      if (r.accepted && r.status === 'PROCESSING') this.scheduleFinal(r.refundRequestId, r.settlesAt);
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /** Ends a PROCESSING refund now; returns false when there is none by that id. */
  finalize(refundRequestId: string, forced?: 'SUCCESS' | 'FAILED') {
    const refund = this.o.ledger.refunds.get(refundRequestId);
    if (!refund || !refund.accepted || refund.status !== 'PROCESSING') return null;
    const failed = forced ? forced === 'FAILED' : this.o.faults.take('asyncFail') !== null;
    refund.status = failed ? 'FAILED' : 'SUCCESS';
    refund.resultCode = failed ? 'PROCESS_FAIL' : 'SUCCESS';
    refund.finishedAt = this.o.now().toISOString();
    this.o.ledger.changed();
    const result = resultFor(refund.resultCode, 'notifyRefund.online');
    const subject = { kind: 'REFUND', refundRequestId: refund.refundRequestId } as const;
    return this.o.notifier.enqueue(subject, refund.notifyUrl ?? this.o.notifyUrl, {
      notifyType: 'REFUND_RESULT',
      result,
      refundRequestId: refund.refundRequestId,
      refundId: refund.refundId,
      paymentId: refund.paymentId,
      refundAmount: amountOut(refund.amountValue, refund.currency),
      refundStatus: failed ? 'FAIL' : 'SUCCESS',
      ...(failed ? {} : { refundTime: refund.finishedAt }),
    });
  }

  private scheduleFinal(refundRequestId: string, settlesAt?: string | null): void {
    const untilSettled = settlesAt ? Date.parse(settlesAt) - this.o.now().getTime() : 0;
    // setTimeout holds at most ~24.8 days; a longer wait ends at the next restart's resume().
    const delay = Math.min(Math.max(this.o.asyncDelayMs, untilSettled), 2 ** 31 - 1);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.finalize(refundRequestId);
    }, delay);
    this.timers.add(timer);
  }

  private newRefundId(): string {
    const day = this.o.now().toISOString().slice(0, 10).replaceAll('-', '');
    for (;;) {
      const id = `${day}1150${String(randomInt(0, 1e7)).padStart(7, '0')}${String(randomInt(0, 1e7)).padStart(7, '0')}`;
      if (!this.o.ledger.refundById(id)) return id;
    }
  }

  private refundAnswer(api: 'refund.online' | 'refund.inStore', refund: SandboxRefund): Record<string, unknown> {
    const body: Record<string, unknown> = {
      result: resultFor(refund.resultCode, api),
      refundRequestId: refund.refundRequestId,
    };
    if (refund.refundId) body.refundId = refund.refundId;
    if (refund.status === 'SUCCESS' && refund.finishedAt) body.refundTime = refund.finishedAt;
    if (api === 'refund.online') {
      body.paymentId = refund.paymentId;
      if (refund.accepted) body.refundAmount = amountOut(refund.amountValue, refund.currency);
    }
    return body;
  }

  private refund(api: 'refund.online' | 'refund.inStore', req: OnlineRefundRequest | InStoreRefundRequest): Handled {
    const { ledger } = this.o;
    const now = this.o.now();
    const channel = api === 'refund.online' ? 'ONLINE' : 'IN_STORE';
    const sent = req.refundAmount
      ? { value: Number(req.refundAmount.value), currency: req.refundAmount.currency }
      : null;
    const decision = decideRefund(
      ledger,
      { channel, refundRequestId: req.refundRequestId, paymentId: req.paymentId, amount: sent },
      now,
    );

    if (decision.kind === 'inconsistent') {
      return { body: { result: resultFor('REPEAT_REQ_INCONSISTENT', api), refundRequestId: req.refundRequestId } };
    }
    if (decision.kind === 'replay') {
      decision.refund.received++;
      ledger.changed();
      return { body: this.refundAnswer(api, decision.refund) };
    }
    const accepted = decision.kind === 'accept';
    const synchronous = accepted && decision.synchronous;
    const refund: SandboxRefund = {
      refundRequestId: req.refundRequestId,
      refundId: accepted ? this.newRefundId() : null,
      paymentId: req.paymentId,
      channel,
      amountValue: decision.amountValue,
      currency: decision.currency,
      requestedValue: sent?.value ?? null,
      status: !accepted ? 'FAILED' : synchronous ? 'SUCCESS' : 'PROCESSING',
      resultCode: decision.kind === 'reject' ? decision.code : synchronous ? 'SUCCESS' : 'REFUND_IN_PROCESS',
      accepted,
      applied: accepted ? 1 : 0,
      received: 1,
      notifyUrl: ('refundNotifyUrl' in req ? req.refundNotifyUrl : undefined) ?? null,
      createdAt: now.toISOString(),
      finishedAt: accepted && !synchronous ? null : now.toISOString(),
    };
    ledger.refunds.set(refund.refundRequestId, refund);
    ledger.changed();
    const body = this.refundAnswer(api, refund);
    if (!accepted || synchronous) return { body };
    if (this.o.faults.take('notifyOutOfOrder', api)) {
      // The final result and its notification overtake the refund's own (in-process) answer.
      return {
        body,
        beforeSend: async () => {
          const delivery = this.finalize(refund.refundRequestId);
          if (delivery) await this.o.notifier.deliverNow(delivery);
        },
      };
    }
    this.scheduleFinal(refund.refundRequestId);
    return { body };
  }

  private inquiryRefundOnline(req: { refundRequestId?: string; refundId?: string }): Record<string, unknown> {
    const api = 'inquiryRefund.online';
    // Seed 003: when both are given, refundId takes precedence and refundRequestId is ignored.
    const refund = req.refundId
      ? this.o.ledger.refundById(req.refundId)
      : this.o.ledger.refunds.get(req.refundRequestId ?? '');
    if (!refund || !refund.accepted || refund.channel !== 'ONLINE')
      return { result: resultFor('ORDER_NOT_EXIST', api) };
    return {
      result: resultFor('SUCCESS', api),
      refundId: refund.refundId,
      refundRequestId: refund.refundRequestId,
      refundAmount: amountOut(refund.amountValue, refund.currency),
      refundStatus: refundWordFor(refund.status, 'online'),
      ...(refund.status === 'SUCCESS' && refund.finishedAt ? { refundTime: refund.finishedAt } : {}),
    };
  }

  private inquiryRefundInStore(req: { refundId: string }): Record<string, unknown> {
    const api = 'inquiryRefund.inStore';
    const refund = this.o.ledger.refundById(req.refundId);
    if (!refund || refund.channel !== 'IN_STORE') return { result: resultFor('ORDER_NOT_EXIST', api) };
    return {
      result: resultFor('SUCCESS', api),
      refundId: refund.refundId,
      // As in seed 000's sample (not its table); paymentId as in its table (not its sample).
      refundRequestId: refund.refundRequestId,
      paymentId: refund.paymentId,
      refundStatus: refundWordFor(refund.status, 'inStore'),
      ...(refund.status === 'SUCCESS' && refund.finishedAt ? { refundTime: refund.finishedAt } : {}),
    };
  }

  private inquiryPayment(req: { paymentRequestId: string }): Record<string, unknown> {
    const api = 'inquiryPayment.inStore';
    const p = this.o.ledger.paymentByRequestId(req.paymentRequestId);
    if (!p || p.channel !== 'IN_STORE') return { result: resultFor('PAYMENT_NOT_EXIST', api) };
    return {
      result: resultFor('SUCCESS', api),
      paymentRequestId: p.paymentRequestId,
      paymentId: p.paymentId,
      paymentCreateTime: p.createdAt,
      ...(p.paidAt ? { paymentTime: p.paidAt } : {}),
      // Seed 004's sample writes "Success" where its table says SUCCESS; so do we, to keep clients honest.
      paymentStatus: p.status === 'SUCCESS' ? 'Success' : p.status,
      paymentAmount: amountOut(p.amountValue, p.currency),
      paymentMethod: p.method,
    };
  }

  /** Online (/v1): by paymentId or paymentRequestId (paymentId wins), every field a string, ORDER_NOT_EXIST when unknown. */
  private inquiryPaymentOnline(req: { paymentRequestId?: string; paymentId?: string }): Record<string, unknown> {
    const api = 'inquiryPayment.online';
    const p = req.paymentId
      ? this.o.ledger.payments.get(req.paymentId)
      : this.o.ledger.paymentByRequestId(req.paymentRequestId ?? '');
    if (!p || p.channel !== 'ONLINE') return { result: resultFor('ORDER_NOT_EXIST', api) };
    return {
      result: resultFor('SUCCESS', api),
      paymentStatus: p.status,
      paymentRequestId: p.paymentRequestId,
      paymentId: p.paymentId,
      paymentAmount: amountOut(p.amountValue, p.currency),
      paymentCreateTime: p.createdAt,
      ...(p.paidAt ? { paymentTime: p.paidAt } : {}),
      paymentMethodType: p.method,
    };
  }
}
