// npm run sandbox:report -- --date 2026-12-01 --kind transactions|settlement [--plant drop-refund,change-amount,external-refund,cut]
//   [--sandbox http://127.0.0.1:4010] [--out FILE]
// Asks the running sandbox (GET /__sandbox/reports) for Antom's report of that day from its ledger and
// writes it to FILE (default: the file name Antom would give it, in the current folder). Prints what was planted.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    date: { type: 'string' },
    kind: { type: 'string', default: 'transactions' },
    plant: { type: 'string', multiple: true },
    sandbox: {
      type: 'string',
      default: process.env.SANDBOX_URL ?? `http://127.0.0.1:${process.env.SANDBOX_PORT ?? '4010'}`,
    },
    out: { type: 'string' },
  },
});
if (!values.date)
  throw new Error('Usage: npm run sandbox:report -- --date YYYY-MM-DD --kind transactions|settlement [--plant ...]');
const query = new URLSearchParams({ date: values.date, kind: values.kind ?? 'transactions' });
if (values.plant?.length) query.set('plant', values.plant.join(','));
const res = await fetch(`${values.sandbox}/__sandbox/reports?${query}`);
if (!res.ok) throw new Error(`The sandbox answered ${res.status}: ${await res.text()}`);
const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'report.csv';
const out = values.out ?? name;
await writeFile(out, await res.text());
console.log(`Wrote ${out}`);
console.log(`Planted: ${res.headers.get('x-sandbox-planted') ?? '[]'}`);
