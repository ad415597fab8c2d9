import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Badge } from '@/components/badge';
import { FactRow, PageHeader, Section } from '@/components/page-header';
import { Amount, DateTime, IdLink, None } from '@/components/values';
import { can } from '@/lib/auth/roles';
import { requireUser } from '@/lib/auth/session';
import { DIFFERENCE_WORDS } from '@/lib/reports';
import { appReports } from '@/lib/reports/app';
import { ExplainForm } from './explain-form';

export const metadata: Metadata = { title: 'Reconciliation difference' };

export default async function DifferencePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser('read');
  const { id } = await params;
  const d = await appReports.getDifference(user, id);
  if (!d) notFound();
  const words = DIFFERENCE_WORDS[d.kind];
  return (
    <>
      <p className="mb-2 text-sm">
        <a href={`/reconciliation?from=${d.day}&to=${d.day}`} className="text-blue-700 hover:underline">
          ← Reconciliation of {d.day}
        </a>
      </p>
      <PageHeader
        title={words.label}
        description={
          <span className="flex flex-wrap gap-1">
            {d.touchesMoney && <Badge tone="red">Touches money</Badge>}
            {!d.flagged && <Badge tone="slate">Before T+2: may still come</Badge>}
            {d.explainedAt ? <Badge tone="green">Explained</Badge> : <Badge tone="amber">Open</Badge>}
          </span>
        }
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Section title="What was found">
          <dl className="divide-y divide-slate-100">
            <FactRow label="Day">{d.day}</FactRow>
            <FactRow label="Payment">{d.paymentId ? <IdLink to="payment" id={d.paymentId} /> : <None />}</FactRow>
            <FactRow label="Refund">
              {d.refundRequestId ? <IdLink to="refund" id={d.refundRequestId} /> : <None />}
            </FactRow>
            <FactRow label="Antom transactionId">{d.transactionId ?? <None />}</FactRow>
            <FactRow label="Ours">
              {d.oursValue !== null ? <Amount value={d.oursValue} currency={d.currency} /> : <None />} {d.oursStatus}
            </FactRow>
            <FactRow label="Antom's">
              {d.antomValue !== null ? <Amount value={d.antomValue} currency={d.currency} /> : <None />} {d.antomStatus}
            </FactRow>
            <FactRow label="Found">{d.detail}</FactRow>
          </dl>
        </Section>
        <Section title="What it means and what to do">
          <div className="space-y-3 px-4 py-3 text-sm text-slate-700 sm:px-5">
            <p>{words.means}</p>
            <p>{words.todo}</p>
          </div>
        </Section>
      </div>
      <div className="mt-6">
        <Section title="Explanation">
          <div className="px-4 py-3 sm:px-5">
            {d.explainedAt ? (
              <p className="text-sm text-slate-700">
                Explained by {d.explainedBy ?? 'someone'} on <DateTime date={d.explainedAt} />: {d.explanation}
              </p>
            ) : can(user.role, 'explainDifferences') ? (
              <ExplainForm id={d.id} />
            ) : (
              <p className="text-sm text-slate-600">Open. An admin can mark it explained, with a note.</p>
            )}
          </div>
        </Section>
      </div>
    </>
  );
}
