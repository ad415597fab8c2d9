// The line that refuses a real-mode database with active demo users says which and how to get past it.
import { describe, expect, it } from 'vitest';
import { DEMO_EMAIL_DOMAIN, DEMO_USERS } from '../../../lib/demo/dataset';
import { demoUsersProblem } from '../../../lib/startup/database';

describe('demoUsersProblem', () => {
  it('names the one user and the command that deactivates it', () => {
    expect(demoUsersProblem(['admin@demo.test'])).toBe(
      'Demo user admin@demo.test is active in this database and its password is public (README.md): create your own admin (npm run user:create -- --email EMAIL --name NAME --role ADMIN), then run npm run user:deactivate -- --email admin@demo.test, or start on an empty database.',
    );
  });

  it('names them all, in one line', () => {
    const line = demoUsersProblem(['admin@demo.test', 'viewer@demo.test']);
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toMatch(/^Demo users admin@demo\.test, viewer@demo\.test are active in this database/);
    expect(line).toContain('npm run user:deactivate -- --email EMAIL for each');
  });

  it('covers every demo user by their domain as well as by name', () => {
    expect(DEMO_USERS.every((u) => u.email.endsWith(`@${DEMO_EMAIL_DOMAIN}`))).toBe(true);
  });
});
