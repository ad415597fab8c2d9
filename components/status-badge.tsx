// Payment and refund statuses as badges: the word a person reads (lib/payments/states.ts,
// lib/refunds/states.ts) plus a colour used sparingly (green done, red failed, amber needs a look,
// blue under way, grey neutral). The colours are the only thing defined here.
import {
  PAYMENT_DISPLAY_STATUS_WORDS,
  paymentDisplayStatus,
  type PaymentDisplayStatus,
  type PaymentStatus,
} from '@/lib/payments/states';
import { REFUND_STATUS_WORDS, type RefundStatus } from '@/lib/refunds/states';
import { Badge, type Tone } from './badge';
import { Amount } from './values';

const PAYMENT_TONES: Record<PaymentDisplayStatus, Tone> = {
  SUCCESS: 'green',
  PARTIALLY_REFUNDED: 'violet',
  REFUNDED: 'slate',
  FAIL: 'red',
  PROCESSING: 'blue',
  PENDING: 'amber',
  CANCELLED: 'slate',
};

const REFUND_TONES: Record<RefundStatus, Tone> = {
  SUCCESS: 'green',
  FAILED: 'red',
  PROCESSING: 'blue',
  UNKNOWN: 'amber',
  CREATED: 'slate',
  // Waits for a person in this dashboard, not for Antom.
  PENDING_APPROVAL: 'violet',
  CANCELLED: 'slate',
};

function StatusBadge({ words, tone }: { words: { label: string; hint: string }; tone: Tone }) {
  return (
    <Badge tone={tone} title={words.hint}>
      {words.label}
    </Badge>
  );
}

/** A payment's shown status: Antom's, or Partially refunded / Refunded (paymentDisplayStatus). */
export function PaymentStatusBadge({
  payment,
}: {
  payment: { status: PaymentStatus; amountValue: number; refundedValue: number };
}) {
  const status = paymentDisplayStatus(payment);
  return <StatusBadge words={PAYMENT_DISPLAY_STATUS_WORDS[status]} tone={PAYMENT_TONES[status]} />;
}

export function RefundStatusBadge({ status }: { status: RefundStatus }) {
  return <StatusBadge words={REFUND_STATUS_WORDS[status]} tone={REFUND_TONES[status]} />;
}

/** A refund at a glance: its amount and its state, then whatever the list adds (e.g. how long ago). */
export function RefundHeadline({
  refund,
  large = false,
  children,
}: {
  refund: { amountValue: number; currency: string; status: RefundStatus };
  large?: boolean;
  children?: React.ReactNode;
}) {
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
      <Amount
        value={refund.amountValue}
        currency={refund.currency}
        className={`font-semibold text-slate-900 ${large ? 'text-base' : ''}`}
      />
      <RefundStatusBadge status={refund.status} />
      {children}
    </div>
  );
}
