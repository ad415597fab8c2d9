// The refund reason picker: each choice and the person's words become Antom's refundReason (at most
// 256 characters, never cut), "Other" needs words, and the codes are the database's enum.
import { describe, expect, it } from 'vitest';
import {
  composeRefundReason,
  REFUND_REASON_CODES,
  REFUND_REASON_LABELS,
  REFUND_REASON_MAX,
  reasonNoteMax,
} from '../../../lib/refunds/reasons';

describe('the refund reason sent to Antom', () => {
  it('is the picked label, with the details after a colon, spaces tidied', () => {
    expect(composeRefundReason('REQUESTED_BY_CUSTOMER', '')).toEqual({
      ok: true,
      refundReason: 'Requested by customer',
    });
    expect(composeRefundReason('DUPLICATE', '  order 1234\n charged  twice ')).toEqual({
      ok: true,
      refundReason: 'Duplicate: order 1234 charged twice',
    });
    expect(composeRefundReason('OTHER', 'Goodwill gesture')).toEqual({ ok: true, refundReason: 'Goodwill gesture' });
  });

  it('needs words for Other', () => {
    expect(composeRefundReason('OTHER', '   ')).toEqual({
      ok: false,
      error: 'Say what the reason is (Other needs a few words).',
    });
  });

  it('fits Antom’s 256 characters exactly at the limit, and refuses one more', () => {
    for (const code of REFUND_REASON_CODES) {
      const fits = composeRefundReason(code, 'x'.repeat(reasonNoteMax(code)));
      expect(fits.ok && fits.refundReason.length, code).toBe(REFUND_REASON_MAX);
      expect(composeRefundReason(code, 'x'.repeat(reasonNoteMax(code) + 1)).ok, code).toBe(false);
      expect(REFUND_REASON_LABELS[code].length).toBeGreaterThan(0);
    }
  });
});
