// The one logger: pino, JSON lines on stdout (what log shippers read), each line with the request id of
// the request or job it belongs to (request-context.ts). On a terminal (`npm start` by hand) the same
// lines are printed readable by pino-pretty instead. LOG_LEVEL sets the level (lib/env.ts).
//
// Never logged: secrets, cookies, signatures, passwords. Nothing logs a request's headers or a form's
// fields, and the redaction below removes those keys wherever a logged object carries them, so a
// mistake elsewhere still prints [REDACTED] (tests/unit/ops/log.test.ts, and the e2e run's log is
// scanned for the demo passwords, keys and cookie values: tests/e2e/log-scan.teardown.ts).
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import { env } from '../env';
import { currentRequestId } from './request-context';

const SECRET_KEYS = [
  'password',
  'newPassword',
  'currentPassword',
  'passwordHash',
  'secret',
  'token',
  'cookie',
  'cookies',
  'set-cookie',
  'authorization',
  'signature',
  'privateKey',
  'ANTOM_MERCHANT_PRIVATE_KEY',
  'AUTH_SECRET',
  'METRICS_TOKEN',
  'totpSecret',
];

/** Each key at the top level, one level down and in headers, as pino's redact paths spell them. */
export const REDACT_PATHS = SECRET_KEYS.flatMap((key) => {
  const k = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? key : `["${key}"]`;
  const dot = k.startsWith('[') ? k : `.${k}`;
  return [k, `*${dot}`, `req.headers${dot}`, `headers${dot}`];
});

const LOGGER = Symbol.for('antom.logger');
const holder = globalThis as unknown as Record<symbol, Logger | undefined>;

/** What a logger is made with; exported for the test that checks the redaction on a stream it reads. */
export function loggerOptions(level: string = env().LOG_LEVEL): pino.LoggerOptions {
  return {
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
    // Every line says which request or job it belongs to, when it belongs to one.
    mixin: () => {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
    formatters: { level: (label) => ({ level: label }) },
  };
}

function makeLogger(): Logger {
  const options = loggerOptions();
  if (process.stdout.isTTY) {
    // Synchronous, in this thread: no transport worker to start or to lose lines on exit.
    return pino(
      options,
      pretty({
        sync: true,
        colorize: true,
        singleLine: true,
        ignore: 'pid,hostname,component',
        messageFormat: '[{component}] {msg}',
      }),
    );
  }
  return pino(options, pino.destination({ dest: 1, sync: true }));
}

/** The process's logger (one per process, shared by every module instance Next.js makes). */
export function logger(): Logger {
  return (holder[LOGGER] ??= makeLogger());
}

/** A logger for one part of the app: its lines carry `component`. */
export function log(component: string): Logger {
  return logger().child({ component });
}

/** An error for a log line: its name and message (and stack), never the objects it may hold. */
export function errorFields(error: unknown): { err: { name: string; message: string; stack?: string } } {
  if (error instanceof Error) return { err: { name: error.name, message: error.message, stack: error.stack } };
  return { err: { name: 'NonError', message: String(error) } };
}
