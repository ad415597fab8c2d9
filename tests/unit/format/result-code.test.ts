import { describe, expect, it } from 'vitest';
import { describeResultCode } from '../../../lib/format/result-code';

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
