import { Badge } from '@/components/badge';
import { Cell, DataTable, HeaderCell, Row, TimeHeaderCell } from '@/components/data-table';
import { DateTimeStack, None } from '@/components/values';
import type { AuditListRow } from '@/lib/audit/queries';
import { formatAmount } from '@/lib/money';

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
  if (typeof d.from === 'string' && typeof d.to === 'string') {
    // A decision on a waiting refund (approved, rejected, expired, cancelled): its move and its reason.
    return `${d.from} → ${d.to}${typeof d.reason === 'string' && d.reason ? ` · “${d.reason}”` : ''}`;
  }
  if (row.action === 'payment.lookup') {
    // "Look it up at Antom": the id, what came of it, and Antom's answer to each question asked.
    const asked = Array.isArray(d.asked) ? (d.asked as { channel?: string; by?: string; answer?: string }[]) : [];
    const status = typeof d.status === 'string' ? ` ${d.status}` : '';
    const answers = asked.map((a) => `${a.channel === 'IN_STORE' ? 'in store' : 'online'} by ${a.by}: ${a.answer}`);
    return [`${String(d.id)} → ${String(d.outcome)}${status}`, ...answers, d.via ? `via ${String(d.via)}` : '']
      .filter(Boolean)
      .join(' · ');
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
      <a href={`/refunds/${encodeURIComponent(row.refundRequestId)}`} className={link}>
        {row.refundRequestId}
      </a>
    );
  if (row.paymentId)
    return (
      <a href={`/transactions/${encodeURIComponent(row.paymentId)}`} className={link}>
        {row.paymentId}
      </a>
    );
  return <None />;
}

/** One table: columns from the md breakpoint up, a card per entry on phones (action and who, subject, details, when). */
export function AuditTable({ rows, zone }: { rows: AuditListRow[]; zone: string }) {
  return (
    <DataTable
      caption="Audit log, newest first"
      headings={
        <>
          <TimeHeaderCell label="When" zone={zone} />
          <HeaderCell>Who</HeaderCell>
          <HeaderCell>Action</HeaderCell>
          <HeaderCell>Subject</HeaderCell>
          <HeaderCell>Details</HeaderCell>
        </>
      }
    >
      <tbody role="rowgroup">
        {rows.map((r) => {
          const summary = summarise(r);
          return (
            <Row key={r.id} className="md:hover:bg-slate-50/70">
              <Cell className="max-md:order-5 max-md:w-full max-md:text-xs max-md:text-slate-500">
                <DateTimeStack date={r.at} />
              </Cell>
              <Cell className="max-md:order-2 max-md:flex max-md:flex-col max-md:items-end">
                <Actor row={r} />
                {r.ip && <span className="block font-mono text-xs text-slate-500 max-md:hidden">{r.ip}</span>}
              </Cell>
              <Cell className="max-md:order-1 max-md:min-w-0 max-md:flex-1">
                <code className="font-mono text-[13px] text-slate-800 max-md:font-medium max-md:text-slate-900">
                  {r.action}
                </code>
              </Cell>
              <Cell
                className={`max-md:order-3 max-md:w-full md:max-w-[16rem] ${r.refundRequestId || r.paymentId ? '' : 'max-md:hidden'}`}
              >
                <Subject row={r} />
              </Cell>
              <Cell
                className={`text-slate-600 max-md:order-4 max-md:w-full md:max-w-[28rem] ${summary ? '' : 'max-md:hidden'}`}
                title={JSON.stringify(r.details)}
              >
                {summary || <None />}
              </Cell>
            </Row>
          );
        })}
      </tbody>
    </DataTable>
  );
}
