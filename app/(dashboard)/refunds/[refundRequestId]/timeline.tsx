// The refund's one timeline: state transitions with their causes, every call to Antom (request and
// response bodies, latency, signature verdict, outcome) and every notification, oldest first.
import { Badge, type Tone } from '@/components/badge';
import { ResultCodeChip } from '@/components/result-code-highlight';
import { RefundStatusBadge } from '@/components/status-badge';
import { isRefundStatus } from '@/lib/refunds/states';
import { Amount } from '@/components/values';
import { formatDate, formatTimeMs } from '@/lib/format/date-time';
import { callOutcomeLabel, describeResultCode } from '@/lib/format/result-code';
import type { TimelineEvent } from '@/lib/refunds/read/timeline';

const OPERATION: Record<string, string> = {
  REFUND: 'Refund request to Antom',
  INQUIRY_REFUND: 'Refund status inquiry',
  INQUIRY_PAYMENT: 'Payment inquiry',
};
const CAUSE: Record<string, string> = {
  USER: 'by a person',
  ANTOM_RESPONSE: "from Antom's answer",
  NOTIFICATION: "from Antom's notification",
  RECONCILER: 'by the status checker',
  SYSTEM: 'by the system',
};
const VERDICT: Record<string, [string, Tone]> = {
  VALID: ['Signature valid', 'green'],
  INVALID: ['Signature invalid', 'red'],
  MISSING: ['Signature missing', 'amber'],
  NOT_CHECKED: ['Signature not checked', 'slate'],
};
const NOTIFY_OUTCOME: Record<string, [string, Tone]> = {
  PENDING: ['Not applied yet', 'slate'],
  APPLIED: ['Applied', 'green'],
  DUPLICATE: ['Duplicate', 'slate'],
  UNKNOWN_REFUND: ['Unknown refund', 'amber'],
  CONFLICT: ['Conflict', 'amber'],
  REJECTED: ['Rejected', 'red'],
  IGNORED: ['Nothing to apply', 'slate'],
};

function pretty(body: string | null): string {
  if (!body) return '';
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

function Body({ label, body }: { label: string; body: string | null }) {
  if (!body) return null;
  return (
    <details className="group mt-2 rounded-md border border-slate-200 bg-slate-50">
      <summary className="cursor-pointer px-3 py-1.5 text-xs font-medium text-slate-700 select-none hover:text-slate-900 focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none">
        {label}
      </summary>
      <pre className="max-h-80 overflow-auto border-t border-slate-200 px-3 py-2 font-mono text-xs leading-relaxed whitespace-pre-wrap text-slate-800">
        {pretty(body)}
      </pre>
    </details>
  );
}

/** The decisions on a waiting refund, as the timeline says them. */
const DECISIONS: Record<string, string> = {
  'refund.approved': 'Approved, and sent to Antom',
  'refund.rejected': 'Rejected',
  'refund.approval_expired': 'Not approved in time: expired, nothing sent',
  'refund.cancelled': 'Cancelled before it was sent',
};

function isApproval(v: unknown): v is { why: string } {
  return typeof v === 'object' && v !== null && typeof (v as { why?: unknown }).why === 'string';
}

function text(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function AuditBody({ e, channel }: { e: Extract<TimelineEvent, { kind: 'audit' }>; channel: 'ONLINE' | 'IN_STORE' }) {
  const d = e.details;
  const who =
    e.actor.name ?? (e.actor.type === 'ANTOM' ? 'Antom' : e.actor.type === 'SYSTEM' ? 'The system' : 'Someone');
  if (e.action === 'refund.status_changed') {
    const from = String(d.from ?? '');
    const to = String(d.to ?? '');
    const code = typeof d.resultCode === 'string' ? d.resultCode : null;
    return (
      <>
        <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
          Status {isRefundStatus(from) ? <RefundStatusBadge status={from} /> : from}{' '}
          <span aria-label="changed to">→</span> {isRefundStatus(to) ? <RefundStatusBadge status={to} /> : to}
        </p>
        <p className="mt-0.5 text-slate-600">
          Changed {CAUSE[String(d.cause)] ?? String(d.cause ?? '')}
          {typeof d.note === 'string' && <>: {d.note}</>}
        </p>
        {code && (
          <div className="mt-1">
            <ResultCodeChip
              view={describeResultCode({
                code,
                resultStatus: to === 'SUCCESS' ? 'S' : to === 'FAILED' ? 'F' : 'U',
                channel,
              })}
            />
          </div>
        )}
      </>
    );
  }
  const decision = DECISIONS[e.action];
  if (decision) {
    // Approvals (issue 16): a person's decision on a waiting refund, or its expiry, moves its state.
    const from = String(d.from ?? '');
    const to = String(d.to ?? '');
    return (
      <>
        <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
          Status {isRefundStatus(from) ? <RefundStatusBadge status={from} /> : from}{' '}
          <span aria-label="changed to">→</span> {isRefundStatus(to) ? <RefundStatusBadge status={to} /> : to}
        </p>
        <p className="mt-0.5 text-slate-600">
          {decision}
          {e.actor.type === 'USER' && <> by {who}</>}
          {typeof d.reason === 'string' && d.reason && <>: “{d.reason}”</>}
        </p>
      </>
    );
  }
  if (e.action === 'refund.requested') {
    const amount =
      typeof d.amountValue === 'number' && typeof d.currency === 'string' ? (
        <Amount value={d.amountValue} currency={d.currency} />
      ) : null;
    return (
      <>
        <p className="font-medium text-slate-900">
          Refund {amount && <>of {amount} </>}requested by {who}
        </p>
        {typeof d.reason === 'string' && d.reason && <p className="mt-0.5 text-slate-600">Reason: “{d.reason}”</p>}
        {isApproval(d.approval) && <p className="mt-0.5 text-violet-900">Held for approval: {d.approval.why}</p>}
      </>
    );
  }
  const entries = Object.entries(d);
  return (
    <>
      <p className="font-medium text-slate-900">
        <code className="font-mono text-[13px]">{e.action}</code>{' '}
        <span className="font-normal text-slate-600">by {who}</span>
      </p>
      {entries.length > 0 && (
        <dl className="mt-1 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 text-xs text-slate-600">
          {entries.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="font-medium text-slate-500">{k}</dt>
              <dd className="break-words">{text(v)}</dd>
            </div>
          ))}
        </dl>
      )}
    </>
  );
}

