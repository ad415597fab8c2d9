// lib/reports/lines.ts: what reaches COPY, and the line numbers people are told.
import { describe, expect, it } from 'vitest';
import { ReportRefused } from '../../../lib/reports/format';
import { ReportLines } from '../../../lib/reports/lines';

/** Feeds `text` in chunks of `size` bytes; returns what was passed on and the end verdict. */
function feed(text: string, size: number) {
  const lines = new ReportLines(1 << 20);
  const bytes = Buffer.from(text);
  let passed = '';
  for (let i = 0; i < bytes.length; i += size) passed += lines.push(bytes.subarray(i, i + size))?.toString() ?? '';
  return { lines, passed, end: lines.finish() };
}

describe('ReportLines', () => {
  it('passes the data lines on, whatever the chunks, and keeps the header and <END> back', () => {
    const text = 'a,b\r\n1,2\r\n3,4\r\n<END>\r\n\r\n';
    for (const size of [1, 2, 3, 7, 64]) {
      const { lines, passed, end } = feed(text, size);
      expect(lines.header).toBe('a,b');
      expect(passed).toBe('1,2\r\n3,4\r\n');
      expect(end).toEqual({ ended: true });
    }
  });

  it('drops blank lines and still maps each row to its line in the file', () => {
    const { passed, lines, end } = feed('h\n1\n\n2\n\r\n\n3\n<END>\n', 2);
    expect(passed).toBe('1\n2\n3\n');
    expect(end).toEqual({ ended: true });
    expect([1, 2, 3].map((row) => lines.fileLine(row))).toEqual([2, 4, 7]);
  });

  it('says where a file without <END> stops: the line after its last one', () => {
    expect(feed('h\n1\n2\n', 3).end).toEqual({ ended: false, stoppedAt: 4 });
    expect(feed('h\n1\n2', 3).end).toEqual({ ended: false, stoppedAt: 4 });
    expect(feed('h\n', 3).end).toEqual({ ended: false, stoppedAt: 2 });
  });

  it('refuses anything after <END>, naming its line', () => {
    for (const size of [4, 64]) {
      let refused: unknown = null;
      try {
        feed('h\n1\n<END>\n2\n3\n', size);
      } catch (error) {
        refused = error;
      }
      expect(refused).toBeInstanceOf(ReportRefused);
      expect((refused as ReportRefused).line).toBe(4);
    }
  });

  it('refuses a file over its size limit', () => {
    const lines = new ReportLines(10);
    expect(() => lines.push(Buffer.from('h\n0123456789\n'))).toThrow(/larger than the limit/);
  });
});
