// Small renderers for values that appear everywhere: instants, money, ids.
import { formatDate, formatDateTime, formatTime } from '@/lib/format/date-time';
import { formatAmount } from '@/lib/money';

/**
 * Date over time, in the merchant's zone; the UTC instant in the machine-readable attribute. On phones
 * (a list table's card) date and time share one line.
 */
export function DateTimeStack({ date }: { date: Date }) {
  return (
    <time
      dateTime={date.toISOString()}
      className="block leading-tight whitespace-nowrap max-md:flex max-md:items-baseline max-md:gap-1.5"
    >
      <span className="block text-slate-900">{formatDate(date)}</span>
      <span className="block text-xs text-slate-500 tabular-nums">{formatTime(date)}</span>
    </time>
  );
}

export function DateTime({ date, seconds = true }: { date: Date; seconds?: boolean }) {
  return (
    <time dateTime={date.toISOString()} className="tabular-nums">
      {formatDateTime(date, { seconds })}
    </time>
  );
}

export function Amount({ value, currency, className }: { value: number; currency: string; className?: string }) {
  return <span className={`whitespace-nowrap tabular-nums ${className ?? ''}`}>{formatAmount(value, currency)}</span>;
}

/** An identifier: monospace, breakable anywhere on narrow screens so it never overflows. */
export function Id({ children, className }: { children: string; className?: string }) {
  return <code className={`font-mono text-[13px] break-all text-slate-800 ${className ?? ''}`}>{children}</code>;
}

/** An empty cell: a dash to the eye, a word to a screen reader. */
export function None({ label = 'none' }: { label?: string }) {
  return (
    <>
      <span aria-hidden="true" className="text-slate-400">
        —
      </span>
      <span className="sr-only">{label}</span>
    </>
  );
}

const ID_PAGES = { payment: '/transactions/', refund: '/refunds/' } as const;

/** An id that opens its own page: a payment's paymentId or a refund's refundRequestId. */
export function IdLink({ to, id, className }: { to: keyof typeof ID_PAGES; id: string; className?: string }) {
  return (
    <a
      href={`${ID_PAGES[to]}${encodeURIComponent(id)}`}
      className={`font-mono text-[13px] break-all text-blue-700 hover:underline focus-visible:rounded focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none ${className ?? ''}`}
    >
      {id}
    </a>
  );
}
