// `npm start` and `npm run worker` with real Antom configured: an incomplete or self-contradictory
// configuration stops them with one line before any database, and a database where a demo user can
// sign in stops them after migrating, with nothing seeded and nothing changed.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type Db } from '../../../lib/db/client';
import { applyMigrations } from '../../../tools/db/migrations';
import { PEMS } from '../../fixtures/antom';
import { createScratchDatabase } from '../../setup/database';

const REAL_ANTOM = {
  ANTOM_GATEWAY_URL: 'https://open-sea-global.alipay.com',
  ANTOM_CLIENT_ID: '2022082512345678',
  ANTOM_MERCHANT_PRIVATE_KEY: PEMS.merchantPrivate,
  ANTOM_PUBLIC_KEY: PEMS.antomPublic,
};
// Were a database tried first, the line would name it instead.
const UNREACHABLE_DATABASE = 'postgresql://nobody:secret@127.0.0.1:1/antom';

function run(script: string, env: Record<string, string | undefined>) {
  const result = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', script], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 90_000,
  });
  return { code: result.status, stderr: result.stderr.trim() };
}

describe('a real-mode configuration that is incomplete or contradicts itself', () => {
  it.each([
    [
      'a missing key',
      { ANTOM_PUBLIC_KEY: undefined },
      'Antom configuration is incomplete: ANTOM_PUBLIC_KEY is required.',
    ],
    [
      'a SANDBOX_ client id on a production gateway',
      { ANTOM_CLIENT_ID: 'SANDBOX_5YEZ3E2ZDA7N06432' },
      "ANTOM_CLIENT_ID starts with SANDBOX_ (an Antom sandbox account) but ANTOM_GATEWAY_URL is Antom's production: use your production client id, or https://open-sea-global.alipay.com/ams/sandbox for Antom's sandbox.",
    ],
  ])(
    'stops npm start and the worker with one line, before the database: %s',
    { timeout: 120_000 },
    (_what, change, line) => {
      const env = { ...REAL_ANTOM, ...change, DATABASE_URL: UNREACHABLE_DATABASE };
      expect(run('scripts/start.ts', env)).toEqual({ code: 1, stderr: `Cannot start: ${line}` });
      expect(run('scripts/worker.ts', env)).toEqual({ code: 1, stderr: `Cannot start the worker: ${line}` });
    },
  );
});

describe('a real-mode database with an active demo user', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let db: Db;

  beforeAll(async () => {
    scratch = await createScratchDatabase('realstart');
    await applyMigrations(scratch.url);
    db = createPrismaClient(scratch.url, { max: 1 });
    await db.user.create({
      data: { email: 'refunder@demo.test', name: 'Rui Refunder', role: 'REFUNDER', passwordHash: 'x' },
      select: { id: true },
    });
  });
  afterAll(async () => {
    await db.$disconnect();
    await scratch.drop();
  });

  it('stops npm start and the worker with one line, seeding and changing nothing', { timeout: 120_000 }, async () => {
    const env = { ...REAL_ANTOM, DATABASE_URL: scratch.url };
    const line =
      'Demo user refunder@demo.test is active in this database and its password is public (README.md): create your own admin (npm run user:create -- --email EMAIL --name NAME --role ADMIN), then run npm run user:deactivate -- --email refunder@demo.test, or start on an empty database.';
    expect(run('scripts/start.ts', env)).toEqual({ code: 1, stderr: `Cannot start: ${line}` });
    expect(run('scripts/worker.ts', env)).toEqual({ code: 1, stderr: `Cannot start the worker: ${line}` });
    expect(await db.user.findMany({ select: { email: true, active: true } })).toEqual([
      { email: 'refunder@demo.test', active: true },
    ]);
    expect(await db.payment.count()).toBe(0);
  });
});
