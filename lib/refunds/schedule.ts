// When to ask Antom again about a refund that is not final. Unknown outcomes are asked about soon
// (the money is held and a person may be waiting); PROCESSING refunds normally end with a
// notification, so the reconciler is only the fallback and backs off further.
// Seed 003, ORDER_NOT_EXIST: "call again after 15 seconds; if there is no result after three retries,
// the order has not been placed". The first answer and three retries: four answers, 15 s apart.
export const ORDER_NOT_EXIST_RETRY_MS = 15_000;
export const ORDER_NOT_EXIST_LIMIT = 4;
/** A CREATED refund this old whose request never left (the process died) is sent by the reconciler. */
export const ABANDONED_AFTER_MS = 30_000;
/** Open this long without a final result: flagged for a person. */
export const STUCK_AFTER_MS = 30 * 60_000;

const BASE_MS = { UNKNOWN: 5_000, PROCESSING: 30_000, CREATED: 5_000 } as const;
const CAP_MS = { UNKNOWN: 10 * 60_000, PROCESSING: 30 * 60_000, CREATED: 10 * 60_000 } as const;

export function nextCheckAt(
  status: keyof typeof BASE_MS,
  attempts: number,
  now = Date.now(),
  random = Math.random,
): Date {
  const delay = Math.min(CAP_MS[status], BASE_MS[status] * 2 ** Math.min(attempts, 16));
  const jitter = 0.8 + random() * 0.4; // ±20%, so many refunds do not all come due together
  return new Date(now + Math.round(delay * jitter));
}
