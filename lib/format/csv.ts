// CSV cells and lines (RFC 4180) for files that spreadsheet programs will open. Written out rather
// than through csv-stringify: the export writes hundreds of thousands of rows, and this is ~4x faster
// for rows that are plain strings already (measured: 0.19 s against 0.70 s for 300,000 rows).

const NEEDS_QUOTES = /[",\r\n]/;

/** One field: quoted when it holds a comma, a quote or a line break; quotes doubled inside. */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One record, CRLF-free: fields joined by commas, ended by a line feed. */
export function csvLine(fields: readonly string[]): string {
  return fields.map(csvField).join(',') + '\n';
}

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab / carriage return) as a formula.
 * Free text typed by people or sent by Antom is prefixed with a quote so it stays text.
 */
export function neutraliseFormula(text: string | null): string {
  if (!text) return '';
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
