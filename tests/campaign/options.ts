// The campaign's command line: `npm run campaign -- --help`. Bad arguments are one line (exit 2).
import { parseArgs } from 'node:util';
import { assertLocalDatabase } from '../setup/assert-local-database';

export interface Options {
  seed: number;
  attempts: number;
  databaseUrl?: string;
  concurrency: number;
  quietTimeoutSeconds: number;
  keepDatabase: boolean;
  /** --help: print the usage and do nothing else. */
  help?: boolean;
}

export class UsageError extends Error {}

export const USAGE =
  'usage: npm run campaign -- [--seed N] [--attempts N] [--database-url postgresql://...] [--concurrency N] [--quiet-timeout SECONDS] [--keep-database]';

function wholeNumber(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < min || n > max)
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not ${JSON.stringify(raw)}.`);
  return n;
}

export function parseOptions(argv: string[], environment: Record<string, string | undefined>): Options {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        seed: { type: 'string' },
        attempts: { type: 'string' },
        'database-url': { type: 'string' },
        concurrency: { type: 'string' },
        'quiet-timeout': { type: 'string' },
        'keep-database': { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]} (--help lists the options)`);
  }
  if (values.help) return { help: true } as Options;
  const databaseUrl = values['database-url'] ?? (environment.DATABASE_URL?.trim() || undefined);
  if (databaseUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(databaseUrl);
    } catch {
      url = undefined;
    }
    const source = values['database-url'] !== undefined ? '--database-url' : 'DATABASE_URL';
    if (!url || !/^postgres(ql)?:$/.test(url.protocol)) throw new UsageError(`${source} is not a postgresql:// URL.`);
    try {
      assertLocalDatabase(databaseUrl);
    } catch {
      throw new UsageError(
        `${source} names ${url.hostname}: the campaign creates and drops databases, on this machine only.`,
      );
    }
  }
  return {
    seed: wholeNumber('seed', values.seed, 1, 0, 2 ** 32 - 1),
    attempts: wholeNumber('attempts', values.attempts, 10_000, 1, 1_000_000),
    databaseUrl,
    concurrency: wholeNumber('concurrency', values.concurrency, 32, 1, 256),
    quietTimeoutSeconds: wholeNumber('quiet-timeout', values['quiet-timeout'], 600, 1, 24 * 3600),
    keepDatabase: values['keep-database'] ?? false,
  };
}
