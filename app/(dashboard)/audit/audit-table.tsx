import { Badge } from '@/components/badge';
import { Cell, DataTable, HeaderCell, Row, TimeHeaderCell } from '@/components/data-table';
import { DateTimeStack, None } from '@/components/values';
import type { AuditListRow } from '@/lib/audit/queries';
import { auditInWords, type AuditSubject } from '@/lib/audit/words';

function Actor({ row }: { row: AuditListRow }) {
  if (row.actor) return <span className="text-slate-900">{row.actor.name}</span>;
  return (
    <Badge tone={row.actorType === 'ANTOM' ? 'violet' : 'slate'}>
      {row.actorType === 'ANTOM' ? 'Antom' : 'System'}
    </Badge>
  );
}

/** What the entry is about: the refund, the payment, or the person an account change concerned. */
function Subject({ subject }: { subject: AuditSubject | null }) {
  if (!subject) return <None />;
  if (subject.kind === 'person')
    return (
      <a href={subject.href} className="text-xs break-all text-blue-700 hover:underline">
        {subject.label}
      </a>
    );
  return (
    <span className="text-xs text-slate-500">
      {subject.kind === 'refund' ? 'refund ' : 'payment '}
      <a href={subject.href} className="font-mono break-all text-blue-700 hover:underline">
        {subject.id}
      </a>
    </span>
  );
}

/**
 * One table: when, what happened in words (who did it, with the action's name and address small
 * below), and what it was about. Columns from the md breakpoint up, a card per entry on phones.
 */
export function AuditTable({ rows, zone }: { rows: AuditListRow[]; zone: string }) {
  return (
    <DataTable
      caption="Audit log, newest first"
      headings={
        <>
          <TimeHeaderCell label="When" zone={zone} />
          <HeaderCell>What happened</HeaderCell>
          <HeaderCell>Subject</HeaderCell>
        </>
      }
    >
      <tbody role="rowgroup">
        {rows.map((r) => {
          const words = auditInWords(r);
          return (
            <Row key={r.id} className="md:hover:bg-slate-50/70">
              <Cell className="max-md:order-3 max-md:w-full max-md:text-xs max-md:text-slate-500">
                <DateTimeStack date={r.at} />
              </Cell>
              <Cell className="max-md:order-1 max-md:w-full md:max-w-[40rem]" title={JSON.stringify(r.details)}>
                <span className="block text-slate-900">{words.sentence}</span>
                <span className="mt-0.5 flex flex-wrap items-center gap-x-2 text-xs text-slate-500">
                  {!r.actor && <Actor row={r} />}
                  <code className="font-mono">{r.action}</code>
                  {r.ip && <span className="font-mono">{r.ip}</span>}
                </span>
              </Cell>
              <Cell className={`max-md:order-2 max-md:w-full md:max-w-[18rem] ${words.subject ? '' : 'max-md:hidden'}`}>
                <Subject subject={words.subject} />
              </Cell>
            </Row>
          );
        })}
      </tbody>
    </DataTable>
  );
}
