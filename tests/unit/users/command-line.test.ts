// `npm run user:create` / `user:deactivate` (scripts/users.ts): what the command line takes, checked
// with the Users page's own schema, and the one line that refuses anything else.
import { describe, expect, it } from 'vitest';
import { parseUserCommand, UsageError } from '../../../scripts/users';

function refusal(argv: string[]): string {
  try {
    parseUserCommand(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`expected ${argv.join(' ')} to be refused`);
}

const CREATE_USAGE = 'npm run user:create -- --email EMAIL --name NAME --role ADMIN|REFUNDER|VIEWER';

describe('user:create', () => {
  it('takes an email, a name and a role, as the Users page stores them', () => {
    expect(
      parseUserCommand(['create', '--email', ' Ada@Example.COM ', '--name', ' Ada L ', '--role', 'admin']),
    ).toEqual({
      command: 'create',
      user: { email: 'ada@example.com', name: 'Ada L', role: 'ADMIN' },
    });
    expect(parseUserCommand(['create', '--email=v@example.com', '--name=Vi', '--role=VIEWER'])).toEqual({
      command: 'create',
      user: { email: 'v@example.com', name: 'Vi', role: 'VIEWER' },
    });
  });

  it.each([
    [['create', '--name', 'Ada', '--role', 'ADMIN'], `--email is required (${CREATE_USAGE})`],
    [['create', '--email', '', '--name', 'Ada', '--role', 'ADMIN'], `--email is required (${CREATE_USAGE})`],
    [['create', '--email', 'a@example.com', '--role', 'ADMIN'], `--name is required (${CREATE_USAGE})`],
    [['create', '--email', 'a@example.com', '--name', 'Ada'], `--role is required (${CREATE_USAGE})`],
    [['create', '--email', 'ada', '--name', 'Ada', '--role', 'ADMIN'], '--email "ada" is not a valid email address'],
    [
      ['create', '--email', 'a@example.com', '--name', 'Ada', '--role', 'OWNER'],
      '--role must be ADMIN, REFUNDER, APPROVER or VIEWER, not "OWNER"',
    ],
    [
      ['create', '--email', 'a@example.com', '--name', 'A'.repeat(121), '--role', 'ADMIN'],
      '--name must be 1 to 120 characters',
    ],
    [['create', '--email', 'a@example.com', '--name', 'Ada', '--role', 'ADMIN', '--admin'], "Unknown option '--admin'"],
    [['create', 'a@example.com'], "Unexpected argument 'a@example.com'"],
  ])('refuses %j in one line', (argv, line) => {
    expect(refusal(argv)).toBe(line);
  });
});

describe('user:deactivate', () => {
  it('takes an email', () => {
    expect(parseUserCommand(['deactivate', '--email', 'Admin@Demo.test'])).toEqual({
      command: 'deactivate',
      email: 'admin@demo.test',
    });
  });

  it('refuses anything else', () => {
    expect(refusal(['deactivate'])).toBe('--email is required (npm run user:deactivate -- --email EMAIL)');
    expect(refusal(['deactivate', '--email', 'a@example.com', '--role', 'ADMIN'])).toBe("Unknown option '--role'");
    expect(refusal(['promote', '--email', 'a@example.com'])).toMatch(/^unknown command "promote": npm run user:create/);
  });
});

describe('user:reset-two-factor', () => {
  it('takes an email, as it is stored, and refuses anything else', () => {
    expect(parseUserCommand(['reset-two-factor', '--email', ' Owner@Merchant.Example '])).toEqual({
      command: 'reset-two-factor',
      email: 'owner@merchant.example',
    });
    expect(refusal(['reset-two-factor'])).toBe('--email is required (npm run user:reset-two-factor -- --email EMAIL)');
    expect(refusal(['promote'])).toMatch(/npm run user:reset-two-factor -- --email EMAIL$/);
  });
});
