// Issue 15, blocker 4: for every result code Antom documents, and every state a refund can be in, the
// payment page says what to do in the dashboard's words (no API names, no "Technical Support" with
// nothing to give it), and offers only the buttons that state allows; Antom's text stays one click away.
import { describe, expect, it } from 'vitest';
import { RESULT_CODE_CATALOG } from '../../../lib/antom/result-codes';
import {
  describeResultCode,
  NEXT_ACTION_LABELS,
  refundNextStep,
  type RefundNextAction,
} from '../../../lib/format/result-code';
import { REFUND_STATUSES } from '../../../lib/refunds/states';

const API_TALK = /\bAPI\b|inquiry|inquire|notifyRefund|Technical Support|resultStatus|request id is spent/i;
const ALLOWED: Record<string, RefundNextAction[]> = {
  CREATED: ['CHECK_STATUS', 'CONTACT_ANTOM'],
  PROCESSING: ['CHECK_STATUS', 'CONTACT_ANTOM'],
  UNKNOWN: ['CHECK_STATUS', 'RETRY_SAME_ID', 'CONTACT_ANTOM'],
  SUCCESS: ['CONTACT_ANTOM'],
  FAILED: ['REFUND_AGAIN', 'CONTACT_ANTOM'],
  // Never sent (issue 16): nothing to ask Antom; a cancelled one may be asked for again.
  PENDING_APPROVAL: [],
  CANCELLED: ['REFUND_AGAIN'],
};

describe('the next step of a refund, for every documented result code', () => {
  const codes = RESULT_CODE_CATALOG.flatMap((entry) =>
    entry.docs.map((doc) => ({ printed: doc.printed, status: doc.resultStatus })),
  );

  it('covers the whole catalog', () => {
    expect(codes.length).toBeGreaterThan(40);
  });

  for (const channel of ['ONLINE', 'IN_STORE'] as const) {
    it(`words every ${channel} code in the dashboard's words, with Antom's wording kept`, () => {
      for (const { printed, status } of codes) {
        const view = describeResultCode({ code: printed, resultStatus: status, channel })!;
        expect(view.furtherAction, printed).not.toMatch(API_TALK);
        expect(view.antomWording?.furtherAction, printed).toBeTruthy();
        for (const refundStatus of REFUND_STATUSES) {
          const step = refundNextStep(refundStatus, view);
          const context = `${printed} (${status}) on a ${refundStatus} refund`;
          expect(step.text, context).not.toMatch(API_TALK);
          for (const action of step.actions) expect(ALLOWED[refundStatus], context).toContain(action);
          // A button the words name is a button the page shows, and the other way round.
          for (const action of ['CHECK_STATUS', 'RETRY_SAME_ID', 'REFUND_AGAIN'] as const) {
            if (step.text.includes(`"${NEXT_ACTION_LABELS[action]}"`))
              expect(step.actions, `${context} names "${NEXT_ACTION_LABELS[action]}"`).toContain(action);
          }
          if (/contact Antom with these ids/i.test(step.text)) expect(step.actions, context).toContain('CONTACT_ANTOM');
        }
      }
    });
  }

  it('follows the state: an unknown outcome offers the safe retry, a failure a new refund, a success nothing', () => {
    const timeout = describeResultCode({ code: 'TIMEOUT', resultStatus: null })!;
    expect(refundNextStep('UNKNOWN', timeout).actions).toEqual(['CHECK_STATUS', 'RETRY_SAME_ID']);
    const declined = describeResultCode({ code: 'RISK_REJECT', resultStatus: 'F', channel: 'ONLINE' });
    expect(refundNextStep('FAILED', declined).actions).toContain('CONTACT_ANTOM');
    expect(refundNextStep('FAILED', null).actions).toEqual(['REFUND_AGAIN', 'CONTACT_ANTOM']);
    const done = describeResultCode({ code: 'SUCCESS', resultStatus: 'S', channel: 'ONLINE' });
    expect(refundNextStep('SUCCESS', done)).toEqual({ text: expect.stringMatching(/^Nothing to do/), actions: [] });
    const accepted = describeResultCode({ code: 'REFUND_IN_PROCESS', resultStatus: 'U', channel: 'ONLINE' });
    expect(refundNextStep('PROCESSING', accepted).actions).toEqual(['CHECK_STATUS']);
  });
});
