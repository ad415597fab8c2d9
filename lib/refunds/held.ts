// Refunds reserved for a bulk batch and not sent yet (initiate.ts, holdForBatch): the batch runner
// sends each at its rate. A batch that is cancelled cancels the ones never sent instead
// (approval.ts, cancelUnsentRefund: CANCELLED, their holds released). Both decide under the refund's
// row lock on "reserved and never sent" (CREATED, submit_attempts 0), so a refund is either sent or
// cancelled, never both: submit.ts claims the first send with a conditional UPDATE.
import type { RefundEngineDeps } from './engine-deps';
import { submitRefund } from './submit';

/** Sends a held refund now. False when it was sent already (by an earlier run) or is no longer held. */
export function sendHeld(deps: RefundEngineDeps, refundRequestId: string): Promise<boolean> {
  return submitRefund(deps, refundRequestId);
}
