// How each refund state reads to a person, with what happens next.
import type { RefundStatus } from './states';

export const REFUND_STATUS_WORDS: Record<RefundStatus, { label: string; headline: string; next: string }> = {
  CREATED: { label: 'Created', headline: 'reserved, being sent to Antom', next: 'It is sent within seconds; if that fails it is sent by the background checks.' },
  PROCESSING: { label: 'Processing', headline: 'accepted by Antom, in progress', next: 'Antom will report the final result; this page updates by itself.' },
  UNKNOWN: { label: 'Unknown', headline: 'outcome not known yet', next: 'The amount stays reserved while we ask Antom again with the same ids.' },
  SUCCESS: { label: 'Refunded', headline: 'refunded', next: 'The money is on its way back to the customer.' },
  FAILED: { label: 'Failed', headline: 'failed', next: 'Nothing was refunded and the amount is available again.' },
};
