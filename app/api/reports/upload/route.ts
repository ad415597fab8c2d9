// POST /api/reports/upload: an ADMIN uploads one Antom report file as the request body (the file
// name in x-file-name). The body is streamed into the import, never read whole, and refused past the
// size limit (1 GB). Not behind proxy.ts (which would buffer and cut the body at 10 MB): checks the
// session and the role itself; importReport authorizes again.
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { can } from '@/lib/auth/roles';
import { getSessionUser } from '@/lib/auth/session';
import { fromOwnPages, uploadFileName } from '@/lib/http/upload';
import { DEFAULT_MAX_REPORT_BYTES, ReportRefused } from '@/lib/reports';
import { appReports } from '@/lib/reports/app';
import { formatCount } from '@/lib/money';
import { errorFields, log } from '@/lib/ops/log';

export const dynamic = 'force-dynamic';

const json = (status: number, body: unknown) =>
  Response.json(body, { status, headers: { 'cache-control': 'no-store' } });

export async function POST(request: Request) {
  if (!fromOwnPages(request)) return json(403, { error: 'Uploads come from the dashboard itself.' });
  const user = await getSessionUser();
  if (!user) return json(401, { error: 'Sign in to upload reports.' });
  if (!can(user.role, 'importReports')) return json(403, { error: 'Your role does not allow uploading reports.' });
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > DEFAULT_MAX_REPORT_BYTES) {
    return json(413, { error: `The file is larger than the limit of ${DEFAULT_MAX_REPORT_BYTES} bytes.` });
  }
  if (!request.body) return json(400, { error: 'No file was sent.' });
  const fileName = uploadFileName(request, 'upload.csv');
  try {
    const result = await appReports.importReport(
      user,
      Readable.fromWeb(request.body as WebReadableStream<Uint8Array>),
      {
        fileName,
        maxBytes: DEFAULT_MAX_REPORT_BYTES,
      },
    );
    const outcome = {
      status: result.status,
      kind: result.kind,
      reportDate: result.reportDate,
      rows: result.rows,
      unknownTypes: result.unknownTypes,
      superseded: result.superseded ? result.superseded.changes : null,
      applied: result.applied,
      differences: result.reconciliation.found,
    };
    return json(200, { ...outcome, words: outcomeWords(outcome) });
  } catch (error) {
    if (error instanceof ReportRefused) return json(422, { error: error.message, line: error.line });
    log('reports').error(errorFields(error), 'report upload failed');
    return json(500, {
      error: 'The import failed and nothing was changed. Try again, or ask an admin to check the logs.',
    });
  }
}

/**
 * What the upload form says about an import: worded here, so the page's client code only shows it
 * (app/(dashboard)/reconciliation/upload-report.tsx).
 */
function outcomeWords(o: {
  status: 'IMPORTED' | 'UNCHANGED';
  kind: 'TRANSACTIONS' | 'SETTLEMENT';
  reportDate: string;
  rows: number;
  unknownTypes: number;
  superseded: { added: number; removed: number; changed: number } | null;
  applied: { paymentsImported: number; externalRecorded: number };
  differences: number;
}): { headline: string; details: string } {
  // "1 row", "300,000 rows": counts grouped as the rest of the dashboard prints them, the noun by the count.
  const count = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;
  const headline =
    o.status === 'UNCHANGED'
      ? 'This file was imported before: nothing changed.'
      : `Imported the ${o.kind === 'SETTLEMENT' ? 'settlement' : 'transaction'} report of ${o.reportDate}: ${count(o.rows, 'row', 'rows')}.`;
  const details = [
    o.unknownTypes > 0 && `${count(o.unknownTypes, 'row', 'rows')} of other transaction types kept.`,
    o.superseded &&
      `It replaces an earlier file for that day: ${formatCount(o.superseded.added)} added, ${formatCount(o.superseded.removed)} removed, ${formatCount(o.superseded.changed)} changed.`,
    o.applied.paymentsImported > 0 && `${count(o.applied.paymentsImported, 'payment', 'payments')} imported.`,
    o.applied.externalRecorded > 0 &&
      `${count(o.applied.externalRecorded, 'refund', 'refunds')} made outside recorded.`,
    `${count(o.differences, 'difference', 'differences')} on that day.`,
  ].filter(Boolean);
  return { headline, details: details.join(' ') };
}
