// Issue 14, gap 5: lockout as denial of service. Failed sign-ins are counted for the account from
// that address and for the address, with growing delays (lib/auth/throttle.ts): someone guessing from
// elsewhere cannot lock the owner out, one address trying many accounts is still stopped, and each
// further failure past the free ones waits longer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../lib/db/client';
import { hashPassword } from '../../lib/auth/password';
import { verifyLogin, type LoginResult } from '../../lib/auth/login';
import { delayAfter, recordFailure, signInRules } from '../../lib/auth/throttle';
import { testPrisma } from '../setup/database';
import { tag } from '../integration/queries/data';

const PASSWORD = 'the owner’s passphrase';
let db: Db;
let owner: string;
let octet = 0;
/** A documentation address (RFC 5737) of its own for each test. */
const address = () => `198.51.100.${++octet}`;
const outcome = (result: LoginResult) => (result.ok ? 'ok' : result.code);

beforeAll(async () => {
  db = testPrisma();
  owner = `${tag('owner')}@throttle.test`.toLowerCase();
  await db.user.create({
    data: { email: owner, name: 'Owner', role: 'ADMIN', passwordHash: await hashPassword(PASSWORD) },
  });
});
afterAll(() => db.$disconnect());

describe('failed sign-ins', () => {
  it('from one address do not lock the owner out at theirs', async () => {
    const attacker = address();
    const results = [];
    for (let i = 0; i < 8; i++) results.push(outcome(await verifyLogin(owner, `guess ${i}`, attacker)));
    expect(results.slice(0, 5)).toEqual(['invalid', 'invalid', 'invalid', 'invalid', 'invalid']);
    expect(results.slice(5)).toEqual(['throttled', 'throttled', 'throttled']);
    // Even the right password waits, from the attacker's address…
    expect(await verifyLogin(owner, PASSWORD, attacker)).toMatchObject({ ok: false, code: 'throttled' });
    // …but the owner, elsewhere, signs in.
    expect(await verifyLogin(owner, PASSWORD, address())).toMatchObject({ ok: true });
  });

  it('across many accounts from one address are stopped', async () => {
    const stuffer = address();
    let throttled = 0;
    for (let i = 0; i < 24; i++) {
      const result = await verifyLogin(`${tag('victim')}@throttle.test`.toLowerCase(), 'password123', stuffer);
      if (outcome(result) === 'throttled') throttled++;
    }
    expect(throttled).toBeGreaterThan(0);
    // A real account's right password from that address waits too.
    expect(await verifyLogin(owner, PASSWORD, stuffer)).toMatchObject({ ok: false, code: 'throttled' });
  });

  it('wait longer with each failure past the free ones, up to a ceiling', async () => {
    const [pair] = signInRules(`${tag('slow')}@throttle.test`, address());
    const locks: number[] = [];
    let now = Date.parse('2026-12-01T00:00:00Z');
    for (let failure = 1; failure <= 10; failure++) {
      await recordFailure(db, [pair!], new Date(now));
      const row = await db.loginThrottle.findUniqueOrThrow({ where: { key: pair!.key } });
      const lockedFor = row.lockedUntil ? row.lockedUntil.getTime() - now : 0;
      locks.push(lockedFor / 60_000);
      now += Math.max(lockedFor, 1000); // the next try comes when the lock ends
    }
    expect(locks).toEqual([0, 0, 0, 0, 1, 2, 4, 8, 15, 15]);
    expect(delayAfter(pair!, 4)).toBe(0);
  });
});
