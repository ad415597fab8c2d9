import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// `npm start` with a database it cannot use stops at once with one line naming the problem.
function start(env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/start.ts'], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stderr: result.stderr.trim(), stdout: result.stdout };
}

describe('start-up with a bad DATABASE_URL', () => {
  it('names an unreachable server in one line', () => {
    const { code, stderr } = start({ DATABASE_URL: 'postgresql://nobody:secret@127.0.0.1:1/antom' });
    expect(code).toBe(1);
    expect(stderr).toBe(
      'Cannot start: Cannot connect to the database at 127.0.0.1:1/antom: connect ECONNREFUSED 127.0.0.1:1',
    );
    expect(stderr).not.toContain('secret');
  });

  it('rejects something that is not a PostgreSQL URL', () => {
    const { code, stderr } = start({ DATABASE_URL: 'mysql://localhost/antom' });
    expect(code).toBe(1);
    expect(stderr).toBe('Cannot start: DATABASE_URL is not a postgresql:// connection string.');
  });
});

describe('start-up with a bad setting (lib/env.ts)', () => {
  it('stops npm start, the app server and the worker with one line, before any database', { timeout: 90_000 }, () => {
    for (const script of ['scripts/start.ts', 'scripts/serve.ts', 'scripts/worker.ts']) {
      const result = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', script], {
        // An unreachable database: were it tried first, the line would name it instead.
        env: {
          ...process.env,
          ANTOM_TIMEOUT_MS: 'abc',
          AUTH_SECRET: 'hunter2-session-secret',
          DATABASE_URL: 'postgresql://nobody:secret@127.0.0.1:1/antom',
        },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect({ script, code: result.status, stderr: result.stderr.trim() }).toEqual({
        script,
        code: 1,
        stderr: 'Cannot start: ANTOM_TIMEOUT_MS: expected a whole number of milliseconds, got "abc"',
      });
    }
  });
});
