import { describe, expect, it } from 'vitest';
import { isFinalPayment, PAYMENT_STATUSES, paymentStatesLeadingTo } from '../../../lib/payments/states';

describe("a payment's states as Antom's notifications move them", () => {
  it('move only forward: never out of a final state, never back to PENDING', () => {
    expect(paymentStatesLeadingTo('PENDING')).toEqual([]);
    expect(paymentStatesLeadingTo('PROCESSING')).toEqual(['PENDING']);
    for (const to of ['SUCCESS', 'FAIL', 'CANCELLED'] as const)
      expect(paymentStatesLeadingTo(to).sort()).toEqual(['PENDING', 'PROCESSING']);
    for (const from of PAYMENT_STATUSES.filter(isFinalPayment))
      for (const to of PAYMENT_STATUSES) expect(paymentStatesLeadingTo(to)).not.toContain(from);
  });
});
