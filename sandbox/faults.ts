// Fault injection: rules set at start or at runtime (POST /__sandbox/faults), each firing on the
// next N matching events or with a probability. Request faults act on API calls; notification
// faults on deliveries; asyncFail on how an asynchronous refund ends.
import { z } from 'zod';

export const REQUEST_FAULTS = [
  'latency', // answer after `ms` more (longer than the client's timeout: it answers after the client gave up, with the refund applied)
  'timeout', // apply the request, then never answer
  'drop', // apply the request, then cut the connection without an answer
  'unknown', // answer U UNKNOWN_EXCEPTION without applying anything
  'http5xx', // answer an HTTP 5xx (`status`, default 503) without applying anything
  'trafficLimit', // answer REQUEST_TRAFFIC_EXCEED_LIMIT (U online, F in-store, as the seeds say) without applying
  'badSignature', // apply, answer, but sign the answer wrongly
  'unsigned', // apply, answer without a signature
] as const;

export const DELIVERY_FAULTS = [
  'notifyLost', // a notification is never sent at all (the app must find out by inquiry)
  'notifyDuplicate', // a delivery attempt sends two copies
  // an asynchronous refund ends at once and is notified before its refund answer is sent; a payment
  // taken here is notified PAYMENT_RESULT first and PAYMENT_PENDING after it
  'notifyOutOfOrder',
  'notifyBadSignature', // a delivery attempt is signed wrongly (the app must refuse it; Antom retries)
  'asyncFail', // an asynchronous refund ends in FAIL instead of SUCCESS
] as const;

export type FaultName = (typeof REQUEST_FAULTS)[number] | (typeof DELIVERY_FAULTS)[number];

const API_NAMES = [
  'refund.online',
  'refund.inStore',
  'inquiryRefund.online',
  'inquiryRefund.inStore',
  'inquiryPayment.inStore',
  'inquiryPayment.online',
  // Delivery faults, scoped to one kind of notification.
  'notifyRefund',
  'notifyPayment',
] as const;

export const faultRuleSchema = z
  .object({
    fault: z.enum([...REQUEST_FAULTS, ...DELIVERY_FAULTS]),
    /** Fire on the next N matching events, then retire. */
    count: z.number().int().min(1).optional(),
    /** Fire on each matching event with this chance (when no count is given; 1 when neither). */
    probability: z.number().min(0).max(1).optional(),
    /** Limit request faults to these APIs, delivery faults to notifyRefund or notifyPayment (all when omitted). */
    apis: z.array(z.enum(API_NAMES)).optional(),
    /** latency: extra milliseconds. */
    ms: z.number().int().min(0).max(600_000).optional(),
    /** http5xx: the status to answer. */
    status: z.number().int().min(500).max(599).optional(),
  })
  .strict();
export type FaultRule = z.input<typeof faultRuleSchema>;
/** A rule as set, with how many times it has fired (GET /__sandbox/faults shows them). */
export type ActiveRule = z.output<typeof faultRuleSchema> & { fired: number };

export class Faults {
  private rules: ActiveRule[] = [];

  constructor(
    initial: readonly FaultRule[] = [],
    private readonly random: () => number = Math.random,
  ) {
    this.add(initial);
  }

  add(rules: readonly FaultRule[]): void {
    for (const rule of rules) this.rules.push({ ...faultRuleSchema.parse(rule), fired: 0 });
  }

  /** Removes every rule; returns them as they were, so their counts are read in the same step. */
  reset(): ActiveRule[] {
    const removed = this.list();
    this.rules = [];
    return removed;
  }

  list(): ActiveRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** The first live rule for this fault (and API) that fires now; consumes one of its count. */
  take(fault: FaultName, api?: string): ActiveRule | null {
    for (const rule of this.rules) {
      if (rule.fault !== fault) continue;
      if (api && rule.apis && !rule.apis.includes(api as (typeof API_NAMES)[number])) continue;
      if (rule.count !== undefined) {
        if (rule.fired >= rule.count) continue;
      } else if (this.random() >= (rule.probability ?? 1)) continue;
      rule.fired++;
      return { ...rule };
    }
    return null;
  }
}
