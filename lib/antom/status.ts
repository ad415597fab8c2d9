// One refund state of ours for the two families of status words: online SUCCESS / PROCESSING / FAIL
// (seed 003, notifyRefund) and in-store SUCCESS / PENDING / FAILED (seed 000). The raw word is kept
// beside it wherever it is reported, so nothing Antom said is lost.
export type RefundState = 'SUCCESS' | 'PROCESSING' | 'FAILED';

const REFUND_WORDS: Record<string, RefundState> = {
  SUCCESS: 'SUCCESS',
  PROCESSING: 'PROCESSING',
  PENDING: 'PROCESSING',
  FAIL: 'FAILED',
  FAILED: 'FAILED',
};

/** Null for a word neither family uses: the caller treats that as an unknown answer. */
export function refundStateOf(word: string | null | undefined): RefundState | null {
  return word ? (REFUND_WORDS[word.trim().toUpperCase()] ?? null) : null;
}

/** The word each family uses for our state, for the sandbox's answers. */
export function refundWordFor(state: RefundState, family: 'online' | 'inStore'): string {
  if (state === 'SUCCESS') return 'SUCCESS';
  if (family === 'online') return state === 'PROCESSING' ? 'PROCESSING' : 'FAIL';
  return state === 'PROCESSING' ? 'PENDING' : 'FAILED';
}

export type PaymentState = 'SUCCESS' | 'FAIL' | 'PROCESSING' | 'CANCELLED' | 'PENDING';
