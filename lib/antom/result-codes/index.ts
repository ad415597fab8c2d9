// Looking codes up. The DPOS_ spelling and the plain one resolve to the same entry, whitespace inside
// a code is ignored (seed 000 and 001 print `DPOS_SYSTEM_ ERROR`), and a code we have never seen
// falls back by its resultStatus, so an unknown U is still an unknown outcome and never a failure.
import type { AntomApi } from '../paths';
import type { ResultStatus } from '../schemas/common';
import { RESULT_CODE_CATALOG, type CatalogEntry, type ResultCodeDoc, type ResultKind } from './catalog';

export { RESULT_CODE_CATALOG, type CatalogEntry, type ResultCodeDoc, type ResultKind } from './catalog';

/** What a result code means for one API: the catalog entry attached to every outcome. */
export interface ResultCodeInfo {
  /** The code as Antom sent it (null when it sent none). */
  code: string | null;
  /** The catalog's canonical spelling; the received code when unknown. */
  canonical: string | null;
  known: boolean;
  /** The status the documentation gives this code; the received one for unknown codes. */
  documentedStatus: ResultStatus;
  kind: ResultKind;
  retrySameId: boolean;
  message: string;
  furtherAction: string;
  retryAfterMs?: number;
  maxRetries?: number;
}

/** Upper case, no whitespace, without the in-store DPOS_ prefix and its PAYMENT_/REFUND_ namespace. */
export function canonicalResultCode(code: string): string {
  return code
    .replace(/\s+/g, '')
    .toUpperCase()
    .replace(/^DPOS_(?:PAYMENT_|REFUND_)?/, '');
}

const BY_CODE = new Map<string, CatalogEntry>();
for (const e of RESULT_CODE_CATALOG) {
  BY_CODE.set(e.code, e);
  for (const d of e.docs) BY_CODE.set(canonicalResultCode(d.printed), e);
}

export function catalogEntry(code: string): CatalogEntry | undefined {
  return BY_CODE.get(canonicalResultCode(code));
}

function docFor(entry: CatalogEntry, api: AntomApi | undefined, status: ResultStatus | undefined): ResultCodeDoc {
  const forApi = api ? entry.docs.filter((d) => d.apis.includes(api)) : [];
  // Prefer the wording whose status matches what Antom said (a code can be F in one document, U in another).
  return (
    forApi.find((d) => d.resultStatus === status) ??
    forApi[0] ??
    entry.docs.find((d) => d.resultStatus === status) ??
    entry.docs[0]
  );
}

const FALLBACK: Record<ResultStatus, Pick<ResultCodeInfo, 'kind' | 'retrySameId' | 'message' | 'furtherAction'>> = {
  S: { kind: 'DONE', retrySameId: false, message: 'Success.', furtherAction: 'No action is required.' },
  F: {
    kind: 'CONTACT_SUPPORT',
    retrySameId: false,
    message: 'The request failed with a result code this dashboard does not know.',
    furtherAction: 'Read the result message; if it does not explain the failure, contact Antom Technical Support.',
  },
  U: {
    kind: 'RETRY_SAME_ID',
    retrySameId: true,
    message: 'The result is unknown.',
    furtherAction: 'Retry with the same request id, or query the status, until the result is known.',
  },
};

export function resolveResultCode(
  code: string | null | undefined,
  resultStatus: ResultStatus,
  api?: AntomApi,
): ResultCodeInfo {
  const entry = code ? catalogEntry(code) : undefined;
  if (!entry) {
    return {
      code: code ?? null,
      canonical: code ? canonicalResultCode(code) : null,
      known: false,
      documentedStatus: resultStatus,
      ...FALLBACK[resultStatus],
    };
  }
  const d = docFor(entry, api, resultStatus);
  return {
    code: code ?? null,
    canonical: entry.code,
    known: true,
    documentedStatus: d.resultStatus,
    kind: d.kind ?? entry.kind,
    // Never resend after an F, whatever the entry says elsewhere.
    retrySameId: resultStatus === 'U' && (d.retrySameId ?? entry.retrySameId),
    message: d.message,
    furtherAction: d.furtherAction,
    ...(d.retryAfterMs !== undefined ? { retryAfterMs: d.retryAfterMs } : {}),
    ...(d.maxRetries !== undefined ? { maxRetries: d.maxRetries } : {}),
  };
}

/** How an API prints a code: the DPOS_ spelling for the in-store APIs (where the seeds have one), the plain one online. */
export function printedResultCode(canonical: string, api: AntomApi): string {
  const entry = BY_CODE.get(canonicalResultCode(canonical));
  if (!entry) return canonical;
  if (!api.endsWith('.inStore')) return entry.code;
  // inquiryPayment is in-store but prints plain codes (seed 004); the refund APIs print DPOS_ ones.
  const dpos =
    api === 'inquiryPayment.inStore' ? undefined : entry.docs.find((d) => d.printed.startsWith('DPOS_'))?.printed;
  const printed = entry.docs.find((d) => d.apis.includes(api))?.printed ?? dpos ?? entry.code;
  // Print the misprinted DPOS_SYSTEM_ ERROR as it was meant.
  return printed.replace(/\s+/g, '');
}
