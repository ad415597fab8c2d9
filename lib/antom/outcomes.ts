// The shapes every operation returns. The engine switches on `outcome`; each member carries the
// catalog entry for the result code, so the UI can show the documented further action.
import type { Money } from '../money';
import type { ResultCodeInfo } from './result-codes';
import type { AntomResult } from './schemas/common';

/** Why we cannot say what happened. Every one of these means: find out before acting again. */
export type UnknownReason =
  | 'TIMEOUT' // no (complete) answer in time; the request may have been applied
  | 'NETWORK' // connection failed or was cut; the request may have been applied
  | 'HTTP_STATUS' // an HTTP error instead of an Antom answer (5xx, 429, ...)
  | 'SIGNATURE_MISSING' // an answer without Antom's signature: not trusted
  | 'SIGNATURE_INVALID' // an answer whose signature does not verify: not trusted
  | 'UNPARSEABLE' // signed, but not a message we can read
  | 'RESULT_UNKNOWN' // Antom answered U
  | 'MISMATCH'; // signed and readable, but about another refund, payment or amount

export interface UnknownOutcome {
  outcome: 'UNKNOWN';
  reason: UnknownReason;
  detail: string;
  /** Antom's result, when an answer was read. */
  result: AntomResult | null;
  entry: ResultCodeInfo | null;
  attempts: number;
}

export interface FailureOutcome {
  outcome: 'FAILURE';
  /** The code as Antom sent it (null if it sent none); entry.canonical is our spelling. */
  code: string | null;
  result: AntomResult;
  entry: ResultCodeInfo;
  attempts: number;
}

export interface SuccessMeta {
  result: AntomResult;
  entry: ResultCodeInfo;
  attempts: number;
}

export function toMoney(amount: { value: number; currency: string } | null | undefined): Money | null {
  return amount ? { value: amount.value, currency: amount.currency } : null;
}
