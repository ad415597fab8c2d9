// Sends one operation to Antom: signs, posts, verifies the answer's signature, lets the operation
// read it, records every attempt, and retries only where resending the same request is known to be
// safe (no answer, an HTTP 5xx/429, or a U the catalog marks as retryable). Never after an F, and
// never after an answer we could not trust: a bad signature needs a person, not a loop.
import type { z } from 'zod';
import type { AntomConfig } from './config';
import { HttpFailure, postText, type HttpAnswer } from './http';
import type { FailureOutcome, UnknownOutcome, UnknownReason } from './outcomes';
import { apiPath, type CalledApi } from './paths';
import type { AntomCallRecord, CallRecorder, RecordedOperation, RecordedOutcome, RecordedVerdict } from './recorder';
import { resolveResultCode, type ResultCodeInfo } from './result-codes';
import { envelopeSchema, type AntomResult } from './schemas/common';
import { signedHeaders, verifySignature } from './signing';

export interface TransportOptions {
  config: AntomConfig;
  recorder: CallRecorder;
  /** First retry waits about this long (jittered), doubling each time. */
  retryBaseDelayMs?: number;
  retryMaxDelayMs?: number;
  now?: () => number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Recording must never lose an outcome: a failed write is reported here and the call goes on. */
  onRecordError?: (error: unknown, call: AntomCallRecord) => void;
}

/** A verified, readable Antom answer, handed to the operation. */
export interface SignedAnswer {
  json: Record<string, unknown>;
  result: AntomResult;
  entry: ResultCodeInfo;
  attempts: number;
}

export interface Reading<T> {
  value: T;
  outcome: RecordedOutcome;
  /** Resend the same request (only honoured for U answers). */
  retry?: boolean;
  /** The payment the answer names, for the call log when the request did not (inquiries). */
  paymentId?: string | null;
}

export interface CallSpec<T> {
  operation: RecordedOperation;
  api: CalledApi;
  /** Already validated: exactly what goes on the wire. */
  body: Record<string, unknown>;
  refundRequestId?: string | null;
  paymentId?: string | null;
  read(answer: SignedAnswer): Reading<T | UnknownOutcome>;
}

