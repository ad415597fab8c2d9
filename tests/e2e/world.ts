// What browser tests need besides the browser: the app's database (to arrange payments and check
// what a forged request changed) and the Antom sandbox's admin routes (payments, faults).
import { randomBytes } from 'node:crypto';
import pg from 'pg';

function databaseUrl(): string {
  const url = process.env.E2E_DATABASE_URL;
  if (!url)
    throw new Error('E2E_DATABASE_URL is not set: run the browser tests with `npm test` (or `npm test -- e2e`).');
  return url;
}

let pool: pg.Pool | undefined;
export function db(): pg.Pool {
  pool ??= new pg.Pool({ connectionString: databaseUrl(), max: 2 });
  return pool;
}

export const sandboxUrl = () => `http://127.0.0.1:${process.env.E2E_SANDBOX_PORT}`;

export interface TestPayment {
  paymentId: string;
  paymentRequestId: string;
  amountValue: number;
  currency: string;
}

/** A fresh successful payment, in the dashboard's database and at the sandbox, as Antom would have it. */
export async function createPayment(options: {
  amountValue: number;
  currency?: string;
  method?: string;
  channel?: 'ONLINE' | 'IN_STORE';
}): Promise<TestPayment> {
  const n = `${Date.now()}${randomBytes(3).toString('hex').toUpperCase()}`;
  const payment = {
    paymentId: `E2E${n}`,
    paymentRequestId: `E2E_REQ_${n}`,
    channel: options.channel ?? 'ONLINE',
    amountValue: options.amountValue,
    currency: options.currency ?? 'USD',
    method: options.method ?? 'ALIPAY_CN',
    paidAt: new Date(Date.now() - 3600_000),
  };
  await db().query(
    `INSERT INTO payments (payment_id, payment_request_id, channel, amount_value, currency, method, status, created_at, paid_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'SUCCESS', $7, $7, now())`,
    [
      payment.paymentId,
      payment.paymentRequestId,
      payment.channel,
      payment.amountValue,
      payment.currency,
      payment.method,
      payment.paidAt,
    ],
  );
  const res = await fetch(`${sandboxUrl()}/__sandbox/payments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      ...payment,
      status: 'SUCCESS',
      createdAt: payment.paidAt.toISOString(),
      paidAt: payment.paidAt.toISOString(),
    }),
  });
  if (!res.ok) throw new Error(`The sandbox refused the payment: ${await res.text()}`);
  return payment;
}

export async function setFaults(faults: { fault: string; count?: number; apis?: string[] }[]) {
  const res = await fetch(`${sandboxUrl()}/__sandbox/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ faults, replace: true }),
  });
  if (!res.ok) throw new Error(await res.text());
}

export async function refundsOf(paymentId: string) {
  const { rows } = await db().query<{
    refund_request_id: string;
    status: string;
    amount_value: number;
    result_code: string | null;
  }>(
    `SELECT refund_request_id, status::text AS status, amount_value, result_code FROM refunds WHERE payment_id = $1 ORDER BY created_at`,
    [paymentId],
  );
  return rows;
}

/**
 * Makes sure a user exists with this email, a copy of another (role and password hash), active and
 * with nothing to change first: for sessions that no spec may end (see sessionUser in fixtures.ts).
 */
export async function ensureUserCopy(user: { email: string; name: string; copyOf: string }) {
  const { rowCount } = await db().query(
    `INSERT INTO users (id, email, name, password_hash, role, updated_at)
     SELECT gen_random_uuid(), $1, $2, password_hash, role, now() FROM users WHERE email = $3
     ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name, password_hash = EXCLUDED.password_hash, role = EXCLUDED.role,
       active = true, must_change_password = false, updated_at = now()`,
    [user.email, user.name, user.copyOf],
  );
  if (rowCount !== 1) throw new Error(`No user ${user.copyOf} to copy for ${user.email}`);
}
