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
    expect(view.furtherAction).toMatch(/support/i);
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
});
