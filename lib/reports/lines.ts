// A report file's bytes, split the way PostgreSQL's COPY needs them (stage.ts): the header row (read
// here, to know the report's kind and columns), the data lines (passed on as they come, whole lines
// only), and the last non-blank line, held back to the end because it must be `<END>` and is not data.
// Blank lines are dropped (csv-parse skipped them before; COPY would refuse them) and remembered, so
// that a row's number in COPY still maps to its line in the file.
import { ReportRefused, END_MARKER } from './format';

const NL = 0x0a;
const CR = 0x0d;
const END = Buffer.from(END_MARKER);
const isSpace = (b: number) => b === NL || b === CR || b === 0x20 || b === 0x09;

export class ReportLines {
  /** The header row's text (without its line break), once its line has ended. */
  header: string | null = null;
  bytes = 0;
  /** Data lines passed on so far (not counting dropped blank lines). */
  dataLines = 0;
  /** The file's line numbers (1 = the header) of blank lines that were dropped, ascending. */
  private readonly blank: number[] = [];
  /** The file line the next passed-on byte starts. */
  private nextLine = 2;
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly maxBytes: number) {}

  /** Takes the next chunk; returns the whole data lines that may go to COPY now. */
  push(chunk: Buffer): Buffer | null {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes)
      throw new ReportRefused(`The file is larger than the limit of ${this.maxBytes} bytes.`);
    let buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    if (this.header === null) {
      const nl = buf.indexOf(NL);
      if (nl < 0) {
        this.pending = Buffer.from(buf);
        return null;
      }
      this.header = buf.toString('utf8', 0, nl).replace(/\r$/, '');
      buf = buf.subarray(nl + 1);
    }
    // Hold back from the start of the last non-blank line: it may be `<END>`, or be cut.
    let k = buf.length - 1;
    while (k >= 0 && isSpace(buf[k]!)) k--;
    const start = k < 0 ? 0 : buf.lastIndexOf(NL, k) + 1;
    this.pending = Buffer.from(buf.subarray(start));
    return start > 0 ? this.pass(buf.subarray(0, start)) : null;
  }

  /** Whole lines on their way to COPY: counted, `<END>` refused inside, blank ones dropped. */
  private pass(region: Buffer): Buffer {
    const first = this.nextLine;
    let lines = 0;
    for (let i = region.indexOf(NL); i >= 0; i = region.indexOf(NL, i + 1)) lines++;
    this.nextLine += lines;
    for (let at = region.indexOf(END); at >= 0; at = region.indexOf(END, at + 1)) {
      const lineEnd = region.indexOf(NL, at);
      const wholeLine =
        (at === 0 || region[at - 1] === NL) && region.subarray(at + END.length, lineEnd).every((b) => isSpace(b));
      if (wholeLine) {
        let line = first;
        for (let i = region.indexOf(NL); i >= 0 && i < at; i = region.indexOf(NL, i + 1)) line++;
        throw new ReportRefused(`There is more after ${END_MARKER}.`, line + 1);
      }
    }
    const hasBlank =
      region[0] === NL ||
      (region[0] === CR && region[1] === NL) ||
      region.indexOf('\n\n') >= 0 ||
      region.indexOf('\n\r\n') >= 0;
    if (!hasBlank) {
      this.dataLines += lines;
      return region;
    }
    const kept: Buffer[] = [];
    let line = first;
    let from = 0;
    for (let nl = region.indexOf(NL); nl >= 0; nl = region.indexOf(NL, from)) {
      const text = region.subarray(from, nl);
      if (text.length === 0 || (text.length === 1 && text[0] === CR)) this.blank.push(line);
      else {
        kept.push(region.subarray(from, nl + 1));
        this.dataLines++;
      }
      line++;
      from = nl + 1;
    }
    return Buffer.concat(kept);
  }

  /**
   * At the end of the file: whether its last non-blank line is `<END>`, and if not, the line where it
   * stopped (the one after its last line).
   */
  finish(): { ended: true } | { ended: false; stoppedAt: number } {
    if (this.header === null) {
      // No line break at all: a header alone, or nothing.
      this.header = this.pending.toString('utf8').replace(/\r?\n?$/, '');
      this.pending = Buffer.alloc(0);
      return { ended: false, stoppedAt: 2 };
    }
    const last = this.pending.toString('utf8').trim();
    if (last === END_MARKER) return { ended: true };
    return { ended: false, stoppedAt: last === '' ? this.nextLine : this.nextLine + 1 };
  }

  /** The file's line of COPY's `row`-th data line (1-based). */
  fileLine(row: number): number {
    let line = row + 1;
    for (const b of this.blank) if (b <= line) line++;
    return line;
  }
}
