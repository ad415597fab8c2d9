import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { CopyableId } from '@/components/copyable-id';
import { DetailHeader } from '@/components/detail-header';
import { FactRow, Section } from '@/components/page-header';
import { ResultCodeHighlight } from '@/components/result-code-highlight';
import { RefundStatusBadge } from '@/components/status-badge';
import { Amount, DateTime, Id, IdLink, None } from '@/components/values';
import { requireUser } from '@/lib/auth/session';
import { formatRelative } from '@/lib/format/date-time';
import { describeResultCode, refundNextStep } from '@/lib/format/result-code';
import { CopyButton } from '@/components/copy-button';
import { timeZoneLabel } from '@/lib/format/time-zone';
import { methodRules } from '@/lib/payments/methods';
import { getRefundTimeline, TIMELINE_LIMIT_PER_SOURCE } from '@/lib/refunds/read/timeline';
import { appReports } from '@/lib/reports/app';
import { Timeline } from './timeline';
import { CHANNEL_LABELS } from '@/lib/payments/states';
import { idFromPath } from '../../search-params';

type Props = { params: Promise<{ refundRequestId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Refund ${idFromPath((await params).refundRequestId) ?? 'not found'}` };
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <FactRow label={label} labelWidth="8.5rem">
      {children}
    </FactRow>
  );
}

const none = <None />;

export default async function RefundPage({ params }: Props) {
  const user = await requireUser('read');
  const id = idFromPath((await params).refundRequestId) ?? '';
  const [data, settlement] = await Promise.all([
    getRefundTimeline(user, id),
    id ? appReports.getRefundSettlement(user, id) : null,
  ]);
  if (!data) notFound();
  const { refund: r, events, truncated } = data;
  const latest = describeResultCode({ code: r.resultCode, resultStatus: r.resultStatus, channel: r.payment.channel });

  return (
    <>
      <DetailHeader
        back={{ href: '/refunds', label: 'Refunds' }}
        title={
          <>
            Refund <Amount value={r.amountValue} currency={r.currency} />
          </>
        }
        badge={<RefundStatusBadge status={r.status} />}
        id={r.refundRequestId}
        idLabel="refundRequestId"
      />

      {r.attentionReason && (
        <div
          role="status"
          className="mb-6 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950"
        >
          <p className="font-medium">Needs attention</p>
          <p className="mt-0.5">{r.attentionReason}</p>
        </div>
      )}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.6fr)]">
        <div className="min-w-0 space-y-6">
          <Section id="summary" title="Summary" description={`Times in ${timeZoneLabel()}.`}>
            {latest && (
              <div className="px-4 pt-4 sm:px-5">
                <ResultCodeHighlight
                  view={latest}
                  message={r.resultMessage}
                  next={
                    // The buttons the words name are beside the refund on its payment's page.
                    <p className="mt-1 text-slate-800">
                      <span className="font-medium">Next: </span>
                      {refundNextStep(r.status, latest).text}{' '}
                      <a
                        href={`/transactions/${encodeURIComponent(r.paymentId)}#refunds`}
                        className="font-medium text-blue-700 hover:underline"
                      >
                        Open the payment page to act
                      </a>
                    </p>
                  }
                />
              </div>
            )}
            <dl className="divide-y divide-slate-100 py-1">
              <Row label="Amount">
                <Amount value={r.amountValue} currency={r.currency} /> <span className="text-slate-500">of</span>{' '}
                <Amount value={r.payment.amountValue} currency={r.payment.currency} />
              </Row>
              <Row label="Payment">
                <IdLink to="payment" id={r.paymentId} /> <CopyButton value={r.paymentId} label="paymentId" />
                <span className="block text-xs text-slate-500">
                  {r.payment.paymentRequestId} · {methodRules(r.payment.method).label} ·{' '}
                  {CHANNEL_LABELS[r.payment.channel]}
                </span>
              </Row>
              <Row label="refundId">
                {r.refundId ? (
                  <CopyableId label="refundId">{r.refundId}</CopyableId>
                ) : (
                  <span className="text-slate-500">Not yet given by Antom</span>
                )}
              </Row>
              <Row label="Requested">
                {r.source === 'EXTERNAL' ? 'Outside this dashboard' : (r.requestedBy?.name ?? 'System')},{' '}
                <DateTime date={r.createdAt} />
                {r.sourceNote && <span className="block text-xs text-slate-500">{r.sourceNote}</span>}
              </Row>
              <Row label="Reason">{r.reason ?? none}</Row>
              <Row label="Sent to Antom">
                {r.submittedAt ? (
                  <>
                    <DateTime date={r.submittedAt} />
                    {r.submitAttempts > 1 && (
                      <span className="text-slate-500"> ({r.submitAttempts} attempts, same request id)</span>
                    )}
                  </>
                ) : (
                  <span className="text-slate-500">Not sent</span>
                )}
              </Row>
              <Row label="Status checks">
                {r.checkAttempts === 0 ? 'None yet' : `${r.checkAttempts}`}
                {r.lastCheckedAt && <span className="text-slate-500">, last {formatRelative(r.lastCheckedAt)}</span>}
                {r.nextCheckAt && (
                  <span className="block text-xs text-slate-500">Next check {formatRelative(r.nextCheckAt)}</span>
                )}
              </Row>
              <Row label="Antom's status">
                {r.antomStatus ? <code className="font-mono text-[13px]">{r.antomStatus}</code> : none}
              </Row>
              <Row label="Final since">
                {r.finalizedAt ? <DateTime date={r.finalizedAt} /> : <span className="text-slate-500">Not final</span>}
              </Row>
            </dl>
          </Section>
          <Section
            id="settlement"
            title="Settlement"
            description="From Antom's settlement details report; a refund is money out, so its net is negative."
          >
            {settlement ? (
              <dl className="divide-y divide-slate-100 py-1">
                <Row label="Batch">
                  {settlement.batchId ? <Id>{settlement.batchId}</Id> : none}
                  <span className="block text-xs text-slate-500">Report of {settlement.reportDate}</span>
                </Row>
                <Row label="Fee">
                  {settlement.feeValue !== null && settlement.feeCurrency ? (
                    <Amount value={settlement.feeValue} currency={settlement.feeCurrency} />
                  ) : (
                    none
                  )}
                </Row>
                <Row label="Net settled">
                  {settlement.netValue !== null && settlement.settlementCurrency ? (
                    <Amount value={settlement.netValue} currency={settlement.settlementCurrency} />
                  ) : (
                    none
                  )}
                </Row>
                <Row label="Settlement currency">{settlement.settlementCurrency ?? none}</Row>
              </dl>
            ) : (
              <p className="px-4 py-3 text-sm text-slate-500 sm:px-5">No imported settlement report lists it yet.</p>
            )}
          </Section>
        </div>
        <Section
          id="timeline"
          title="Timeline"
          description="State changes, calls to Antom and notifications, oldest first."
        >
          {truncated && (
            <p className="mx-4 mt-4 rounded-md bg-slate-100 px-3 py-2 text-xs text-slate-700 sm:mx-5">
              Long history: showing the first {TIMELINE_LIMIT_PER_SOURCE} entries of each kind.
            </p>
          )}
          {events.length ? (
            <Timeline events={events} channel={r.payment.channel} />
          ) : (
            <p className="px-5 py-6 text-sm text-slate-500">Nothing recorded yet.</p>
          )}
        </Section>
      </div>
    </>
  );
}
