// `prisma generate` without the native schema engine: every Prisma CLI command first tries to
// download that engine from a host these machines cannot reach. The generator never runs the
// engine, so pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file is enough.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const prismaCli = createRequire(import.meta.url).resolve('prisma/build/index.js');
// Raw process.env on purpose: runs at npm install, before the app's settings matter, and
// PRISMA_SCHEMA_ENGINE_BINARY is the Prisma CLI's own variable, not the app's (lib/env.ts).
const result = spawnSync(process.execPath, [prismaCli, 'generate'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? fileURLToPath(import.meta.url),
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
  },
});
if (result.error) console.error(`prisma generate could not run: ${result.error.message}`);
process.exit(result.status ?? 1);
