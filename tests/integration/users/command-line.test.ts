// `npm run user:create`, `user:deactivate` and `user:reset-two-factor` (scripts/users.ts) against real
// PostgreSQL: the first admin of a real-mode database, with a one-time password that works once and
// must be changed; the demo users retired; a lost second factor removed; every refusal one line,
// exit code 1, nothing changed.
import { spawnSync } from 'node:child_process';
import { verify } from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type Db } from '../../../lib/db/client';
import { applyMigrations } from '../../../tools/db/migrations';
import { createScratchDatabase } from '../../setup/database';

let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let db: Db;

function cli(...argv: string[]) {
  const result = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/users.ts', ...argv], {
    env: { ...process.env, DATABASE_URL: scratch.url },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout.trim(), stderr: result.stderr.trim() };
}

/** Everything the commands may change. */
async function snapshot() {
  const [users, audit] = await Promise.all([
    db.user.findMany({
      orderBy: { email: 'asc' },
      select: { email: true, name: true, role: true, active: true, mustChangePassword: true, sessionVersion: true },
    }),
    db.auditLog.count(),
  ]);
  return { users, audit };
}

beforeAll(async () => {
  scratch = await createScratchDatabase('userscli');
  await applyMigrations(scratch.url);
  db = createPrismaClient(scratch.url, { max: 2 });
});
afterAll(async () => {
  await db.$disconnect();
  await scratch.drop();
});

describe('npm run user:create', () => {
  it('creates the first admin with a one-time password, recorded as the system', { timeout: 60_000 }, async () => {
    const { code, stdout, stderr } = cli(
      'create',
      '--email',
      'Owner@Merchant.example',
      '--name',
      'Olu Owner',
      '--role',
      'ADMIN',
    );
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const password = /^One-time password, shown only now: (\S+)$/m.exec(stdout)?.[1];
    expect(password).toMatch(/^[a-zA-Z2-9]{16}$/);
    expect(stdout).toContain('Created ADMIN owner@merchant.example (Olu Owner).');

    const user = await db.user.findUniqueOrThrow({
      where: { email: 'owner@merchant.example' },
      select: { id: true, role: true, active: true, mustChangePassword: true, passwordHash: true },
    });
    expect(user).toMatchObject({ role: 'ADMIN', active: true, mustChangePassword: true });
    expect(await verify(user.passwordHash, password!)).toBe(true);
    expect(
      await db.auditLog.findMany({
        where: { action: 'user.created' },
        select: { actorType: true, actorId: true, details: true },
      }),
    ).toEqual([
      {
        actorType: 'SYSTEM',
        actorId: null,
        details: { userId: user.id, email: 'owner@merchant.example', role: 'ADMIN', via: 'command line' },
      },
    ]);
  });

  it.each([
    [['--name', 'Ada', '--role', 'ADMIN'], '--email is required'],
    [
      ['--email', 'ada.example.com', '--name', 'Ada', '--role', 'ADMIN'],
      '--email "ada.example.com" is not a valid email address',
    ],
    [
      ['--email', 'ada@example.com', '--name', 'Ada', '--role', 'ROOT'],
      '--role must be ADMIN, REFUNDER, APPROVER or VIEWER, not "ROOT"',
    ],
    [
      ['--email', 'OWNER@merchant.example', '--name', 'Again', '--role', 'VIEWER'],
      'A user with this email already exists.',
    ],
  ])('refuses %j in one line and changes nothing', { timeout: 60_000 }, async (argv, problem) => {
    const before = await snapshot();
    const { code, stdout, stderr } = cli('create', ...argv);
    expect(code).toBe(1);
    expect(stderr.split('\n')).toHaveLength(1);
    expect(stderr.startsWith(`Cannot create the user: ${problem}`)).toBe(true);
    expect(stdout).not.toContain('One-time password');
    expect(await snapshot()).toEqual(before);
  });
});

