// The lines the coordinator (main.ts) and a refund-making process (maker.ts) exchange.
export const LINE_PREFIX = '@campaign ';

export interface AttemptRequest {
  n: number;
  paymentId: string;
  amountValue?: number;
  amountText?: string;
  idempotencyKey: string;
}

export type AttemptAnswer =
  | { n: number; kind: 'refund'; status: string; created: boolean; refundRequestId: string; resultCode: string | null }
  | { n: number; kind: 'refused'; code: string; message: string }
  | { n: number; kind: 'error'; message: string }
  /** Not attempted: the process was shutting down. */
  | { n: number; kind: 'declined' };

export type MakerEvent = { kind: 'ready' } | { kind: 'stopped'; answered: number } | AttemptAnswer;
