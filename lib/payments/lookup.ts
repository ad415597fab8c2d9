// "Look it up at Antom": an id that no payment here has is asked of Antom's inquiryPayment on each
// channel the merchant has (ANTOM_CHANNELS), and the payment Antom reports is imported. Called
// through the refund engine's front door (lookUpPayment, importPaymentById), which authorizes,
// limits and audits; this module only asks and records.
//
// What is asked, in the configured order:
//   online (/v1)     by paymentId, then by paymentRequestId: the person may have either, and Antom
//                    takes paymentId first when both are sent, so each is asked on its own
//   in store (/v2)   by paymentRequestId, the only id seed 004 accepts (letters, digits, underscores)
// The first answer that finds the payment ends the asking.
import { canonicalResultCode, type AntomClient, type InquiryPaymentInput, type InquiryPaymentOutcome } from '../antom';
import type { Db } from '../db/client';
import { recordPaymentReport } from './record';
import type { Channel, PaymentStatus } from './states';

export type LookupAsk =
  { channel: 'ONLINE'; by: 'paymentId' | 'paymentRequestId' } | { channel: 'IN_STORE'; by: 'paymentRequestId' };

/** One question to Antom and what it answered, for the audit log and the command line's table. */
export interface AskedAntom {
  channel: Channel;
  by: 'paymentId' | 'paymentRequestId';
  /** FOUND, NOT_FOUND, REFUSED or UNKNOWN; SKIPPED when the id cannot be one of this kind. */
  answer: 'FOUND' | 'NOT_FOUND' | 'REFUSED' | 'UNKNOWN' | 'SKIPPED';
  code: string | null;
  detail?: string;
}

export type LookupOutcome =
  /** The id is already a payment here: nothing was asked. */
  | { kind: 'HELD'; paymentId: string; status: PaymentStatus }
  /** Antom knows it: it is now here. Only a SUCCESS payment can be refunded. */
  | { kind: 'IMPORTED'; paymentId: string; channel: Channel; status: PaymentStatus; rawStatus: string }
  /** Every channel asked answered that it has no such payment (ORDER_NOT_EXIST / PAYMENT_NOT_EXIST). */
  | { kind: 'NOT_FOUND' }
  /** At least one question got no answer we can trust, and none found it: nothing was changed. */
  | { kind: 'UNAVAILABLE'; detail: string }
  /** Antom refused the question itself (signature, client id, parameters...): nothing was changed. */
  | { kind: 'REFUSED'; code: string | null; furtherAction: string }
  /** Antom's payment contradicts one we hold: nothing was changed. */
  | { kind: 'CONFLICT'; paymentId: string; detail: string }
  /** Not something Antom could hold as an id. */
  | { kind: 'INVALID'; problem: string };

/** Refused before asking: the person made too many look-ups (lib/auth/throttle.ts, LOOKUP_LIMIT). */
export interface ThrottledLookup {
  kind: 'THROTTLED';
  retryAfterMs: number;
  limit: number;
  windowMs: number;
}

export interface LookupResult {
  outcome: LookupOutcome;
  asked: AskedAntom[];
}

/** What Antom says when it has no payment by that id: online (Antom's API reference) and in store (seed 004). */
const NOT_FOUND_CODES = new Set(['ORDER_NOT_EXIST', 'PAYMENT_NOT_EXIST']);

/** The in-store request id's alphabet (seed 004). */
const IN_STORE_ID = /^[A-Za-z0-9_]+$/;

/** Why `id` cannot be any payment id, or null. Antom's ids are 1 to 64 printable characters. */
export function lookupIdProblem(id: string): string | null {
  if (!id) return 'it is empty';
  if (id.length > 64) return 'Antom ids are at most 64 characters';
  if (/[\s\p{C}]/u.test(id)) return 'Antom ids contain no spaces or control characters';
  return null;
}

type PlannedAsk = LookupAsk & { input: InquiryPaymentInput | null };

function asksFor(id: string, channels: readonly Channel[]): PlannedAsk[] {
  return channels.flatMap((channel): PlannedAsk[] =>
    channel === 'ONLINE'
      ? [
          { channel, by: 'paymentId', input: { channel, paymentId: id } },
          { channel, by: 'paymentRequestId', input: { channel, paymentRequestId: id } },
        ]
      : [{ channel, by: 'paymentRequestId', input: IN_STORE_ID.test(id) ? { channel, paymentRequestId: id } : null }],
  );
}

function answerOf(outcome: InquiryPaymentOutcome): Omit<AskedAntom, 'channel' | 'by'> {
  if (outcome.outcome === 'SUCCESS') return { answer: 'FOUND', code: outcome.result.resultCode ?? null };
  if (outcome.outcome === 'UNKNOWN')
    return {
      answer: 'UNKNOWN',
      code: outcome.result?.resultCode ?? null,
      detail: `${outcome.reason}: ${outcome.detail}`,
    };
  const code = outcome.code ? canonicalResultCode(outcome.code) : null;
  return { answer: code && NOT_FOUND_CODES.has(code) ? 'NOT_FOUND' : 'REFUSED', code: outcome.code };
}

export async function lookUpAtAntom(
  deps: { db: Db; antom: AntomClient },
  id: string,
  channels: readonly Channel[],
): Promise<LookupResult> {
  const problem = lookupIdProblem(id);
  if (problem) return { outcome: { kind: 'INVALID', problem }, asked: [] };
  const held = await deps.db.payment.findFirst({
    where: { OR: [{ paymentId: id }, { paymentRequestId: id }] },
    select: { paymentId: true, status: true },
  });
  if (held) return { outcome: { kind: 'HELD', paymentId: held.paymentId, status: held.status }, asked: [] };

  const asked: AskedAntom[] = [];
  let refused: Extract<InquiryPaymentOutcome, { outcome: 'FAILURE' }> | null = null;
  for (const ask of asksFor(id, channels)) {
    if (!ask.input) {
      asked.push({ channel: ask.channel, by: ask.by, answer: 'SKIPPED', code: null, detail: 'not an in-store id' });
      continue;
    }
    const outcome = await deps.antom.inquiryPayment(ask.input);
    const answer = answerOf(outcome);
    asked.push({ channel: ask.channel, by: ask.by, ...answer });
    if (outcome.outcome === 'FAILURE' && answer.answer === 'REFUSED') refused ??= outcome;
    if (outcome.outcome !== 'SUCCESS') continue;

    const report = outcome.payment;
    const saved = await recordPaymentReport(deps.db, report, ask.channel);
    if (!saved.ok) return { outcome: { kind: 'CONFLICT', paymentId: report.paymentId, detail: saved.conflict }, asked };
    return {
      outcome: {
        kind: 'IMPORTED',
        paymentId: report.paymentId,
        channel: ask.channel,
        status: report.status,
        rawStatus: report.rawStatus,
      },
      asked,
    };
  }

  const unknown = asked.filter((a) => a.answer === 'UNKNOWN');
  if (unknown.length)
    return { outcome: { kind: 'UNAVAILABLE', detail: unknown.map((a) => a.detail).join('; ') }, asked };
  if (refused)
    return {
      outcome: { kind: 'REFUSED', code: refused.code, furtherAction: refused.entry.furtherAction },
      asked,
    };
  return { outcome: { kind: 'NOT_FOUND' }, asked };
}