describe('npm run user:deactivate', () => {
  it('retires a demo user, ending its sessions, and says so when it already is', { timeout: 60_000 }, async () => {
    await db.user.create({
      data: { email: 'admin@demo.test', name: 'Ada Admin', role: 'ADMIN', passwordHash: 'x' },
      select: { id: true },
    });
    expect(cli('deactivate', '--email', 'Admin@Demo.test')).toEqual({
      code: 0,
      stdout: 'Deactivated admin@demo.test: they can no longer sign in, and their open sessions end.',
      stderr: '',
    });
    const demo = await db.user.findUniqueOrThrow({
      where: { email: 'admin@demo.test' },
      select: { id: true, active: true, sessionVersion: true },
    });
    expect(demo).toMatchObject({ active: false, sessionVersion: 1 });
    expect(
      await db.auditLog.findMany({ where: { action: 'user.deactivated' }, select: { actorType: true, details: true } }),
    ).toEqual([{ actorType: 'SYSTEM', details: { userId: demo.id, email: 'admin@demo.test', via: 'command line' } }]);

    const before = await snapshot();
    expect(cli('deactivate', '--email', 'admin@demo.test')).toEqual({
      code: 0,
      stdout: 'admin@demo.test was already deactivated.',
      stderr: '',
    });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses an unknown email and the last active admin, changing nothing', { timeout: 60_000 }, async () => {
    const before = await snapshot();
    expect(cli('deactivate', '--email', 'nobody@merchant.example')).toMatchObject({
      code: 1,
      stderr: 'Cannot deactivate the user: No user has the email nobody@merchant.example.',
    });
    expect(cli('deactivate', '--email', 'owner@merchant.example')).toMatchObject({
      code: 1,
      stderr:
        'Cannot deactivate the user: This is the last active admin: create another admin first (npm run user:create -- --email EMAIL --name NAME --role ADMIN|REFUNDER|VIEWER).',
    });
    expect(await snapshot()).toEqual(before);
  });
});

describe('npm run user:reset-two-factor', () => {
  it(
    'removes the second factor of an admin who lost the device and the recovery codes, ending their sessions',
    { timeout: 60_000 },
    async () => {
      const owner = await db.user.findUniqueOrThrow({
        where: { email: 'owner@merchant.example' },
        select: { id: true },
      });
      await db.user.update({ where: { id: owner.id }, data: { totpSecret: 'sealed', totpEnrolledAt: new Date() } });
      await db.recoveryCode.create({ data: { userId: owner.id, codeHash: 'a'.repeat(64) } });
      const { sessionVersion } = await db.user.findUniqueOrThrow({
        where: { id: owner.id },
        select: { sessionVersion: true },
      });
      expect(cli('reset-two-factor', '--email', 'Owner@Merchant.Example')).toEqual({
        code: 0,
        stdout:
          'Removed the second factor of owner@merchant.example and ended their sessions: they sign in with their password and set up a new device.',
        stderr: '',
      });
      expect(
        await db.user.findUniqueOrThrow({
          where: { id: owner.id },
          select: { totpSecret: true, totpEnrolledAt: true, sessionVersion: true },
        }),
      ).toEqual({ totpSecret: null, totpEnrolledAt: null, sessionVersion: sessionVersion + 1 });
      expect(await db.recoveryCode.count({ where: { userId: owner.id } })).toBe(0);
      expect(
        await db.auditLog.findMany({
          where: { action: 'user.two_factor_reset' },
          select: { actorType: true, details: true },
        }),
      ).toEqual([
        { actorType: 'SYSTEM', details: { userId: owner.id, email: 'owner@merchant.example', via: 'command line' } },
      ]);

      expect(cli('reset-two-factor', '--email', 'owner@merchant.example')).toMatchObject({
        code: 1,
        stderr: 'Cannot reset the second factor: owner@merchant.example has no second factor to reset.',
      });
    },
  );
});
