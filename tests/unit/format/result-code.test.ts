import { describe, expect, it } from 'vitest';
import { callOutcomeLabel, describeResultCode } from '../../../lib/format/result-code';

describe('result code highlight adapter', () => {
  it('maps the catalog’s kinds and keeps the documented further action', () => {
    const success = describeResultCode({ code: 'SUCCESS', resultStatus: 'S', channel: 'ONLINE' })!;
    expect(success.kind).toBe('DONE');
    const processing = describeResultCode({ code: 'REFUND_IN_PROCESS', resultStatus: 'U', channel: 'ONLINE' })!;
    expect(processing.kind).toBe('WAIT');
    expect(processing.furtherAction.length).toBeGreaterThan(10);
    expect(describeResultCode({ code: 'UNKNOWN_EXCEPTION', resultStatus: 'U', channel: 'ONLINE' })!.kind).toBe(
      'RETRY_SAME_ID',
    );
  });

  it('says "unrecognised" for a code the catalog does not know, with a safe next step', () => {
    const view = describeResultCode({ code: 'SOMETHING_NEW', resultStatus: 'F', channel: 'ONLINE' })!;
    expect(view.kind).toBe('UNKNOWN');
    expect(view.furtherAction).toMatch(/contact Antom with these ids/);
    expect(describeResultCode({ code: 'SUCCESS', resultStatus: null })!.kind).toBe('UNKNOWN');
    expect(describeResultCode({ code: null, resultStatus: null })).toBeNull();
  });
});

describe('what the timeline says of a call', () => {
  it('a refund call answered REFUND_IN_PROCESS was accepted: never "Unknown outcome"', () => {
    expect(callOutcomeLabel({ outcome: 'UNKNOWN', resultCode: 'REFUND_IN_PROCESS', resultStatus: 'U' })).toEqual({
      label: 'Accepted, in process',
      tone: 'blue',
    });
    expect(
      callOutcomeLabel({ outcome: 'UNKNOWN', resultCode: 'DPOS_REFUND_REFUND_IN_PROCESS', resultStatus: 'U' }).label,
    ).toBe('Accepted, in process');
  });

  it('a timeout or a U that is not an acceptance stays unknown; success and failure are as recorded', () => {
    expect(callOutcomeLabel({ outcome: 'UNKNOWN', resultCode: null, resultStatus: null }).label).toBe(
      'Unknown outcome',
    );
    expect(callOutcomeLabel({ outcome: 'UNKNOWN', resultCode: 'UNKNOWN_EXCEPTION', resultStatus: 'U' }).label).toBe(
      'Unknown outcome',
    );
    expect(callOutcomeLabel({ outcome: 'SUCCESS', resultCode: 'SUCCESS', resultStatus: 'S' }).label).toBe('Success');
    expect(callOutcomeLabel({ outcome: 'FAILURE', resultCode: 'ORDER_NOT_EXIST', resultStatus: 'F' }).label).toBe(
      'Failure',
    );
  });

  it('a refund that never reached Antom says so, and what to do', () => {
    const view = describeResultCode({ code: 'NEVER_REACHED_ANTOM', resultStatus: null, channel: 'IN_STORE' })!;
    expect(view.kind).toBe('NEW_REQUEST');
    expect(view.meaning).toMatch(/never reached Antom/);
    expect(view.furtherAction).toMatch(/refund it again/);
  });

  it('says a method-rule refusal (REFUND_WINDOW_EXCEED and kin) in plain words, keeping Antom’s wording', () => {
    for (const [code, channel] of [
      ['REFUND_WINDOW_EXCEED', 'ONLINE'],
      ['DPOS_REFUND_REFUND_WINDOW_EXCEED', 'IN_STORE'],
    ] as const) {
      const view = describeResultCode({ code, resultStatus: 'F', channel })!;
      expect(view.kind).toBe('NOT_REFUNDABLE');
      expect(view.meaning).toBe(
        "Antom refused: this payment is older than its payment method's refund period. Nothing was refunded, and the amount is free again.",
      );
      expect(view.furtherAction).toMatch(
        /^Antom will not refund this payment any more\. Refund the customer another way/,
      );
      expect(view.antomWording).toEqual({
        message: 'The refund date exceeds the refundable period that is agreed in the contract.',
        furtherAction: expect.stringMatching(/refundable period in the contract/),
      });
    }
    const partial = describeResultCode({ code: 'PARTIAL_REFUND_NOT_SUPPORTED', resultStatus: 'F', channel: 'ONLINE' })!;
    expect(partial.furtherAction).toMatch(/Refund the whole payment/);
    expect(partial.antomWording?.furtherAction).toBe('Make a full refund or contact the buyer for an offline refund.');
    // Every other code: the dashboard's words by what it asks, Antom's own one click away.
    const missing = describeResultCode({ code: 'ORDER_NOT_EXIST', resultStatus: 'F', channel: 'ONLINE' })!;
    expect(missing.furtherAction).toMatch(/contact Antom with these ids/);
    expect(missing.antomWording).toEqual({
      message: 'The order does not exist.',
      furtherAction: expect.stringMatching(/Antom Technical Support/),
    });
  });
});
