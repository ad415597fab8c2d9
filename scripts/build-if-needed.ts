// `next build` only when the sources changed since the last build: a fingerprint of every file
// the bundle depends on is kept beside the build output.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const INPUTS = [
  'app',
  'lib',
  'components',
  'public',
  'proxy.ts',
  'next.config.js',
  'postcss.config.mjs',
  'tsconfig.json',
  'package-lock.json',
  'prisma/schema.prisma',
];
const SKIP = new Set(['node_modules', '.next', 'generated']);
const FINGERPRINT = path.join('.next', 'source-fingerprint');

function* files(entry: string): Generator<string> {
  if (!existsSync(entry)) return;
  if (statSync(entry).isFile()) {
    yield entry;
    return;
  }
  for (const name of readdirSync(entry).sort()) {
    if (!SKIP.has(name)) yield* files(path.join(entry, name));
  }
}

export function sourceFingerprint(): string {
  const hash = createHash('sha256');
  for (const input of INPUTS) {
    for (const file of files(input)) hash.update(file).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/** Builds when needed; returns whether it built. Exits the process when the build fails. */
export function buildIfNeeded(env: NodeJS.ProcessEnv): boolean {
  const fingerprint = sourceFingerprint();
  const built =
    existsSync(path.join('.next', 'BUILD_ID')) &&
    existsSync(FINGERPRINT) &&
    readFileSync(FINGERPRINT, 'utf8') === fingerprint;
  if (built) return false;
  console.log('Building the app (first start, or the sources changed)…');
  const result = spawnSync(process.execPath, [path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
    stdio: 'inherit',
    env: { ...env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) {
    console.error('The build failed: see the messages above.');
    process.exit(result.status ?? 1);
  }
  writeFileSync(FINGERPRINT, fingerprint);
  return true;
}
