// The release's app server (release/server.mjs, `node server.mjs`): what `npm start` checks before it
// serves, for a release that has no launcher, no sandbox and no embedded PostgreSQL. It needs a
// DATABASE_URL already migrated (`node migrate.mjs`), AUTH_SECRET and the Antom settings (a real
// gateway, or a sandbox started apart: README "Running a release"); then it serves as `npm start`
// does (scripts/serve.ts).
import { createPrismaClient } from '../../lib/db/client';
import { envOrExit } from '../../lib/env';
import { checkRealModeConfig, StartupRefused } from '../../lib/startup/config';
import { checkNoActiveDemoUsers } from '../../lib/startup/database';

(process.env as Record<string, string>).NODE_ENV = 'production';
process.env.NEXT_TELEMETRY_DISABLED = '1';
const settings = envOrExit();

function refuse(message: string): never {
  console.error(`Cannot start: ${message}`);
  process.exit(1);
}

if (!settings.AUTH_SECRET)
  refuse('AUTH_SECRET is not set (sessions are signed with it; keep it the same on every instance).');
if (!settings.ANTOM_GATEWAY_URL)
  refuse(
    'ANTOM_GATEWAY_URL is not set: a release talks to Antom, or to a sandbox started apart (README, "Running a release").',
  );
try {
  checkRealModeConfig(settings);
  const db = createPrismaClient(settings.DATABASE_URL, { max: 1, name: 'startup' });
  await checkNoActiveDemoUsers(db).finally(() => db.$disconnect());
} catch (error) {
  if (error instanceof StartupRefused) refuse(error.message);
  const code = (error as { code?: string }).code;
  refuse(
    `the database does not answer${code ? ` (${code})` : ''}, or is not migrated: run \`node migrate.mjs\` first.`,
  );
}

process.env.AUTH_TRUST_HOST ??= 'true';
await import('../serve');
