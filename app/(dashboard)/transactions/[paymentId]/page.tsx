import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Notice } from '@/components/empty-state';
import { CopyableId } from '@/components/copyable-id';
import { DetailHeader } from '@/components/detail-header';
import { FactRow, Section } from '@/components/page-header';
import { PaymentStatusBadge } from '@/components/status-badge';
import { Amount, DateTime } from '@/components/values';
import { can } from '@/lib/auth/roles';
import { requireUser } from '@/lib/auth/session';
import { formatRelative } from '@/lib/format/date-time';
import { timeZoneLabel } from '@/lib/format/time-zone';
import { methodRules } from '@/lib/payments/methods';
import { getPaymentDetail } from '@/lib/payments/queries';
import { lookupWords } from '@/lib/payments/lookup-words';
import { CHANNEL_LABELS } from '@/lib/payments/states';
import { getPaymentTimeline } from '@/lib/refunds/read/payment-timeline';
import { PaymentTimeline } from './payment-timeline';
import { RefundHistory } from './refund-history';
import { RefundPanel } from './refund-panel';
import { idFromPath, one, type SearchParams } from '../../search-params';

type Props = { params: Promise<{ paymentId: string }>; searchParams: Promise<SearchParams> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { paymentId } = await params;
  return { title: `Payment ${idFromPath(paymentId) ?? 'not found'}` };
}

function Figure({ label, children, hint }: { label: string; children: React.ReactNode; hint?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-xs">
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-1 text-lg font-semibold text-slate-900">{children}</dd>
      {hint && <dd className="mt-0.5 text-xs text-slate-500">{hint}</dd>}
    </div>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <FactRow label={label} labelWidth="10rem">
      {children}
    </FactRow>
  );
}

export default async function PaymentPage({ params, searchParams }: Props) {
  const user = await requireUser('read');
  const paymentId = idFromPath((await params).paymentId) ?? '';
  const [payment, timeline] = await Promise.all([
    getPaymentDetail(user, paymentId),
    getPaymentTimeline(user, paymentId),
  ]);
  if (!payment) notFound();
  // "Look it up at Antom" lands here after importing; only a payment Antom reported says so.
  const importedWords =
    one(await searchParams, 'imported') === '1' && payment.syncedAt !== null
      ? lookupWords(payment.paymentId, {
          kind: 'IMPORTED',
          paymentId: payment.paymentId,
          channel: payment.channel,
          status: payment.status,
          rawStatus: payment.status,
        })
      : null;

  const inFlight = payment.refundHeldValue - payment.refundedValue;
  const refundable = payment.status === 'SUCCESS' ? payment.amountValue - payment.refundHeldValue : 0;
  const rules = methodRules(payment.method);
  const money = (value: number) => <Amount value={value} currency={payment.currency} />;

  return (
    <>
      <DetailHeader
        back={{ href: '/transactions', label: 'Transactions' }}
        title={<>Payment {money(payment.amountValue)}</>}
        badge={<PaymentStatusBadge payment={payment} />}
        id={payment.paymentId}
        idLabel="paymentId"
      />

      {importedWords && (
        <Notice tone={payment.status === 'SUCCESS' ? 'blue' : 'amber'} title={importedWords.title}>
          {importedWords.text}
        </Notice>
      )}
      {payment.attentionReason && (
        <Notice title="Needs attention">
          {payment.attentionReason} Antom&apos;s notification was kept and not applied; check the payment in Antom
          Dashboard.
        </Notice>
      )}

      <dl className="mb-6 grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Figure label="Amount" hint={payment.paidAt ? 'Paid' : 'Not paid'}>
          {money(payment.amountValue)}
        </Figure>
        <Figure label="Refunded" hint="Confirmed by Antom">
          {money(payment.refundedValue)}
        </Figure>
        <Figure label="In flight" hint="Asked for, not yet final">
          {money(inFlight)}
        </Figure>
        <Figure
          label="Refundable now"
          hint={
            payment.status === 'SUCCESS' ? 'Amount minus refunds not failed or cancelled' : 'Payment not successful'
          }
        >
          {money(refundable)}
        </Figure>
      </dl>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        {/* The one slot for refunding: the form and per-refund actions live in ./refund-panel.tsx.
            First in reading order (phones show it right under the figures); right column on desktop. */}
        <div className="min-w-0 lg:sticky lg:top-6 lg:col-start-2 lg:row-start-1 lg:self-start">
          <RefundPanel payment={payment} user={user} />
        </div>
        <div className="min-w-0 space-y-6 lg:col-start-1 lg:row-start-1">
          <Section id="refunds" title="Refunds" description="Newest first, with Antom's latest result for each.">
            <RefundHistory payment={payment} canAct={can(user.role, 'refund')} />
          </Section>
          <Section id="details" title="Details" description={`Times in ${timeZoneLabel()}.`}>
            <dl className="divide-y divide-slate-100">
              <Row label="paymentId">
                <CopyableId label="paymentId">{payment.paymentId}</CopyableId>
              </Row>
              <Row label="paymentRequestId">
                <CopyableId label="paymentRequestId">{payment.paymentRequestId}</CopyableId>
              </Row>
              <Row label="Method">
                {rules.label} <span className="font-mono text-xs text-slate-500">{payment.method}</span>
              </Row>
              <Row label="Channel">{CHANNEL_LABELS[payment.channel]}</Row>
              <Row label="Created">
                <DateTime date={payment.createdAt} />
              </Row>
              <Row label="Paid">
                {payment.paidAt ? <DateTime date={payment.paidAt} /> : <span className="text-slate-500">Not paid</span>}
              </Row>
              <Row label="Synced with Antom">
                {payment.syncedAt ? (
                  <>
                    <DateTime date={payment.syncedAt} />{' '}
                    <span className="text-slate-500">({formatRelative(payment.syncedAt)})</span>
                  </>
                ) : (
                  <span className="text-slate-500">Never refreshed</span>
                )}
              </Row>
            </dl>
          </Section>
          <Section
            id="timeline"
            title="Timeline"
            description="Paid, each refund and its state changes, and Antom's notifications, oldest first."
          >
            <PaymentTimeline timeline={timeline} />
          </Section>
        </div>
      </div>
    </>
  );
}
