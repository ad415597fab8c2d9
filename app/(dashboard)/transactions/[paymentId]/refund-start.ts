/**
 * The id of where a refund starts on the payment page: the form's first field, or, when there is no
 * form, the line saying why. "Refund again" (refund-next-step.tsx) links to it; following a link to a
 * fragment focuses a focusable target, so the person lands there without client code of ours.
 */
export const REFUND_START = 'refund-start';
