// Runs after every spec (playwright.config.ts, project log-scan): reads everything the app printed during
// the run (tests/e2e/server-with-log.ts) and checks that each request's lines carry its id, that Antom
// calls and worker jobs are logged with theirs (the same id as in antom_calls), and that no secret is in
// it: the demo passwords, the sandbox's private keys, the session secret, the session cookies the
// browsers held.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { DEMO_USERS } from '../../lib/demo/dataset';
import { SERVER_LOG } from './server-with-log';
import { localAuthSecret, pemBody, sandboxKeyPems } from './sandbox-secrets';
import { db } from './world';

interface Line {
  msg?: string;
  requestId?: string;
  component?: string;
  status?: number;
  method?: string;
}

/** Slices of a long secret: a log that printed part of it is caught too. */
function slices(secret: string, size = 40): string[] {
  const out: string[] = [];
  for (let i = 0; i + size <= secret.length; i += size) out.push(secret.slice(i, i + size));
  return out.length ? out : [secret];
}

test('the run’s server log carries request ids and holds no password, key or cookie', async () => {
  const log = readFileSync(SERVER_LOG, 'utf8');
  const lines: Line[] = log
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Line);

  // Every request logged with its id. An id is shared only by a server action and the page Next.js
  // renders for its redirect (it fetches that page from itself with the action's headers, our
  // X-Request-Id included): one POST, answered last, and what it fetched within it.
  const requests = lines.filter((l) => l.component === 'http' && l.msg === 'request');
  expect(requests.length).toBeGreaterThan(100);
  for (const r of requests) expect(r.requestId).toMatch(/^[0-9a-f-]{36}$/);
  const byId = new Map<string, Line[]>();
  for (const r of requests) byId.set(r.requestId!, [...(byId.get(r.requestId!) ?? []), r]);
  for (const group of byId.values()) {
    if (group.length === 1) continue;
    expect(group.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(group.at(-1)!.method).toBe('POST');
  }
  expect(byId.size).toBeGreaterThan(requests.length / 2);

  // Antom calls are logged with the id of the request that made them, and recorded with it.
  const calls = lines.filter((l) => l.msg === 'antom call' && l.requestId && !l.requestId.startsWith('job:'));
  expect(calls.length).toBeGreaterThan(0);
  const recorded = await db().query<{ n: number }>(
    `SELECT count(DISTINCT request_id)::int AS n FROM antom_calls WHERE request_id = ANY($1)`,
    [[...new Set(calls.map((c) => c.requestId!))]],
  );
  expect(recorded.rows[0]!.n).toBeGreaterThan(0);
  const requestIds = new Set(requests.map((r) => r.requestId));
  expect(calls.some((c) => requestIds.has(c.requestId))).toBe(true);
  // Worker jobs carry theirs (job:<pg-boss id>), into antom_calls as well.
  const jobs = lines.filter((l) => l.component === 'worker' && l.requestId?.startsWith('job:'));
  expect(jobs.length).toBeGreaterThan(0);
  const jobCalls = await db().query<{ n: number }>(
    `SELECT count(*)::int AS n FROM antom_calls WHERE request_id LIKE 'job:%'`,
  );
  expect(jobCalls.rows[0]!.n).toBeGreaterThan(0);

  // No secret, whole or in part.
  const secrets: [string, string][] = DEMO_USERS.map((u) => [`${u.email}'s password`, u.password]);
  for (const [name, pem] of Object.entries(sandboxKeyPems())) {
    if (name.includes('private')) for (const part of slices(pemBody(pem))) secrets.push([`sandbox key ${name}`, part]);
  }
  expect(secrets.some(([name]) => name.startsWith('sandbox key'))).toBe(true);
  for (const part of slices(localAuthSecret(), 20)) secrets.push(['AUTH_SECRET', part]);
  const authDir = path.resolve('tests/e2e/.auth');
  const cookies = existsSync(authDir)
    ? readdirSync(authDir)
        .filter((f) => f.endsWith('.json'))
        .flatMap(
          (f) =>
            (JSON.parse(readFileSync(path.join(authDir, f), 'utf8')) as { cookies: { name: string; value: string }[] })
              .cookies,
        )
    : [];
  expect(cookies.length).toBeGreaterThan(0);
  for (const c of cookies) for (const part of slices(c.value)) secrets.push([`cookie ${c.name}`, part]);

  const found = secrets.filter(([, secret]) => log.includes(secret)).map(([name]) => name);
  expect([...new Set(found)], 'secrets found in the server log').toEqual([]);
});
