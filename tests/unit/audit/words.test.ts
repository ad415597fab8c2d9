// The audit log reads as sentences with the refund, payment or person concerned as their subject.
import { describe, expect, it } from 'vitest';
import type { AuditListRow } from '../../../lib/audit/queries';
import { auditInWords } from '../../../lib/audit/words';

const ada = { id: '00000000-0000-4000-8000-000000000001', name: 'Ada Admin', email: 'ada@merchant.test' };

function entry(partial: Partial<AuditListRow>): AuditListRow {
  return {
    id: 'x',
    at: new Date('2026-12-03T04:00:00Z'),
    actorType: 'USER',
    actor: ada,
    action: 'auth.login',
    refundRequestId: null,
    paymentId: null,
    details: {},
    ip: null,
    ...partial,
  };
}

describe('the audit log in words', () => {
  it('says who refunded how much of which payment, with the refund as its subject', () => {
    const words = auditInWords(
      entry({
        action: 'refund.requested',
        refundRequestId: 'RF_1',
        paymentId: '202612030001',
        details: { amountValue: 5_000, currency: 'USD', reason: 'Requested by customer' },
      }),
    );
    expect(words.sentence).toBe(
      'Ada Admin refunded US$50.00 of payment 202612030001 (reason: “Requested by customer”)',
    );
    expect(words.subject).toEqual({ kind: 'refund', id: 'RF_1', href: '/refunds/RF_1' });
  });

  it('formats the amount by the currency’s exponent (JPY has none, KWD three)', () => {
    const jpy = auditInWords(entry({ action: 'refund.requested', details: { amountValue: 2_500, currency: 'JPY' } }));
    expect(jpy.sentence).toBe('Ada Admin refunded ¥2,500 of a payment');
    const kwd = auditInWords(entry({ action: 'refund.requested', details: { amountValue: 1_250, currency: 'KWD' } }));
    expect(kwd.sentence).toMatch(/refunded KWD\s?1\.250 of a payment/);
  });

  it('tells a refund’s state change in the words of the badges, and what caused it', () => {
    const words = auditInWords(
      entry({
        actorType: 'ANTOM',
        actor: null,
        action: 'refund.status_changed',
        refundRequestId: 'RF_2',
        details: { from: 'PROCESSING', to: 'SUCCESS', cause: 'NOTIFICATION', resultCode: 'SUCCESS' },
      }),
    );
    expect(words.sentence).toBe("Refund RF_2 went from Processing to Refunded on Antom's notification (SUCCESS)");
    expect(words.subject?.kind).toBe('refund');
  });

  it('makes the person an account change was about its subject, not the admin who made it', () => {
    const created = auditInWords(
      entry({ action: 'user.created', details: { userId: 'u2', email: 'nina@merchant.test', role: 'REFUNDER' } }),
    );
    expect(created.sentence).toBe('Ada Admin created an account for nina@merchant.test as Refunder');
    expect(created.subject).toEqual({ kind: 'person', label: 'nina@merchant.test', href: '/users' });
    const role = auditInWords(
      entry({ action: 'user.role_changed', details: { email: 'nina@merchant.test', from: 'VIEWER', to: 'ADMIN' } }),
    );
    expect(role.sentence).toBe("Ada Admin changed nina@merchant.test's role from Viewer to Admin");
  });

  it('names the system when no person acted, and a payment as subject when there is no refund', () => {
    const words = auditInWords(
      entry({
        actorType: 'SYSTEM',
        actor: null,
        action: 'payment.refreshed',
        paymentId: 'P1',
        details: { from: 'PENDING', to: 'SUCCESS' },
      }),
    );
    expect(words.sentence).toBe('The system refreshed payment P1 from Antom: PENDING → SUCCESS');
    expect(words.subject).toEqual({ kind: 'payment', id: 'P1', href: '/transactions/P1' });
  });

  it('still reads an action it does not know, from its name and details', () => {
    const words = auditInWords(entry({ action: 'future.thing_done', details: { count: 3 } }));
    expect(words.sentence).toBe('Ada Admin: future thing done (count 3)');
    expect(words.subject).toBeNull();
  });

  it('says what an export held', () => {
    const words = auditInWords(
      entry({ action: 'refunds.exported', details: { filters: { status: 'FAILED', from: '2026-12-01', to: '' } } }),
    );
    expect(words.sentence).toBe('Ada Admin exported the refunds list as CSV (status FAILED, from 2026-12-01)');
  });

  it("tells a look-up at Antom: the id, its outcome, and Antom's answer to each question", () => {
    const lookup = (details: Record<string, unknown>) => auditInWords(entry({ action: 'payment.lookup', details }));
    expect(
      lookup({
        id: 'POS_1',
        outcome: 'IMPORTED',
        status: 'FAIL',
        asked: [
          { channel: 'ONLINE', by: 'paymentId', answer: 'NOT_FOUND', code: 'ORDER_NOT_EXIST' },
          { channel: 'IN_STORE', by: 'paymentRequestId', answer: 'FOUND', code: 'SUCCESS' },
        ],
        via: 'npm run import:payments',
      }).sentence,
    ).toBe(
      'Ada Admin looked up POS_1 at Antom: IMPORTED FAIL · online by paymentId: NOT_FOUND · in store by paymentRequestId: FOUND · via npm run import:payments',
    );
    expect(lookup({ id: 'X', outcome: 'THROTTLED', asked: [] }).sentence).toBe(
      'Ada Admin looked up X at Antom: THROTTLED',
    );
  });
});
