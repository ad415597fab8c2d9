// The fault campaign's checks (tests/campaign/checks.ts) can fail: each one, fed books that break
// exactly its rule, names the payment or refund, and books that agree give nothing. The broken rows
// are written with the database's own guards switched off (session_replication_role = replica skips
// triggers), as only a bug below them could write them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type Db } from '../../lib/db/client';
import type { LedgerView, SandboxRefund } from '../../sandbox';
import { applyMigrations } from '../../tools/db/migrations';
import { findDifferences, type Difference } from '../campaign/checks';
import { createScratchDatabase } from '../setup/database';

let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let db: Db;

beforeAll(async () => {
  scratch = await createScratchDatabase('campaign_checks');
  await applyMigrations(scratch.url);
  db = createPrismaClient(scratch.url, { max: 1 });
});
afterAll(async () => {
  await db?.$disconnect();
  await scratch?.drop();
});

type State = 'SUCCESS' | 'FAILED' | 'UNKNOWN';

async function ours(
  paymentId: string,
  amount: number,
  held: number,
  refunded: number,
  refunds: [id: string, value: number, status: State][],
) {
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`SET LOCAL session_replication_role = replica`;
    await tx.$executeRaw`
      INSERT INTO payments (payment_id, payment_request_id, channel, amount_value, currency, method, status,
                            refund_held_value, refunded_value, updated_at)
      VALUES (${paymentId}, ${`REQ_${paymentId}`}, 'ONLINE', ${amount}, 'USD', 'ALIPAY_CN', 'SUCCESS',
              ${held}, ${refunded}, now())`;
    for (const [id, value, status] of refunds) {
      await tx.$executeRaw`
        INSERT INTO refunds (refund_request_id, refund_id, payment_id, amount_value, currency, status, idempotency_key, updated_at)
        VALUES (${id}, ${status === 'UNKNOWN' ? null : `A_${id}`}, ${paymentId}, ${value}, 'USD',
                ${status}::"RefundStatus", ${`key_${id}`}, now())`;
    }
  });
}

function theirs(id: string, paymentId: string, value: number, status: SandboxRefund['status'], applied = 1) {
  return {
    refundRequestId: id,
    refundId: `A_${id}`,
    paymentId,
    channel: 'ONLINE',
    amountValue: value,
    currency: 'USD',
    requestedValue: value,
    status,
    resultCode: status,
    accepted: true,
    applied,
    received: applied,
    notifyUrl: null,
    createdAt: new Date().toISOString(),
    finishedAt: null,
  } satisfies SandboxRefund;
}

function antomPayment(paymentId: string, amount: number, held: number, refunded: number) {
  return {
    paymentId,
    paymentRequestId: `REQ_${paymentId}`,
    channel: 'ONLINE' as const,
    amountValue: amount,
    currency: 'USD',
    method: 'ALIPAY_CN',
    status: 'SUCCESS' as const,
    createdAt: new Date().toISOString(),
    paidAt: null,
    heldValue: held,
    refundedValue: refunded,
  };
}

describe('the campaign checks', () => {
  let found: Difference[];
  const about = (check: Difference['check']) =>
    found.filter((d) => d.check === check).map((d) => d.detail.split(/[ :]/, 1)[0]);

  beforeAll(async () => {
    // Books that agree: nothing to report about P_OK or its refunds.
    await ours('P_OK', 1000, 300, 300, [
      ['R_OK_1', 300, 'SUCCESS'],
      ['R_OK_2', 500, 'FAILED'],
    ]);
    // Ours over-refunded (held kept at the payment, so only the sum of refunds tells).
    await ours('P_OVER', 1000, 1000, 1000, [
      ['R_OVER_1', 600, 'SUCCESS'],
      ['R_OVER_2', 600, 'SUCCESS'],
    ]);
    await ours('P_ANTOM_OVER', 1000, 0, 0, []);
    await ours('P_TWICE', 1000, 100, 100, [['R_TWICE', 100, 'SUCCESS']]);
    await ours('P_OPEN', 1000, 100, 0, [['R_OPEN', 100, 'UNKNOWN']]);
    await ours('P_AMOUNT', 1000, 300, 300, [['R_AMOUNT', 300, 'SUCCESS']]);
    await ours('P_LOST', 1000, 0, 0, [['R_LOST', 400, 'FAILED']]);
    await ours('P_HELD', 1000, 250, 0, [['R_HELD', 200, 'FAILED']]);
    const ledger: LedgerView = {
      seededWith: null,
      payments: [
        antomPayment('P_OK', 1000, 300, 300),
        antomPayment('P_OVER', 1000, 1000, 1000),
        antomPayment('P_ANTOM_OVER', 1000, 1200, 1200),
        antomPayment('P_TWICE', 1000, 100, 100),
        antomPayment('P_OPEN', 1000, 100, 100),
        antomPayment('P_AMOUNT', 1000, 200, 200),
        antomPayment('P_LOST', 1000, 400, 400),
        antomPayment('P_HELD', 1000, 0, 0),
      ],
      refunds: [
        theirs('R_OK_1', 'P_OK', 300, 'SUCCESS'),
        { ...theirs('R_OK_2', 'P_OK', 500, 'FAILED'), accepted: false, refundId: null },
        theirs('R_OVER_1', 'P_OVER', 600, 'SUCCESS'),
        theirs('R_OVER_2', 'P_OVER', 400, 'SUCCESS'),
        theirs('R_ANTOM_1', 'P_ANTOM_OVER', 1200, 'SUCCESS'),
        theirs('R_TWICE', 'P_TWICE', 100, 'SUCCESS', 2),
        theirs('R_OPEN', 'P_OPEN', 100, 'SUCCESS'),
        theirs('R_AMOUNT', 'P_AMOUNT', 200, 'SUCCESS'),
        theirs('R_LOST', 'P_LOST', 400, 'SUCCESS'),
      ],
      notifications: [],
    };
    found = await findDifferences(db, ledger);
  });

  it('finds payments over-refunded here and at Antom', () => {
    expect(about('overRefundedOurs')).toEqual(['P_OVER']);
    expect(about('overRefundedAntom')).toEqual(['P_ANTOM_OVER']);
  });

  it('finds refunds Antom applied twice, and refunds Antom holds that we do not', () => {
    expect(about('appliedTwice')).toEqual(['R_TWICE']);
    expect(about('onlyAtAntom')).toEqual(['R_ANTOM_1']);
  });

  it("finds refunds not final, and final ones not in Antom's state and amount", () => {
    expect(about('notFinal')).toEqual(['R_OPEN']);
    expect(about('disagree').sort()).toEqual(['R_AMOUNT', 'R_LOST', 'R_OVER_2']);
  });

  it('finds held amounts that are not the sum of live refunds, here or against Antom', () => {
    expect(about('held').sort()).toEqual(['P_AMOUNT', 'P_ANTOM_OVER', 'P_HELD', 'P_LOST', 'P_OPEN', 'P_OVER']);
  });

  it('says nothing about books that agree', () => {
    expect(found.filter((d) => d.detail.includes('_OK'))).toEqual([]);
  });
});
