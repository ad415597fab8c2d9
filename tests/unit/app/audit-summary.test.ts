// The audit log's one-line summary of a look-up at Antom: the id, the outcome, each question asked.
import { describe, expect, it } from 'vitest';
import { summarise } from '../../../app/(dashboard)/audit/audit-table';
import type { AuditListRow } from '../../../lib/audit/queries';

const row = (details: Record<string, unknown>) => ({ action: 'payment.lookup', details }) as unknown as AuditListRow;

describe('a look-up in the audit log', () => {
  it("reads as the id, its outcome, and Antom's answer to each question", () => {
    expect(
      summarise(
        row({
          id: 'POS_1',
          outcome: 'IMPORTED',
          status: 'FAIL',
          asked: [
            { channel: 'ONLINE', by: 'paymentId', answer: 'NOT_FOUND', code: 'ORDER_NOT_EXIST' },
            { channel: 'IN_STORE', by: 'paymentRequestId', answer: 'FOUND', code: 'SUCCESS' },
          ],
          via: 'npm run import:payments',
        }),
      ),
    ).toBe(
      'POS_1 → IMPORTED FAIL · online by paymentId: NOT_FOUND · in store by paymentRequestId: FOUND · via npm run import:payments',
    );
    expect(summarise(row({ id: 'X', outcome: 'THROTTLED', asked: [] }))).toBe('X → THROTTLED');
  });
});
