// The command line import's file reading and its summary, without a database or Antom.
import { describe, expect, it } from 'vitest';
import { parseIdFile, resultLabel, summary, table, type Row } from '../../../scripts/import-payments';

describe('reading the ids file', () => {
  it('takes one id a line, trimmed, each once; skips blank lines and # comments; names bad lines', () => {
    const text =
      '\uFEFF# exported from the shop\r\nORD_1\r\n\n  20261122114001  \nORD_1\nhas space\n' + 'x'.repeat(65) + '\n\t\n';
    expect(parseIdFile(text)).toEqual({
      ids: [
        { line: 2, id: 'ORD_1' },
        { line: 4, id: '20261122114001' },
      ],
      problems: [
        { line: 5, text: 'ORD_1', problem: 'repeats line 2; asked once', bad: false },
        {
          line: 6,
          text: 'has space',
          problem: 'not an id: Antom ids contain no spaces or control characters',
          bad: true,
        },
        { line: 7, text: 'x'.repeat(65), problem: 'not an id: Antom ids are at most 64 characters', bad: true },
      ],
    });
  });

  it('finds nothing in an empty file or one of comments only', () => {
    expect(parseIdFile('')).toEqual({ ids: [], problems: [] });
    expect(parseIdFile('# only a comment\n\n')).toEqual({ ids: [], problems: [] });
  });
});

describe('the summary', () => {
  const rows: Row[] = [
    {
      line: 1,
      id: 'ORD_A',
      result: { kind: 'IMPORTED', paymentId: 'P1', channel: 'ONLINE', status: 'SUCCESS', rawStatus: 'SUCCESS' },
    },
    {
      line: 2,
      id: 'POS_B',
      result: { kind: 'IMPORTED', paymentId: 'P2', channel: 'IN_STORE', status: 'FAIL', rawStatus: 'FAIL' },
    },
    { line: 3, id: 'ORD_C', result: { kind: 'HELD', paymentId: 'P3', status: 'SUCCESS' } },
    { line: 4, id: 'ORD_D', result: { kind: 'NOT_FOUND' } },
    { line: 5, id: 'ORD_E', result: { kind: 'UNAVAILABLE', detail: 'TIMEOUT: no answer' } },
  ];

  it('is a table with a row per id, the counts, and why the undecided ones were not imported', () => {
    const text = summary(
      rows,
      [{ line: 9, text: 'a b', problem: 'not an id: spaces', bad: true }],
      'open-sea-global.alipay.com',
    );
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^line +id +result +channel +status +paymentId$/);
    expect(lines[1]).toMatch(/^-{4} {2}-{5} {2}-+ {2}-{8} {2}-{7} {2}-{9}$/);
    expect(lines[2]).toMatch(/^1 +ORD_A +imported +Online +SUCCESS +P1$/);
    expect(lines[3]).toContain('imported, not refundable (FAIL)');
    expect(text).toContain(
      '5 ids: 1 imported, 1 imported, not refundable, 1 already in the dashboard, 1 not found at Antom, 1 Antom unreachable: retry',
    );
    expect(text).toContain(
      "line 5 (ORD_E): Antom did not answer, or its answer could not be verified as Antom's (TIMEOUT: no answer)",
    );
    expect(text).toContain('Run the same command again to retry them: ids already imported are skipped.');
    expect(text).toContain('(this dashboard asks open-sea-global.alipay.com)');
    expect(text).toContain('line 9 (a b): not an id: spaces');
  });

  it('says nothing about retrying when every id was decided', () => {
    expect(summary(rows.slice(0, 4), [])).not.toContain('retry');
  });

  it('labels every outcome', () => {
    expect(resultLabel({ kind: 'REFUSED', code: 'INVALID_SIGNATURE', furtherAction: '' })).toBe(
      'refused by Antom (INVALID_SIGNATURE)',
    );
    expect(resultLabel({ kind: 'CONFLICT', paymentId: 'P', detail: '' })).toBe('conflict: nothing changed');
    expect(resultLabel({ kind: 'ERROR', message: 'boom' })).toBe('error: nothing changed');
    expect(table(['a', 'bb'], [['ccc', 'd']])).toBe('a    bb\n---  --\nccc  d');
  });
});
