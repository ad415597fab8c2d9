// Runs confirmed batches in the background: reserves every row's refund through the engine's front
// door (its amount held at once, nothing sent), then sends them one by one at the batch's rate.
//
// Exactly once, whatever dies when: a row's refund has a refundRequestId made from the file's hash and
// the row (dry-run.ts), which is also its idempotency key, so reserving it again returns the same
// refund; the engine claims each first send in the database (submit_attempts 0 → 1), so sending it
// again does nothing; a send cut off by a crash is finished by the reconciler with the same id.
//
// One runner per batch: a lease on the batch row (lease_owner, lease_until), renewed as it goes; a
// worker that dies loses it after `leaseMs` and the next sweep hands the batch to another.
//
// The rate: Antom publishes no number for its traffic limit; it answers REQUEST_TRAFFIC_EXCEED_LIMIT
// (online, seed 002: "call the refund API to retry") and DPOS_REFUND_REQUEST_TRAFFIC_EXCEED_LIMIT (in
// store, seeds 000 and 001: "The request traffic exceeds the limit. Call the API again") when a
// merchant sends too fast. So a batch sends at a configured rate (BULK_REFUND_RATE, default 10 rows
// per second, a pace well inside what one merchant's refund traffic is), and a row that still meets
// the limit is UNKNOWN and sent again with the same refundRequestId by the reconciler (reconcile.ts).
import { randomBytes } from 'node:crypto';
import { Prisma } from '../db/client';
import { queryRows } from '../db/sql';
import { can, type Actor, type Role } from '../auth/roles';
import { UserFacingError } from '../errors';
import { refundPayment, sendHeldRefund, type RefundEngineDeps } from '../refunds';
import { REASON_CODES, isReasonCode } from './words';
import { settleCancelled } from './manage';

export interface RunnerOptions {
  /** How long a runner's claim on a batch lasts without renewal (a dead worker's batch waits this long). */
  leaseMs?: number;
  /** How long one job works on a batch before handing it back (the sweep hands it out again). */
  sliceMs?: number;
  /** Sends in flight at once: the rate decides how many start, this only bounds a slow Antom. */
  maxInFlight?: number;
  /** For the benchmark: each row's send, start to answer. */
  onRowSent?: (ms: number) => void;
}

const DEFAULTS = { leaseMs: 30_000, sliceMs: 60_000, maxInFlight: 8 };

export function newRunnerId(): string {
  return `runner_${randomBytes(8).toString('hex')}`;
}

interface Leased {
  status: 'RUNNING' | 'PAUSED' | 'CANCELLED' | 'DRY_RUN' | 'DONE';
  ratePerSecond: number;
  confirmedById: string | null;
}

/** Takes (or renews) the batch's lease; null when another runner holds it. */
async function lease(deps: RefundEngineDeps, batchId: string, owner: string, leaseMs: number): Promise<Leased | null> {
  const [row] = await queryRows<Leased>(
    deps.db,
    Prisma.sql`
    UPDATE refund_batches SET lease_owner = ${owner}, lease_until = now() + ${leaseMs} * interval '1 millisecond'
     WHERE id = ${batchId}::uuid AND (lease_owner IS NULL OR lease_owner = ${owner} OR lease_until < now())
    RETURNING status::text AS status, rate_per_second AS "ratePerSecond", confirmed_by_id::text AS "confirmedById"`,
  );
  return row ?? null;
}

async function release(deps: RefundEngineDeps, batchId: string, owner: string) {
  await deps.db.refundBatch.updateMany({
    where: { id: batchId, leaseOwner: owner },
    data: { leaseOwner: null, leaseUntil: null },
  });
}

/** The person who confirmed the batch acts for every row (their role is checked again now). */
async function confirmer(deps: RefundEngineDeps, id: string | null): Promise<Actor | null> {
  if (!id) return null;
  const user = await deps.db.user.findUnique({ where: { id }, select: { id: true, role: true, active: true } });
  return user?.active && can(user.role as Role, 'refund') ? { id: user.id, role: user.role as Role } : null;
}

interface RowToRun {
  row: number;
  paymentId: string;
  amountValue: number;
  currency: string;
  reasonCode: string;
  note: string | null;
  refundRequestId: string;
}