function CallBody({ e, channel }: { e: Extract<TimelineEvent, { kind: 'call' }>; channel: 'ONLINE' | 'IN_STORE' }) {
  const [verdict, verdictTone] = VERDICT[e.signatureVerdict]!;
  const { label: outcome, tone: outcomeTone } = callOutcomeLabel(e);
  return (
    <>
      <p className="font-medium text-slate-900">
        {OPERATION[e.operation] ?? e.operation}
        {e.attempt > 1 && <span className="font-normal text-slate-600"> · attempt {e.attempt}</span>}
      </p>
      <p className="mt-0.5 font-mono text-xs break-all text-slate-500">POST {e.path}</p>
      <div className="mt-1.5 flex flex-wrap items-center gap-2 text-xs text-slate-600">
        <Badge tone={outcomeTone}>{outcome}</Badge>
        <Badge tone={verdictTone}>{verdict}</Badge>
        <span>HTTP {e.httpStatus ?? '—'}</span>
        <span className="tabular-nums">{e.latencyMs} ms</span>
      </div>
      {e.resultCode && (
        <div className="mt-1.5">
          <ResultCodeChip
            view={describeResultCode({
              code: e.resultCode,
              resultStatus: e.resultStatus,
              channel,
              operation: e.operation,
            })}
          />
        </div>
      )}
      {e.error && <p className="mt-1 text-xs text-rose-800">Transport error: {e.error}</p>}
      <Body label="Request body" body={e.requestBody} />
      <Body label="Response body" body={e.responseBody} />
    </>
  );
}

function NotificationBody({ e }: { e: Extract<TimelineEvent, { kind: 'notification' }> }) {
  const [verdict, verdictTone] = VERDICT[e.signatureVerdict]!;
  const [outcome, outcomeTone] = NOTIFY_OUTCOME[e.outcome]!;
  return (
    <>
      <p className="font-medium text-slate-900">Notification from Antom{e.refundStatus && <>: {e.refundStatus}</>}</p>
      <p className="mt-0.5 font-mono text-xs break-all text-slate-500">
        {e.notifyType ?? 'notify'} · {e.path}
      </p>
      <div className="mt-1.5 flex flex-wrap items-center gap-2 text-xs">
        <Badge tone={outcomeTone}>{outcome}</Badge>
        <Badge tone={verdictTone}>{verdict}</Badge>
      </div>
      {e.note && <p className="mt-1 text-xs text-slate-600">{e.note}</p>}
      <Body label="Notification body" body={e.rawBody} />
    </>
  );
}

const DOT: Record<TimelineEvent['kind'], string> = {
  audit: 'bg-slate-400',
  call: 'bg-blue-600',
  notification: 'bg-violet-600',
};
const KIND: Record<TimelineEvent['kind'], string> = {
  audit: 'Audit',
  call: 'Antom call',
  notification: 'Notification',
};
const ACTION_KIND: Record<string, string> = {
  'refund.status_changed': 'State change',
  'refund.requested': 'Requested',
  'refund.approved': 'Approved',
  'refund.rejected': 'Rejected',
  'refund.approval_expired': 'Expired',
  'refund.cancelled': 'Cancelled',
};

const kindLabel = (e: TimelineEvent) => (e.kind === 'audit' ? (ACTION_KIND[e.action] ?? KIND.audit) : KIND[e.kind]);

export function Timeline({ events, channel }: { events: TimelineEvent[]; channel: 'ONLINE' | 'IN_STORE' }) {
  return (
    <ol className="relative px-4 py-4 sm:px-5">
      {events.map((e, i) => {
        const day = formatDate(e.at);
        // The date once per day; each event keeps its time to the millisecond (calls are that close).
        const showDay = i === 0 || formatDate(events[i - 1]!.at) !== day;
        return (
          <li key={`${e.kind}-${e.id}`} className="relative grid grid-cols-[1rem_minmax(0,1fr)] gap-x-3 pb-5 last:pb-0">
            {i < events.length - 1 && (
              <span aria-hidden="true" className="absolute top-3 bottom-0 left-[0.4375rem] w-px bg-slate-200" />
            )}
            <span
              aria-hidden="true"
              className={`relative mt-1.5 size-2.5 justify-self-center rounded-full ring-4 ring-white ${DOT[e.kind]}`}
            />
            <div className="min-w-0 text-sm">
              <p className="text-xs text-slate-500">
                <span className="font-medium text-slate-600">{kindLabel(e)}</span> ·{' '}
                <time dateTime={e.at.toISOString()} className="tabular-nums">
                  {showDay && `${day}, `}
                  {formatTimeMs(e.at)}
                </time>
              </p>
              <div className="mt-0.5">
                {e.kind === 'audit' ? (
                  <AuditBody e={e} channel={channel} />
                ) : e.kind === 'call' ? (
                  <CallBody e={e} channel={channel} />
                ) : (
                  <NotificationBody e={e} />
                )}
              </div>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
