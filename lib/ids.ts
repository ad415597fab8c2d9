// Shapes of the ids we hold, checked before they reach SQL (a cast of a malformed uuid is an error,
// not an empty result).
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A refundRequestId as the dashboard makes them (and accepts in forms and reports): letters, digits, _. */
export const REFUND_REQUEST_ID = /^[A-Za-z0-9_]{1,64}$/;

/** A users.id or any other uuid column's value. */
export function isUuid(text: string): boolean {
  return UUID.test(text);
}
