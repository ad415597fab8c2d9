// Every environment variable the app, the refund worker, the scripts and the sandbox launcher read,
// checked once with zod. A bad value stops start-up with one line naming the variable and what is
// wrong: scripts/start.ts, serve.ts and worker.ts call envOrExit() before they touch anything else.
// `.env.example` lists exactly these names (tests/unit/env.test.ts checks both ways). Not here:
// what only frameworks read (NODE_ENV, NEXT_*, Auth.js's AUTH_TRUST_HOST, Prisma's own), and what
// only the test and benchmark harnesses read (E2E_*, BENCH_*, RANDOM_SEED, TEST_DB_ADMIN_URL).
//
// A blank value (empty or only spaces) counts as unset, as the code reading process.env always
// treated it, except PORT, which npm start has always refused when empty.
//
// No `server-only` import: the tsx scripts import this module, and that package throws outside
// React Server Components. Nothing on the client reads it.
import { isIP } from 'node:net';
import { z } from 'zod';

/** A variable with a bad value; the message is one line and never contains a secret. */
export class EnvError extends Error {
  override name = 'EnvError';
  constructor(readonly problems: readonly { variable: string; problem: string }[]) {
    super(problems.map((p) => `${p.variable}: ${p.problem}`).join('; '));
  }
}

const isBlank = (raw: string | undefined): raw is undefined => raw === undefined || raw.trim() === '';

/** A value quoted for an error line: short ones as given, long ones (a key in the wrong place?) by length only. */
function shown(raw: string | number): string {
  const text = String(raw);
  return text.length <= 40 ? JSON.stringify(text) : `a value of ${text.length} characters`;
}

/** One variable: its raw string (undefined when unset) to a value, or what is wrong with it in words. */
function variable<T>(read: (raw: string | undefined) => { value: T } | { problem: string }) {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const outcome = read(raw);
      if ('value' in outcome) return outcome.value;
      ctx.issues.push({ code: 'custom', message: outcome.problem, input: raw });
      return z.NEVER;
    });
}

/** Text used as given; blank is unset. Secrets are never echoed (nothing here echoes text). */
const text = () => variable((raw) => ({ value: isBlank(raw) ? undefined : raw }));

/** Present or not: any non-blank value turns it on. */
const flag = () => variable((raw) => ({ value: !isBlank(raw) }));

/**
 * A whole number within bounds (`what` names the unit for the message). Also takes a number, so
 * lib/antom/config.ts can check the parsed environment and raw strings with the same rules.
 */
function wholeNumber<F extends number | undefined>(
  what: string,
  min: number,
  max: number,
  fallback: F,
  blank: 'unset' | 'refused' = 'unset',
) {
  return z
    .union([z.string(), z.number()])
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || (blank === 'unset' && typeof raw === 'string' && raw.trim() === '')) return fallback;
      const n = typeof raw === 'number' ? raw : Number(raw);
      const problem = !Number.isInteger(n)
        ? `expected ${what}, got ${shown(raw)}`
        : n < min || n > max
          ? `expected ${what} from ${min} to ${max}, got ${shown(raw)}`
          : undefined;
      if (problem === undefined) return n;
      ctx.issues.push({ code: 'custom', message: problem, input: raw });
      return z.NEVER;
    });
}

/** An http(s) URL, trimmed; blank is unset. Not echoed: a URL may carry credentials. */
const httpUrl = () =>
  variable((raw) => {
    if (isBlank(raw)) return { value: undefined };
    const url = raw.trim();
    return z.url({ protocol: /^https?$/ }).safeParse(url).success
      ? { value: url }
      : { problem: 'expected an http(s) URL' };
  });

/** Who may tell the app a client's address (X-Forwarded-For): lib/http/client-address.ts. */
export type TrustedProxies = { hops: number } | { addresses: string[] };

