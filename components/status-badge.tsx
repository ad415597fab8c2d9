// Payment and refund statuses as badges: a word a person reads plus a colour used sparingly
// (green done, red failed, amber needs a look, blue under way, grey neutral).
import { Badge, type Tone } from './badge';

export type PaymentStatusValue = 'SUCCESS' | 'FAIL' | 'PROCESSING' | 'CANCELLED' | 'PENDING';
export type RefundStatusValue = 'CREATED' | 'PROCESSING' | 'UNKNOWN' | 'SUCCESS' | 'FAILED';

export const PAYMENT_STATUS_LABELS: Record<PaymentStatusValue, { label: string; tone: Tone; hint: string }> = {
  SUCCESS: { label: 'Succeeded', tone: 'green', hint: 'The payment was completed.' },
  FAIL: { label: 'Failed', tone: 'red', hint: 'The payment did not go through.' },
  PROCESSING: { label: 'Processing', tone: 'blue', hint: 'The payment is still being processed.' },
  PENDING: { label: 'Pending', tone: 'amber', hint: 'Waiting for the customer or the payment method.' },
  CANCELLED: { label: 'Cancelled', tone: 'slate', hint: 'The payment was cancelled.' },
};

export const REFUND_STATUS_LABELS: Record<RefundStatusValue, { label: string; tone: Tone; hint: string }> = {
  SUCCESS: { label: 'Refunded', tone: 'green', hint: 'Antom confirmed the refund.' },
  FAILED: { label: 'Failed', tone: 'red', hint: 'Antom refused the refund; nothing was refunded.' },
  PROCESSING: { label: 'Processing', tone: 'blue', hint: 'Antom accepted the refund and will confirm it later.' },
  UNKNOWN: { label: 'Unknown', tone: 'amber', hint: 'We could not learn the outcome yet; it is being checked.' },
  CREATED: { label: 'Created', tone: 'slate', hint: 'Recorded here; not yet answered by Antom.' },
};

export function PaymentStatusBadge({ status }: { status: PaymentStatusValue }) {
  const s = PAYMENT_STATUS_LABELS[status];
  return (
    <Badge tone={s.tone} title={s.hint}>
      {s.label}
    </Badge>
  );
}

export function RefundStatusBadge({ status }: { status: RefundStatusValue }) {
  const s = REFUND_STATUS_LABELS[status];
  return (
    <Badge tone={s.tone} title={s.hint}>
      {s.label}
    </Badge>
  );
}