function reasonOf(row: RowToRun): string {
  const words = isReasonCode(row.reasonCode) ? REASON_CODES[row.reasonCode] : row.reasonCode;
  return (row.note ? `${words}: ${row.note}` : words).slice(0, 256);
}

async function setStage(deps: RefundEngineDeps, batchId: string, row: number, stage: string, skipReason?: string) {
  await queryRows(
    deps.db,
    Prisma.sql`UPDATE refund_batch_rows SET stage = ${stage}::"BatchRowStage", skip_reason = ${skipReason ?? null}, updated_at = now()
                WHERE batch_id = ${batchId}::uuid AND row = ${row}`,
  );
}

/** Reserves the next rows not reserved yet; false when none is left. */
async function reserveSome(deps: RefundEngineDeps, batchId: string, actor: Actor, limit: number): Promise<boolean> {
  const rows = await queryRows<RowToRun>(
    deps.db,
    Prisma.sql`
    SELECT row, payment_id AS "paymentId", amount_value AS "amountValue", currency, reason_code AS "reasonCode", note,
           refund_request_id AS "refundRequestId"
      FROM refund_batch_rows
     WHERE batch_id = ${batchId}::uuid AND stage = 'WAITING' AND verdict <> 'REFUSED'
     ORDER BY row LIMIT ${limit}`,
  );
  // A few at a time: each reserve is a handful of round trips, most of it waiting on the database, so
  // overlapping them keeps a 10,000-row batch from spending its first minute reserving. Two rows of one
  // payment still take turns on the payment's row lock in refund_reserve, which refuses the one that
  // would go over (SKIPPED, with why), whichever comes first.
  let next = 0;
  const reserveNext = async (): Promise<void> => {
    for (let row = rows[next++]; row; row = rows[next++]) await reserveRow(deps, batchId, actor, row);
  };
  await Promise.all(Array.from({ length: Math.min(RESERVE_AT_ONCE, rows.length) }, reserveNext));
  return rows.length > 0;
}

/** Rows reserved at once by one runner (within the default pool of 2 × cores + 1 connections). */
const RESERVE_AT_ONCE = 4;

async function reserveRow(deps: RefundEngineDeps, batchId: string, actor: Actor, row: RowToRun): Promise<void> {
  try {
    await refundPayment(
      deps,
      actor,
      {
        paymentId: row.paymentId,
        amountValue: row.amountValue,
        currency: row.currency,
        reason: reasonOf(row),
        idempotencyKey: row.refundRequestId,
      },
      { refundRequestId: row.refundRequestId, holdForBatch: true },
    );
    await setStage(deps, batchId, row.row, 'HELD');
  } catch (error) {
    // The payment changed since the dry run (refunded elsewhere, ...): this row is not sent, and says why.
    if (!(error instanceof UserFacingError)) throw error;
    await setStage(deps, batchId, row.row, 'SKIPPED', error.message.slice(0, 256));
  }
}

