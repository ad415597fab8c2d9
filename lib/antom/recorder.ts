// Every attempt at every Antom call is written to antom_calls, so that a person can always see what
// we sent and what came back. Signatures are redacted (a signature is a replayable credential for
// that exact message), and so are body fields that look like secrets.
import { Prisma, type Db } from '../db/client';
import { queryRows } from '../db/sql';

export type RecordedOperation = 'REFUND' | 'INQUIRY_REFUND' | 'INQUIRY_PAYMENT';
export type RecordedOutcome = 'SUCCESS' | 'FAILURE' | 'UNKNOWN';
export type RecordedVerdict = 'VALID' | 'INVALID' | 'MISSING' | 'NOT_CHECKED';

export interface AntomCallRecord {
  operation: RecordedOperation;
  path: string;
  refundRequestId: string | null;
  paymentId: string | null;
  attempt: number;
  requestHeaders: Record<string, string>;
  requestBody: string;
  httpStatus: number | null;
  responseHeaders: Record<string, string> | null;
  responseBody: string | null;
  signatureVerdict: RecordedVerdict;
  outcome: RecordedOutcome;
  resultCode: string | null;
  resultStatus: string | null;
  error: string | null;
  latencyMs: number;
  startedAt: Date;
  /** The request or worker job it was made for (lib/ops/request-context.ts), the id its log lines carry. */
  requestId?: string | null;
}

export interface CallRecorder {
  record(call: AntomCallRecord): Promise<void>;
}

export const REDACTED = '[REDACTED]';
const SECRET_KEY = /secret|token|password|passwd|private|credential|signature|authorization|api[-_]?key/i;

/** Keeps the algorithm and key version (useful when keys rotate), drops the signature itself. */
export function redactSignatureHeader(value: string): string {
  return value.replace(/signature=[^,]*/i, `signature=${REDACTED}`);
}

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower === 'signature') out[lower] = redactSignatureHeader(value);
    else if (SECRET_KEY.test(lower) || lower === 'cookie' || lower === 'set-cookie') out[lower] = REDACTED;
    else out[lower] = value;
  }
  return out;
}

function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        SECRET_KEY.test(k) ? REDACTED : k === 'refundNotifyUrl' ? redactUrl(v) : redactValue(v),
      ]),
    );
  }
  return value;
}

/** A notify URL may carry a token in its query string: keep where it points, not the token. */
function redactUrl(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    const url = new URL(value);
    for (const key of [...url.searchParams.keys()]) url.searchParams.set(key, REDACTED);
    return url.toString();
  } catch {
    return value;
  }
}

/** Bodies that are JSON get secret-looking fields redacted; anything else is kept as it came. */
export function redactBody(body: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return body;
  }
  return JSON.stringify(redactValue(parsed));
}

function redacted(call: AntomCallRecord): AntomCallRecord {
  return {
    ...call,
    requestHeaders: redactHeaders(call.requestHeaders),
    requestBody: redactBody(call.requestBody),
    responseHeaders: call.responseHeaders && redactHeaders(call.responseHeaders),
    responseBody: call.responseBody === null ? null : redactBody(call.responseBody),
  };
}

/**
 * Records into antom_calls, in one statement on the Prisma client's pool (lib/db/sql.ts: every
 * refund call writes one row, on the refund button's path). A call about a refund we do not hold
 * (an inquiry for an imported payment, say) cannot reference refunds, so it is kept without that
 * link: its request body still names the refund.
 */
export function prismaRecorder(db: Db): CallRecorder {
  return {
    async record(call) {
      const c = redacted(call);
      await queryRows(
        db,
        Prisma.sql`
        INSERT INTO antom_calls (id, operation, path, refund_request_id, payment_id, attempt, request_headers, request_body,
                                 http_status, response_headers, response_body, signature_verdict, outcome, result_code,
                                 result_status, error, latency_ms, started_at, request_id)
        VALUES (uuid_v7(), ${c.operation}::"AntomOperation", ${c.path},
                (SELECT refund_request_id FROM refunds WHERE refund_request_id = ${c.refundRequestId}),
                ${c.paymentId}, ${c.attempt}::int, ${JSON.stringify(c.requestHeaders)}::jsonb, ${c.requestBody},
                ${c.httpStatus}::int, ${c.responseHeaders === null ? null : JSON.stringify(c.responseHeaders)}::jsonb, ${c.responseBody},
                ${c.signatureVerdict}::"SignatureVerdict", ${c.outcome}::"CallOutcome", ${c.resultCode}, ${c.resultStatus},
                ${c.error}, ${c.latencyMs}::int, ${c.startedAt}::timestamptz, ${c.requestId ?? null})`,
      );
    },
  };
}

/** Keeps records in memory, redacted exactly as the database would get them: for tests and scripts. */
export function memoryRecorder(): CallRecorder & { calls: AntomCallRecord[] } {
  const calls: AntomCallRecord[] = [];
  return {
    calls,
    async record(call) {
      calls.push(redacted(call));
    },
  };
}

/** For callers that deliberately keep no log (never the app). */
export const noRecorder: CallRecorder = { record: async () => {} };
