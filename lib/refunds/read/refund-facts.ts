// What every view of a refund shows (the payment page's refund list, the refunds list and CSV, the
// refund's own page): each view's row adds its own columns to these.
import type { RefundStatus } from '../states';

/** The person who asked for a refund, as the lists name them. */
export interface Requester {
  id: string;
  name: string;
  email: string;
}

export interface RefundFacts {
  refundRequestId: string;
  refundId: string | null;
  amountValue: number;
  currency: string;
  status: RefundStatus;
  resultCode: string | null;
  resultStatus: string | null;
  resultMessage: string | null;
  reason: string | null;
  requestedBy: Requester | null;
  createdAt: Date;
  finalizedAt: Date | null;
}
