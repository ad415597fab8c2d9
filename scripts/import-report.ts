// npm run import:report -- FILE_OR_DIRECTORY... [--max-bytes N] [--date YYYY-MM-DD]
// Imports Antom transaction / settlement details reports (the kind is recognised from the header) into
// the database at DATABASE_URL, e.g. from a cron job that syncs Antom's SFTP folder: a directory means
// every *.csv in it, in name order. Each file is streamed; files over --max-bytes (1 GB by default) are
// refused. Importing a file again changes nothing. Progress goes to the terminal (stderr); a summary of
// each file to stdout. Exits 1 when any file was refused.
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createPrismaClient } from '../lib/db/client';
import { DEFAULT_MAX_REPORT_BYTES, importReport, ReportRefused } from '../lib/reports';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'max-bytes': { type: 'string' }, date: { type: 'string' } },
});
if (positionals.length === 0) {
  console.error('Usage: npm run import:report -- FILE_OR_DIRECTORY... [--max-bytes N] [--date YYYY-MM-DD]');
  process.exit(2);
}
const maxBytes = values['max-bytes'] ? Number(values['max-bytes']) : DEFAULT_MAX_REPORT_BYTES;
if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) throw new Error('--max-bytes must be a positive integer');

const files: string[] = [];
for (const arg of positionals) {
  const info = await stat(arg);
  if (info.isDirectory()) {
    const names = (await readdir(arg)).filter((n) => n.toLowerCase().endsWith('.csv')).sort();
    files.push(...names.map((n) => path.join(arg, n)));
  } else files.push(arg);
}

const db = createPrismaClient();
const tty = process.stderr.isTTY;
let refused = 0;
try {
  for (const file of files) {
    const size = (await stat(file)).size;
    const show = (bytes: number, rows: number) => {
      const pct = size ? Math.min(100, Math.floor((bytes / size) * 100)) : 100;
      const line = `${path.basename(file)}: ${pct}% (${rows.toLocaleString('en-US')} rows)`;
      if (tty) process.stderr.write(`\r${line}`);
      else if (pct % 25 === 0) process.stderr.write(`${line}\n`);
    };
    if (size > maxBytes) {
      console.log(`${file}: refused: ${size} bytes is over the limit of ${maxBytes} bytes.`);
      refused++;
      continue;
    }
    try {
      const result = await importReport(db, null, createReadStream(file), {
        fileName: path.basename(file),
        maxBytes,
        totalBytes: size,
        reportDate: values.date,
        onProgress: ({ bytes, rows }) => show(bytes, rows),
      });
      if (tty) process.stderr.write('\n');
      const changes = result.superseded
        ? `; supersedes an earlier file for the day (${result.superseded.changes.added} added, ${result.superseded.changes.removed} removed, ${result.superseded.changes.changed} changed)`
        : '';
      console.log(
        `${file}: ${result.status === 'UNCHANGED' ? 'already imported, nothing changed' : 'imported'}: ` +
          `${result.kind} report of ${result.reportDate}, ${result.rows} rows (${result.unknownTypes} of types kept but not acted on) ` +
          `in ${result.seconds.import.toFixed(1)} s${changes}; payments imported ${result.applied.paymentsImported}, ` +
          `external refunds recorded ${result.applied.externalRecorded}, not recordable ${result.applied.externalRefused}; ` +
          `reconciled in ${result.seconds.reconcile.toFixed(1)} s: differences found ${result.reconciliation.found} ` +
          `(${result.reconciliation.added} new).`,
      );
    } catch (error) {
      if (tty) process.stderr.write('\n');
      if (!(error instanceof ReportRefused)) throw error;
      console.log(`${file}: refused, nothing imported: ${error.message}`);
      refused++;
    }
  }
} finally {
  await db.$disconnect();
}
process.exit(refused ? 1 : 0);