/** An address or a CIDR range of them: 10.0.0.5, 10.0.0.0/8, ::1, fd00::/8. */
function isAddressOrRange(text: string): boolean {
  const [address = '', bits, ...rest] = text.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/** How many proxies stand in front (1 to 10), or which addresses they have; blank is none. */
const trustedProxies = () =>
  variable<TrustedProxies | undefined>((raw) => {
    if (isBlank(raw)) return { value: undefined };
    const text = raw.trim();
    const problem = `expected a number of proxies from 1 to 10, or their addresses (10.0.0.5, 10.0.0.0/8), got ${shown(text)}`;
    if (/^\d+$/.test(text)) {
      const hops = Number(text);
      return hops >= 1 && hops <= 10 ? { value: { hops } } : { problem };
    }
    const addresses = text.split(',').map((a) => a.trim());
    return addresses.every(isAddressOrRange) ? { value: { addresses } } : { problem };
  });

/** The payment channels, as Prisma's Channel enum spells them (lib/payments/states.ts keeps them equal). */
export const ANTOM_CHANNEL_NAMES = ['ONLINE', 'IN_STORE'] as const;
export type AntomChannel = (typeof ANTOM_CHANNEL_NAMES)[number];

/** A comma-separated list of channels, any case, in the order given, each once; blank means both. */
const channelList = () =>
  variable<readonly AntomChannel[]>((raw) => {
    if (isBlank(raw)) return { value: ANTOM_CHANNEL_NAMES };
    const words = raw
      .split(',')
      .map((w) => w.trim().toUpperCase())
      .filter(Boolean);
    const unknown = words.filter((w) => !(ANTOM_CHANNEL_NAMES as readonly string[]).includes(w));
    if (unknown.length || !words.length)
      return { problem: `expected ONLINE, IN_STORE or both separated by a comma, got ${shown(raw.trim())}` };
    return { value: [...new Set(words)] as AntomChannel[] };
  });

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone name, trimmed; blank means the fallback. */
const timeZone = (fallback: string) =>
  variable<string>((raw) => {
    if (isBlank(raw)) return { value: fallback };
    const name = raw.trim();
    return isTimeZone(name)
      ? { value: name }
      : { problem: `expected an IANA time zone name such as ${fallback}, got ${shown(name)}` };
  });

// --- App: the dashboard's HTTP server (scripts/serve.ts) --------------------------------------
const app = {
  // Next.js's usual port. Empty is refused rather than read as 0 (that would be a random port).
  PORT: wholeNumber('a TCP port number', 1, 65_535, 3000, 'refused'),
  // Unset: Node's default, every interface.
  HOST: text(),
  // The dashboard's address as the outside world (and Antom) sees it. Auth.js builds its URLs from it
  // (lib/auth/auth.ts), never from the request's Host header. When a reverse proxy serves the app
  // under a prefix it strips (https://host/refunds → the app sees /): notifications are signed over
  // the path Antom posted to, so the prefix is put back before verifying. Unset: no prefix.
  PUBLIC_BASE_URL: httpUrl(),
  // The reverse proxies in front of the app, which alone may say who the client is (X-Forwarded-For):
  // how many there are (each appends the address it saw), or their addresses. Unset: none, and the
  // client is the address the connection came from, whatever headers it sends.
  TRUSTED_PROXIES: trustedProxies(),
};

// --- Database -----------------------------------------------------------------------------------
const database = {
  // Unset: npm start and the db:* scripts run an embedded PostgreSQL under .data/ (tools/db/local-server.ts);
  // the app and the worker require it (npm start hands them the embedded one's URL). Its scheme is
  // checked when start-up connects (checkReachable), which names the problem without the password.
  DATABASE_URL: text(),
  // Unset: the port remembered in .data/postgres.json, else 54329 (a free one when that is taken).
  EMBEDDED_POSTGRES_PORT: wholeNumber('a TCP port number', 1, 65_535, undefined),
  // Prints the WebAssembly schema engine's panic messages while migrating; off unless set.
  DEBUG_SCHEMA_ENGINE: flag(),
};

// --- Sessions -------------------------------------------------------------------------------------
const sessions = {
  // Unset: npm start keeps a random one in .data/auth-secret (real deployments must set it).
  AUTH_SECRET: text(),
};

// --- Antom ------------------------------------------------------------------------------------------
/** The numeric Antom settings, shared with lib/antom/config.ts's own check. */
export const antomSettings = {
  // The key version Antom registers first.
  ANTOM_KEY_VERSION: wholeNumber('a whole number', 0, 1_000_000, 1),
  // The SDKs allow 15 s to connect; a person is waiting at the refund button, and a timeout is
  // an unknown outcome the reconciler settles later, so we give up sooner by default.
  ANTOM_CONNECT_TIMEOUT_MS: wholeNumber('a whole number of milliseconds', 100, 60_000, 5_000),
  ANTOM_TIMEOUT_MS: wholeNumber('a whole number of milliseconds', 100, 120_000, 15_000),
  // Retries reuse the same request id, so a few are safe; more would keep the person waiting.
  ANTOM_MAX_RETRIES: wholeNumber('a whole number of retries', 0, 5, 2),
};

const antom = {
  // Unset: npm start runs the bundled sandbox and hands its URL, client id and keys to the app.
  // Set: the four below are required; lib/antom/config.ts checks them and reads the keys.
  ANTOM_GATEWAY_URL: httpUrl(),
  ANTOM_CLIENT_ID: text(),
  ANTOM_MERCHANT_PRIVATE_KEY: text(),
  ANTOM_PUBLIC_KEY: text(),
  ...antomSettings,
  // Unset: no notifyUrl in requests, so Antom uses the one configured in Antom Dashboard.
  ANTOM_NOTIFY_URL: httpUrl(),
  // The Antom products the merchant has: a look-up by id asks inquiryPayment of each, in this order
  // (online /v1 and in-store /v2 are separate contracts; asking one the merchant lacks only fails).
  ANTOM_CHANNELS: channelList(),
};

// --- Bulk refunds (lib/bulk-refunds) -------------------------------------------------------------
const bulk = {
  // Rows a confirmed batch sends per second at most. Antom publishes no number; it answers
  // REQUEST_TRAFFIC_EXCEED_LIMIT when a merchant sends too fast (lib/bulk-refunds/runner.ts).
  BULK_REFUND_RATE: wholeNumber('a whole number of rows per second', 1, 200, 10),
};

// --- The bundled sandbox (only when ANTOM_GATEWAY_URL is unset) ----------------------------------
const sandbox = {
  // 0: any free port, so two clones never collide.
  SANDBOX_PORT: wholeNumber('a TCP port number', 0, 65_535, 0),
  // Unset: the sandbox's own default (3 s), long enough to see a card refund in process.
  SANDBOX_ASYNC_DELAY_MS: wholeNumber('a whole number of milliseconds', 0, 3_600_000, undefined),
};

// --- Operations: logs, metrics, health, shutdown (lib/ops/) --------------------------------------
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const operations = {
  // pino's level for the JSON lines on stdout.
  LOG_LEVEL: variable<(typeof LOG_LEVELS)[number]>((raw) => {
    if (isBlank(raw)) return { value: 'info' };
    const level = raw.trim().toLowerCase();
    return (LOG_LEVELS as readonly string[]).includes(level)
      ? { value: level as (typeof LOG_LEVELS)[number] }
      : { problem: `expected one of ${LOG_LEVELS.join(', ')}, got ${shown(raw.trim())}` };
  }),
  // The bearer token for /api/metrics and the details of /api/health. Unset: metrics are refused to
  // everyone and health says only up or not. At least 16 characters: it guards what the books look like.
  METRICS_TOKEN: variable((raw) => {
    if (isBlank(raw)) return { value: undefined };
    return raw.trim().length >= 16 ? { value: raw.trim() } : { problem: 'expected at least 16 characters' };
  }),
  // How long SIGTERM waits for requests in flight (and their Antom calls) before closing anyway.
  SHUTDOWN_TIMEOUT_MS: wholeNumber('a whole number of milliseconds', 0, 600_000, 25_000),
};

// --- Display ------------------------------------------------------------------------------------
const display = {
  // The demo merchant is in Singapore.
  MERCHANT_TIME_ZONE: timeZone('Asia/Singapore'),
};

// --- Approvals (issue 16) --------------------------------------------------------------------------
const approvals = {
  // A refund waiting for a second person's approval this long is cancelled and its amount released.
  REFUND_APPROVAL_EXPIRES_HOURS: wholeNumber('a whole number of hours', 1, 2_160, 72),
};

// --- Tests (npm test, vitest) ---------------------------------------------------------------------
const test = {
  // Unset: DATABASE_URL's server, else an embedded one under .data/postgres-test.
  TEST_DATABASE_URL: text(),
};

const schema = z.object({
  ...app,
  ...database,
  ...sessions,
  ...antom,
  ...bulk,
  ...sandbox,
  ...operations,
  ...display,
  ...approvals,
  ...test,
});

export type Env = z.output<typeof schema>;

/** Every variable name the schema reads. */
export const ENV_VARIABLES: readonly string[] = Object.keys(schema.shape);

/** Checks a set of variables (process.env, or one a test or a launcher made); throws EnvError. */
export function parseEnv(record: Record<string, string | undefined>): Env {
  const parsed = schema.safeParse(record);
  if (parsed.success) return parsed.data;
  throw new EnvError(
    parsed.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? 'environment'), problem: issue.message })),
  );
}

let cached: Env | undefined;

/** process.env, checked on first use and remembered for the life of the process. */
export function env(): Env {
  return (cached ??= parseEnv(process.env));
}

/** For the entry points, before anything else: on a bad value, print its one line and exit 1. */
export function envOrExit(): Env {
  try {
    return env();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(`Cannot start: ${error.message}`);
    process.exit(1);
  }
}