/** Held rows whose refund is still to be sent, in row order. */
async function heldRows(deps: RefundEngineDeps, batchId: string, limit: number) {
  return queryRows<{ row: number; refundRequestId: string; status: string }>(
    deps.db,
    Prisma.sql`
    SELECT b.row, b.refund_request_id AS "refundRequestId", r.status::text AS status
      FROM refund_batch_rows b JOIN refunds r ON r.refund_request_id = b.refund_request_id
     WHERE b.batch_id = ${batchId}::uuid AND b.stage = 'HELD' AND r.status = 'CREATED'
     ORDER BY b.row LIMIT ${limit}`,
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Works on one batch for up to `sliceMs`: settles a cancelled one, reserves and sends a running one.
 * Returns what it found: 'NOT_MINE' (another runner holds it), 'IDLE' (nothing to do), 'MORE' (more
 * to do: the next sweep hands it out again), 'DONE'.
 */
export async function driveBatch(
  deps: RefundEngineDeps,
  batchId: string,
  owner: string,
  options: RunnerOptions = {},
): Promise<'NOT_MINE' | 'IDLE' | 'MORE' | 'DONE'> {
  const { leaseMs, sliceMs, maxInFlight } = { ...DEFAULTS, ...options };
  let batch = await lease(deps, batchId, owner, leaseMs);
  if (!batch) return 'NOT_MINE';
  try {
    const until = Date.now() + sliceMs;
    if (batch.status === 'CANCELLED') {
      await settleCancelled(deps, batchId, batch.confirmedById);
      return 'DONE';
    }
    if (batch.status !== 'RUNNING') return 'IDLE';
    const actor = await confirmer(deps, batch.confirmedById);
    if (!actor) {
      // The person who confirmed it may no longer refund: stop, for a person to look.
      await deps.db.refundBatch.updateMany({ where: { id: batchId, status: 'RUNNING' }, data: { status: 'PAUSED' } });
      return 'IDLE';
    }
    // 1. Reserve every row (holds the amounts; checks each against its payment again).
    while (Date.now() < until) {
      if (!(await reserveSome(deps, batchId, actor, 100))) break;
      batch = await lease(deps, batchId, owner, leaseMs);
      if (batch?.status !== 'RUNNING') return batch?.status === 'CANCELLED' ? 'MORE' : 'IDLE';
    }
    // 2. Send them at the rate: starts spaced 1/rate apart, at most maxInFlight answers awaited at once.
    const rate = Math.max(1, batch.ratePerSecond);
    const interval = 1000 / rate;
    let nextStart = Date.now();
    const inFlight = new Set<Promise<void>>();
    let failure: unknown = null;
    const sendOne = async (held: { row: number; refundRequestId: string }) => {
      const started = performance.now();
      await sendHeldRefund(deps, actor, held.refundRequestId);
      options.onRowSent?.(performance.now() - started);
      // Sent now, or by a runner that died before it could say so: either way, sent once.
      await setStage(deps, batchId, held.row, 'SENT');
    };
    // A pause or cancel is seen within half a second (a send already started finishes).
    let checkedAt = Date.now();
    let seen = 'RUNNING' as Leased['status'] | undefined;
    const stillRunning = async () => {
      if (Date.now() - checkedAt < 500) return true;
      checkedAt = Date.now();
      seen = (await lease(deps, batchId, owner, leaseMs))?.status;
      return seen === 'RUNNING';
    };
    let stopped = false;
    while (Date.now() < until && !failure && !stopped) {
      const chunk = await heldRows(deps, batchId, Math.max(20, Math.ceil(rate * 2)));
      if (chunk.length === 0) break;
      // Each chunk is awaited whole before the next is read, so no row is read while in flight.
      for (const held of chunk) {
        const wait = nextStart - Date.now();
        if (wait > 0) await sleep(wait);
        if (!(await stillRunning())) {
          stopped = true;
          break;
        }
        // After a stall (a slow answer), catch up by at most one interval: no burst past the rate.
        nextStart = Math.max(nextStart + interval, Date.now() - interval);
        while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
        const p: Promise<void> = sendOne(held)
          .catch((error: unknown) => {
            failure ??= error;
          })
          .finally(() => inFlight.delete(p));
        inFlight.add(p);
      }
      await Promise.all(inFlight);
    }
    if (stopped) return seen === 'CANCELLED' ? 'MORE' : 'IDLE';
    if (failure) throw failure;
    // Done when nothing is left to reserve or send (rows waiting for approval are the approvers' now).
    const [left] = await queryRows<{ left: number }>(
      deps.db,
      Prisma.sql`
      SELECT count(*)::int AS left FROM refund_batch_rows b LEFT JOIN refunds r ON r.refund_request_id = b.refund_request_id
       WHERE b.batch_id = ${batchId}::uuid AND b.verdict <> 'REFUSED'
         AND (b.stage = 'WAITING' OR (b.stage = 'HELD' AND r.status = 'CREATED'))`,
    );
    if (left!.left > 0) return 'MORE';
    await deps.db.refundBatch.updateMany({
      where: { id: batchId, status: 'RUNNING' },
      data: { status: 'DONE', finishedAt: new Date() },
    });
    return 'DONE';
  } finally {
    await release(deps, batchId, owner);
  }
}
