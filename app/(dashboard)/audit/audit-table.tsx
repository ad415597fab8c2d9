import Link from 'next/link';
import { Badge } from '@/components/badge';
import { HeaderCell, TD, TimeHeaderCell } from '@/components/data-table';
import { DateTimeStack, None } from '@/components/values';
import type { AuditListRow } from '@/lib/audit/queries';
import { formatDateTime } from '@/lib/format/date-time';
import { formatAmount } from '@/lib/format/money';

const CAUSE: Record<string, string> = {
  USER: 'person',
  ANTOM_RESPONSE: "Antom's answer",
  NOTIFICATION: 'notification',
  RECONCILER: 'status checker',
  SYSTEM: 'system',
};

/** One line a person can scan; the full JSON is in the title. */
export function summarise(row: AuditListRow): string {
  const d = row.details;
  if (row.action === 'refund.status_changed') {
    const code = d.resultCode ? ` · ${String(d.resultCode)}` : '';
    return `${String(d.from)} → ${String(d.to)} · ${CAUSE[String(d.cause)] ?? String(d.cause ?? '')}${code}`;
  }
  if (row.action === 'refund.requested' && typeof d.amountValue === 'number' && typeof d.currency === 'string') {
    return `${formatAmount(d.amountValue, d.currency)}${typeof d.reason === 'string' && d.reason ? ` · “${d.reason}”` : ''}`;
  }
  const text = Object.entries(d)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' · ');
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

function Actor({ row }: { row: AuditListRow }) {
  if (row.actor) return <span className="text-slate-900">{row.actor.name}</span>;
  return (
    <Badge tone={row.actorType === 'ANTOM' ? 'violet' : 'slate'}>
      {row.actorType === 'ANTOM' ? 'Antom' : 'System'}
    </Badge>
  );
}

function Subject({ row }: { row: AuditListRow }) {
  const link = 'font-mono text-xs break-all text-blue-700 hover:underline';
  if (row.refundRequestId)
    return (
      <Link href={`/refunds/${encodeURIComponent(row.refundRequestId)}`} className={link}>
        {row.refundRequestId}
      </Link>
    );
  if (row.paymentId)
    return (
      <Link href={`/transactions/${encodeURIComponent(row.paymentId)}`} className={link}>
        {row.paymentId}
      </Link>
    );
  return <None />;
}

export function AuditTable({ rows, zone }: { rows: AuditListRow[]; zone: string }) {
  return (
    <>
      <table className="hidden w-full text-sm md:table">
        <caption className="sr-only">Audit log, newest first</caption>
        <thead className="border-b border-slate-200 bg-slate-50/80">
          <tr>
            <TimeHeaderCell label="When" zone={zone} />
            <HeaderCell>Who</HeaderCell>
            <HeaderCell>Action</HeaderCell>
            <HeaderCell>Subject</HeaderCell>
            <HeaderCell>Details</HeaderCell>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.id} className="hover:bg-slate-50/70">
              <td className={TD}>
                <DateTimeStack date={r.at} />
              </td>
              <td className={TD}>
                <Actor row={r} />
                {r.ip && <span className="block font-mono text-xs text-slate-500">{r.ip}</span>}
              </td>
              <td className={TD}>
                <code className="font-mono text-[13px] text-slate-800">{r.action}</code>
              </td>
              <td className={`${TD} max-w-[16rem]`}>
                <Subject row={r} />
              </td>
              <td className={`${TD} max-w-[28rem] text-slate-600`} title={JSON.stringify(r.details)}>
                {summarise(r) || <None />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="divide-y divide-slate-100 md:hidden" aria-label="Audit log, newest first">
        {rows.map((r) => (
          <li key={r.id} className="px-4 py-3 text-sm">
            <div className="flex items-start justify-between gap-3">
              <code className="font-mono text-[13px] font-medium text-slate-900">{r.action}</code>
              <Actor row={r} />
            </div>
            {(r.refundRequestId || r.paymentId) && (
              <div className="mt-1">
                <Subject row={r} />
              </div>
            )}
            {summarise(r) && <p className="mt-1 text-slate-600">{summarise(r)}</p>}
            <time dateTime={r.at.toISOString()} className="mt-1 block text-xs text-slate-500 tabular-nums">
              {formatDateTime(r.at)}
            </time>
          </li>
        ))}
      </ul>
    </>
  );
}
