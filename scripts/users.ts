// Staff accounts from the server's command line, the way a real deployment gets its first admin (real
// mode seeds no users) and retires the demo users of a database that had them:
//   npm run user:create -- --email EMAIL --name NAME --role ADMIN|REFUNDER|VIEWER
//   npm run user:deactivate -- --email EMAIL
//   npm run user:reset-two-factor -- --email EMAIL   (a lost device and no recovery codes left, no other admin)
// The same changes as the Users page (lib/users/accounts.ts), recorded in the audit log as SYSTEM
// (via: command line). A new user gets a one-time password, printed once here, and must choose their
// own at first sign-in. Bad input is one line on stderr and exit code 1, with nothing changed. Runs on
// DATABASE_URL, or the embedded PostgreSQL as npm start does, and applies pending migrations first.
import { parseArgs } from 'node:util';
import nextEnv from '@next/env';
import { createPrismaClient } from '../lib/db/client';
import { envOrExit } from '../lib/env';
import {
  addUser,
  COMMAND_LINE,
  createUserSchema,
  ROLES,
  setUserActive,
  UserChangeRefused,
  type NewUser,
} from '../lib/users/accounts';
import { removeSecondFactor } from '../lib/users/second-factor';
import { applyMigrations } from '../tools/db/migrations';
import { DatabaseStartupError, startAppDatabase } from '../tools/db/local-server';

export type UserCommand =
  | { command: 'create'; user: NewUser }
  | { command: 'deactivate'; email: string }
  | { command: 'reset-two-factor'; email: string };

/** Input the command cannot take; its message is the one line shown. */
export class UsageError extends Error {
  override name = 'UsageError';
}

const USAGE = {
  create: 'npm run user:create -- --email EMAIL --name NAME --role ADMIN|REFUNDER|VIEWER',
  deactivate: 'npm run user:deactivate -- --email EMAIL',
  'reset-two-factor': 'npm run user:reset-two-factor -- --email EMAIL',
} as const;

function flags(args: string[], names: readonly string[]): Record<string, string | undefined> {
  try {
    const { values } = parseArgs({
      args,
      options: Object.fromEntries(names.map((n) => [n, { type: 'string' as const }])),
      strict: true,
      allowPositionals: false,
    });
    return values as Record<string, string | undefined>;
  } catch (error) {
    // Node's own words ("Unknown option '--mail'"), first sentence only.
    throw new UsageError(
      String((error as Error).message)
        .split('. ')[0]!
        .replace(/\.$/, ''),
    );
  }
}

function required(values: Record<string, string | undefined>, name: string, usage: string): string {
  const value = values[name];
  if (value === undefined || value.trim() === '') throw new UsageError(`--${name} is required (${usage})`);
  return value;
}

/** The command and its flags (process.argv after the script), checked with the Users page's own schema. */
export function parseUserCommand(argv: readonly string[]): UserCommand {
  const [command, ...args] = argv;
  if (command === 'create') {
    const values = flags(args, ['email', 'name', 'role']);
    const raw = {
      email: required(values, 'email', USAGE.create),
      name: required(values, 'name', USAGE.create),
      role: required(values, 'role', USAGE.create).trim().toUpperCase(),
    };
    const parsed = createUserSchema.safeParse(raw);
    if (parsed.success) return { command, user: parsed.data };
    const field = String(parsed.error.issues[0]!.path[0]);
    throw new UsageError(
      field === 'role'
        ? `--role must be ${ROLES.slice(0, -1).join(', ')} or ${ROLES.at(-1)}, not ${JSON.stringify(values.role)}`
        : field === 'email'
          ? `--email ${JSON.stringify(values.email)} is not a valid email address`
          : `--name must be 1 to 120 characters`,
    );
  }
  if (command === 'deactivate') {
    const values = flags(args, ['email']);
    return { command, email: required(values, 'email', USAGE.deactivate).trim().toLowerCase() };
  }
  if (command === 'reset-two-factor') {
    const values = flags(args, ['email']);
    return { command, email: required(values, 'email', USAGE['reset-two-factor']).trim().toLowerCase() };
  }
  throw new UsageError(
    `unknown command ${JSON.stringify(command ?? '')}: ${USAGE.create}, ${USAGE.deactivate}, or ${USAGE['reset-two-factor']}`,
  );
}

async function run(command: UserCommand, url: string): Promise<void> {
  const applied = await applyMigrations(url);
  if (applied.length) console.log(`Migrations: applied ${applied.join(', ')}`);
  const db = createPrismaClient(url, { max: 2 });
  try {
    if (command.command === 'create') {
      const { user, oneTimePassword } = await addUser(db, COMMAND_LINE, command.user);
      console.log(`Created ${command.user.role} ${user.email} (${command.user.name}).`);
      console.log(`One-time password, shown only now: ${oneTimePassword}`);
      console.log('Sign in with it at /login: the dashboard then asks for a new password of their own.');
      return;
    }
    const user = await db.user.findUnique({ where: { email: command.email }, select: { id: true } });
    if (!user) throw new UserChangeRefused(`No user has the email ${command.email}.`);
    if (command.command === 'reset-two-factor') {
      await removeSecondFactor(db, COMMAND_LINE, user.id);
      console.log(
        `Removed the second factor of ${command.email} and ended their sessions: they sign in with their password and set up a new device.`,
      );
      return;
    }
    const outcome = await setUserActive(db, COMMAND_LINE, user.id, false);
    console.log(
      outcome === 'changed'
        ? `Deactivated ${command.email}: they can no longer sign in, and their open sessions end.`
        : `${command.email} was already deactivated.`,
    );
  } finally {
    await db.$disconnect();
  }
}

async function main(argv: readonly string[]): Promise<void> {
  nextEnv.loadEnvConfig(process.cwd());
  envOrExit();
  let command: UserCommand | undefined;
  try {
    command = parseUserCommand(argv);
    const { url, server } = await startAppDatabase();
    try {
      await run(command, url);
    } finally {
      await server.stop();
    }
  } catch (error) {
    const what = command?.command ?? argv[0];
    const expected =
      error instanceof UsageError || error instanceof UserChangeRefused || error instanceof DatabaseStartupError;
    const doing =
      what === 'deactivate'
        ? 'deactivate the user'
        : what === 'create'
          ? 'create the user'
          : what === 'reset-two-factor'
            ? 'reset the second factor'
            : 'run';
    let message = (error as Error).message;
    if (error instanceof UserChangeRefused && message.startsWith('This is the last active admin'))
      message = `${message.replace(/[.:].*$/, '')}: create another admin first (${USAGE.create}).`;
    console.error(expected ? `Cannot ${doing}: ${message}` : error);
    process.exitCode = 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main(process.argv.slice(2));
  // The migration runner's pool lingers for its idle timeout: nothing is left to do, so go now.
  process.exit();
}
