// A result code highlighted by what it asks of the merchant (done, wait, retry, fix, support...),
// with the documented further action in words. It knows only ResultCodeView; the catalog is
// connected in lib/format/result-code.ts.
import { HIGHLIGHT_LABELS, type HighlightKind, type ResultCodeView } from '@/lib/format/result-code';
import type { Tone } from './badge';
import { None } from './values';

const KIND_TONES: Record<HighlightKind, Tone> = {
  DONE: 'green',
  WAIT: 'blue',
  RETRY_SAME_ID: 'amber',
  RETRY_LATER: 'amber',
  NEW_REQUEST: 'red',
  FIX_REQUEST: 'red',
  NOT_REFUNDABLE: 'red',
  REJECTED: 'red',
  MERCHANT_CONFIG: 'violet',
  CONTACT_SUPPORT: 'slate',
  UNKNOWN: 'slate',
};

const BOX: Record<Tone, string> = {
  green: 'border-emerald-200 bg-emerald-50/60',
  red: 'border-rose-200 bg-rose-50/60',
  blue: 'border-blue-200 bg-blue-50/60',
  amber: 'border-amber-300 bg-amber-50/70',
  slate: 'border-slate-200 bg-slate-50',
  violet: 'border-violet-200 bg-violet-50/60',
};

const KIND_TEXT: Record<Tone, string> = {
  green: 'text-emerald-800',
  red: 'text-rose-800',
  blue: 'text-blue-800',
  amber: 'text-amber-900',
  slate: 'text-slate-700',
  violet: 'text-violet-800',
};

/** Inline: the code and its kind, for tables. The further action is in the title and for screen readers. */
export function ResultCodeChip({ view }: { view: ResultCodeView | null }) {
  if (!view) return <None label="no result code" />;
  const tone = KIND_TONES[view.kind];
  return (
    <span className="inline-flex max-w-full flex-col leading-tight" title={view.furtherAction}>
      <code className="truncate font-mono text-xs text-slate-800">{view.code}</code>
      <span className={`text-xs font-medium ${KIND_TEXT[tone]}`}>
        {HIGHLIGHT_LABELS[view.kind]}
        <span className="sr-only">: {view.furtherAction}</span>
      </span>
    </span>
  );
}

/**
 * Block: code, kind, what it means and the further action, for detail pages. `next` replaces the
 * further action's line where the page has the buttons that do it (the payment page).
 */
export function ResultCodeHighlight({
  view,
  message,
  next,
}: {
  view: ResultCodeView | null;
  message?: string | null;
  next?: React.ReactNode;
}) {
  if (!view) return null;
  const tone = KIND_TONES[view.kind];
  return (
    <div className={`rounded-md border px-3 py-2 text-sm ${BOX[tone]}`}>
      <p className="flex flex-wrap items-baseline gap-x-2">
        <code className="font-mono text-[13px] font-semibold break-all text-slate-900">{view.code}</code>
        <span className={`text-xs font-semibold tracking-wide uppercase ${KIND_TEXT[tone]}`}>
          {HIGHLIGHT_LABELS[view.kind]}
        </span>
      </p>
      {view.antomWording ? (
        // Our plain words first; the message Antom sent and its documented action one click away.
        <p className="mt-0.5 text-slate-600">{view.meaning}</p>
      ) : (
        (message ?? view.meaning) && <p className="mt-0.5 text-slate-600">{message ?? view.meaning}</p>
      )}
      {next ?? (
        <p className="mt-1 text-slate-800">
          <span className="font-medium">Next: </span>
          {view.furtherAction}
        </p>
      )}
      {view.antomWording && (
        <details className="mt-1 text-slate-600">
          <summary className="cursor-pointer text-xs font-medium text-slate-700">Antom&apos;s wording</summary>
          <p className="mt-1">{message ?? view.antomWording.message}</p>
          <p className="mt-1">{view.antomWording.furtherAction}</p>
        </details>
      )}
    </div>
  );
}
