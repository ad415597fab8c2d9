// The payment's own timeline, oldest first: paid, each refund and every state it moved through (and
// why), and each notification Antom sent. Each refund's calls and bodies are on its own page.
import { formatMoney } from '@/lib/money';
import { formatDateTime } from '@/lib/format/date-time';
import type { PaymentEvent, PaymentTimeline as Timeline } from '@/lib/refunds/read/payment-timeline';
import { isRefundStatus, REFUND_STATUS_WORDS } from '@/lib/refunds/states';
import { EmptyState } from '@/components/empty-state';

const CAUSE: Record<string, string> = {
  USER: 'by a person',
  ANTOM_RESPONSE: "from Antom's answer",
  NOTIFICATION: "from Antom's notification",
  RECONCILER: 'by the status checker',
  SYSTEM: 'by the system',
};
const NOTIFICATION_OUTCOME: Record<string, string> = {
  PENDING: 'not applied yet',
  APPLIED: 'applied',
  DUPLICATE: 'a copy of one already applied',
  UNKNOWN_REFUND: 'about a refund the dashboard does not know',
  CONFLICT: 'contradicts what the dashboard holds: kept, not applied',
  REJECTED: 'refused: its signature did not verify',
  IGNORED: 'nothing to apply',
};
const DOT: Record<string, string> = {
  green: 'bg-emerald-500',
  red: 'bg-red-500',
  blue: 'bg-blue-500',
  amber: 'bg-amber-500',
  slate: 'bg-slate-400',
};

const stateWord = (s: string | null) => (s && isRefundStatus(s) ? REFUND_STATUS_WORDS[s].label : (s ?? '—'));

/**
 * "…9F3A2C" for the eye, "refund <the whole id>" for screen readers (and the whole id on hover); it
 * opens the refund's page. Two texts rather than an aria-label: a link's name must contain what it shows.
 */
function RefundRef({ id }: { id: string }) {
  return (
    <a
      href={`/refunds/${encodeURIComponent(id)}`}
      title={id}
      className="font-mono text-[13px] text-blue-700 hover:underline"
    >
      <span aria-hidden="true">…{id.slice(-6)}</span>
      <span className="sr-only">refund {id}</span>
    </a>
  );
}

function describe(e: PaymentEvent): { tone: keyof typeof DOT; body: React.ReactNode } {
  switch (e.kind) {
    case 'created':
      return { tone: 'slate', body: 'Payment created' };
    case 'paid':
      return { tone: 'green', body: 'Paid' };
    case 'refund':
      return {
        tone: 'blue',
        body: (
          <>
            Refund of {formatMoney({ value: e.amountValue, currency: e.currency })}{' '}
            {e.source === 'EXTERNAL'
              ? 'made outside this dashboard (from an Antom report)'
              : `asked by ${e.by ?? 'the system'}`}{' '}
            <RefundRef id={e.refundRequestId} />
            {e.reason && <span className="block text-slate-500">“{e.reason}”</span>}
          </>
        ),
      };
    case 'refund-state':
      return {
        tone: e.to === 'SUCCESS' ? 'green' : e.to === 'FAILED' ? 'red' : e.to === 'UNKNOWN' ? 'amber' : 'blue',
        body: (
          <>
            Refund <RefundRef id={e.refundRequestId} />: {stateWord(e.from)} → <strong>{stateWord(e.to)}</strong>
            {e.cause ? ` ${CAUSE[e.cause] ?? ''}` : ''}
            {e.resultCode && <code className="ml-1 font-mono text-xs text-slate-600">{e.resultCode}</code>}
          </>
        ),
      };
    case 'notification':
      return {
        tone: e.outcome === 'REJECTED' || e.outcome === 'CONFLICT' ? 'amber' : 'slate',
        body: (
          <>
            {e.about === 'PAYMENT' ? "Antom's payment notification" : "Antom's refund notification"}
            {e.refundRequestId && (
              <>
                {' '}
                for <RefundRef id={e.refundRequestId} />
              </>
            )}
            {e.reported && <code className="ml-1 font-mono text-xs text-slate-600">{e.reported}</code>}:{' '}
            {NOTIFICATION_OUTCOME[e.outcome] ?? e.outcome.toLowerCase()}
          </>
        ),
      };
  }
}

export function PaymentTimeline({ timeline }: { timeline: Timeline }) {
  if (timeline.events.length === 0) return <EmptyState title="Nothing yet">Events will be listed here.</EmptyState>;
  return (
    <>
      <ol aria-label="What happened to this payment, oldest first" className="px-4 py-3 sm:px-5">
        {timeline.events.map((e, i) => {
          const { tone, body } = describe(e);
          return (
            <li key={i} className="relative flex gap-3 pb-3 last:pb-0">
              <span aria-hidden="true" className={`mt-1.5 h-2.5 w-2.5 shrink-0 rounded-full ${DOT[tone]}`} />
              <div className="min-w-0 text-sm text-slate-800">
                <time dateTime={e.at.toISOString()} className="block text-xs text-slate-500 tabular-nums">
                  {formatDateTime(e.at)}
                </time>
                <p className="break-words">{body}</p>
              </div>
            </li>
          );
        })}
      </ol>
      {timeline.truncated && (
        <p className="px-4 pb-3 text-xs text-slate-500 sm:px-5">
          Only the first events are shown; each refund&apos;s page has its whole history.
        </p>
      )}
    </>
  );
}