export class AntomRequestError extends Error {
  override name = 'AntomRequestError';
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Step<T> {
  value: T | UnknownOutcome;
  outcome: RecordedOutcome;
  retry: boolean;
  verdict: RecordedVerdict;
  result: AntomResult | null;
  error: string | null;
  paymentId?: string | null;
}

function isUnknown(value: unknown): value is UnknownOutcome {
  return typeof value === 'object' && value !== null && (value as { outcome?: unknown }).outcome === 'UNKNOWN';
}

export function unknownOutcome(
  reason: UnknownReason,
  detail: string,
  attempts: number,
  result: AntomResult | null = null,
  entry: ResultCodeInfo | null = null,
): UnknownOutcome {
  return { outcome: 'UNKNOWN', reason, detail, result, entry, attempts };
}

type InquiryUnknown = (reason: 'UNPARSEABLE' | 'MISMATCH', detail: string) => Reading<UnknownOutcome>;

/**
 * The start every inquiry's reading shares: a U answer is unknown and may be asked again (an
 * inquiry changes nothing), an F answer is a failure, and anything else must have the documented
 * shape. Gives the reading to return as it is, or the parsed answer with a way to call it unknown.
 */
export function readInquiry<Schema extends z.ZodType>(
  answer: SignedAnswer,
  schema: Schema,
  api: string,
): { reading: Reading<FailureOutcome | UnknownOutcome> } | { data: z.output<Schema>; unknown: InquiryUnknown } {
  const { result, entry, attempts } = answer;
  const unknown = (reason: UnknownReason, detail: string, retry = false) => ({
    value: unknownOutcome(reason, detail, attempts, result, entry),
    outcome: 'UNKNOWN' as const,
    retry,
  });
  if (result.resultStatus === 'U')
    return { reading: unknown('RESULT_UNKNOWN', `Antom answered U (${result.resultCode ?? 'no code'})`, true) };
  if (result.resultStatus === 'F') return { reading: { value: failureOutcome(answer), outcome: 'FAILURE' } };
  const parsed = schema.safeParse(answer.json);
  if (!parsed.success)
    return { reading: unknown('UNPARSEABLE', `the ${api} answer does not match the documented shape`) };
  return { data: parsed.data, unknown };
}

export function failureOutcome(answer: SignedAnswer): FailureOutcome {
  return {
    outcome: 'FAILURE',
    code: answer.result.resultCode ?? null,
    result: answer.result,
    entry: answer.entry,
    attempts: answer.attempts,
  };
}

function assess<T>(
  spec: CallSpec<T>,
  options: TransportOptions,
  path: string,
  answer: HttpAnswer,
  attempts: number,
): Step<T> {
  const { config } = options;
  const check = verifySignature(
    {
      method: 'POST',
      path,
      clientId: answer.headers['client-id'],
      time: answer.headers['response-time'],
      body: answer.body,
      signatureHeader: answer.headers.signature,
    },
    config.antomPublicKey,
    config.clientId,
  );
  // An HTTP error page is not an answer of Antom's API: its signature is not a question (a 503 from a
  // load balancer carries none, and that is not "signature missing").
  const verdict: RecordedVerdict = answer.status >= 200 && answer.status <= 299 ? check.verdict : 'NOT_CHECKED';
  const unknown = (reason: UnknownReason, detail: string, retry = false): Step<T> => ({
    value: unknownOutcome(reason, detail, attempts),
    outcome: 'UNKNOWN',
    retry,
    verdict,
    result: null,
    error: detail,
  });
  if (answer.status < 200 || answer.status > 299) {
    return unknown('HTTP_STATUS', `HTTP ${answer.status}`, answer.status >= 500 || answer.status === 429);
  }
  if (check.verdict === 'MISSING') return unknown('SIGNATURE_MISSING', 'the answer carries no signature');
  if (check.verdict === 'INVALID')
    return unknown('SIGNATURE_INVALID', `the answer's signature is not Antom's: ${check.reason}`);
  let json: unknown;
  try {
    json = JSON.parse(answer.body);
  } catch {
    return unknown('UNPARSEABLE', 'the answer is not JSON');
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success || typeof json !== 'object' || json === null)
    return unknown('UNPARSEABLE', 'the answer has no readable result');
  const result = envelope.data.result;
  const entry = resolveResultCode(result.resultCode, result.resultStatus, spec.api);
  const reading = spec.read({ json: json as Record<string, unknown>, result, entry, attempts });
  return {
    value: reading.value,
    outcome: reading.outcome,
    retry: result.resultStatus === 'U' && reading.retry === true,
    verdict,
    result,
    error: isUnknown(reading.value) ? reading.value.detail : null,
    paymentId: reading.paymentId,
  };
}

export async function callAntom<T>(options: TransportOptions, spec: CallSpec<T>): Promise<T | UnknownOutcome> {
  const { config, recorder } = options;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? sleepFor;
  const base = options.retryBaseDelayMs ?? 250;
  const cap = options.retryMaxDelayMs ?? 4_000;
  const path = apiPath(spec.api, config.clientId);
  const url = new URL(config.gatewayUrl + path);
  const body = JSON.stringify(spec.body);
  const maxAttempts = 1 + config.maxRetries;

  for (let attempt = 1; ; attempt++) {
    const time = String(now());
    const headers = {
      'content-type': 'application/json; charset=UTF-8',
      ...signedHeaders(
        { method: 'POST', path, clientId: config.clientId, time, body },
        config.merchantPrivateKey,
        config.keyVersion,
      ),
    };
    const startedAt = new Date();
    const started = performance.now();
    let answer: HttpAnswer | null = null;
    let step: Step<T>;
    try {
      answer = await postText(url, headers, body, config);
      step = assess(spec, options, path, answer, attempt);
    } catch (error) {
      if (!(error instanceof HttpFailure)) throw error;
      const reason: UnknownReason =
        error.kind === 'TIMEOUT' || error.kind === 'CONNECT_TIMEOUT' ? 'TIMEOUT' : 'NETWORK';
      const detail = error.mayHaveArrived
        ? `${error.message} (the request may have been applied)`
        : `${error.message} (the request did not reach Antom)`;
      // Resending is safe either way: the request id makes Antom apply a refund at most once.
      step = {
        value: unknownOutcome(reason, detail, attempt),
        outcome: 'UNKNOWN',
        retry: true,
        verdict: 'NOT_CHECKED',
        result: null,
        error: detail,
      };
    }
    const call: AntomCallRecord = {
      operation: spec.operation,
      path,
      refundRequestId: spec.refundRequestId ?? null,
      paymentId: (spec.paymentId ?? step.paymentId ?? null)?.slice(0, 64) ?? null,
      attempt,
      requestHeaders: headers,
      requestBody: body,
      httpStatus: answer?.status ?? null,
      responseHeaders: answer?.headers ?? null,
      responseBody: answer?.body ?? null,
      signatureVerdict: step.verdict,
      outcome: step.outcome,
      resultCode: step.result?.resultCode?.slice(0, 64) ?? null,
      resultStatus: step.result?.resultStatus ?? null,
      error: step.error,
      latencyMs: Math.max(0, Math.round(performance.now() - started)),
      startedAt,
    };
    try {
      await recorder.record(call);
    } catch (error) {
      (options.onRecordError ?? ((e) => console.error('[antom] could not record a call to', path, e)))(error, call);
    }
    if (!step.retry || attempt >= maxAttempts) return step.value;
    const delay = Math.min(cap, base * 2 ** (attempt - 1));
    await sleep(Math.round(delay / 2 + (random() * delay) / 2));
  }
}
