// A refund's detail: its transitions, Antom calls and notifications merged into one timeline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../lib/db/client';
import { getRefundTimeline } from '../../../lib/refunds/read/timeline';
import { testPrisma } from '../../setup/database';
import { insertPayments, insertRefunds, tag } from './data';
import { current } from './actors';

describe('refund timeline', () => {
  let db: Db;
  const p = tag('TT');
  const t = (ms: number) => new Date(Date.UTC(2005, 0, 10, 8, 0, 0) + ms);

  beforeAll(async () => {
    db = testPrisma();
    await insertPayments(db, [
      {
        paymentId: `${p}_PAY`,
        paymentRequestId: `${p}_ORD`,
        currency: 'USD',
        amountValue: 5000,
        createdAt: t(-60_000),
      },
    ]);
    await insertRefunds(db, [
      {
        refundRequestId: `${p}_R`,
        refundId: `${p}_ANTOM`,
        paymentId: `${p}_PAY`,
        currency: 'USD',
        amountValue: 1200,
        status: 'SUCCESS',
        createdAt: t(0),
        resultCode: 'SUCCESS',
        resultStatus: 'S',
      },
    ]);
    await db.auditLog.createMany({
      data: [
        {
          at: t(0),
          actorType: 'USER',
          action: 'refund.requested',
          refundRequestId: `${p}_R`,
          details: { amountValue: 1200, currency: 'USD', reason: 'Returned' },
        },
        {
          at: t(450),
          actorType: 'ANTOM',
          action: 'refund.status_changed',
          refundRequestId: `${p}_R`,
          details: { from: 'CREATED', to: 'PROCESSING', cause: 'ANTOM_RESPONSE', resultCode: 'REFUND_IN_PROCESS' },
        },
        {
          at: t(9_000),
          actorType: 'ANTOM',
          action: 'refund.status_changed',
          refundRequestId: `${p}_R`,
          details: { from: 'PROCESSING', to: 'SUCCESS', cause: 'NOTIFICATION', resultCode: 'SUCCESS' },
        },
      ],
    });
    const call = {
      path: '/v1/payments/refund',
      requestHeaders: {},
      signatureVerdict: 'VALID' as const,
      latencyMs: 420,
    };
    await db.antomCall.createMany({
      data: [
        {
          ...call,
          operation: 'REFUND',
          refundRequestId: `${p}_R`,
          requestBody: '{"refundRequestId":"x"}',
          responseBody: '{"result":{}}',
          httpStatus: 200,
          outcome: 'UNKNOWN',
          resultCode: 'REFUND_IN_PROCESS',
          resultStatus: 'U',
          startedAt: t(30),
        },
        // Started at the same millisecond as the transition it caused is written: the call comes first.
        {
          ...call,
          operation: 'INQUIRY_REFUND',
          path: '/v1/payments/inquiryRefund',
          refundRequestId: `${p}_R`,
          requestBody: '{}',
          outcome: 'SUCCESS',
          startedAt: t(9_000),
        },
        {
          ...call,
          operation: 'INQUIRY_PAYMENT',
          path: '/v2/payments/inquiryPayment',
          paymentId: `${p}_PAY`,
          requestBody: '{}',
          outcome: 'SUCCESS',
          startedAt: t(100),
        },
      ],
    });
    await db.notification.createMany({
      data: [
        // Names the refund by both ids, and one that names it only by Antom's refundId.
        {
          receivedAt: t(8_000),
          path: '/api/antom/notify',
          headers: {},
          rawBody: '{"a":1}',
          signatureVerdict: 'VALID',
          refundRequestId: `${p}_R`,
          refundId: `${p}_ANTOM`,
          refundStatus: 'SUCCESS',
          outcome: 'APPLIED',
        },
        {
          receivedAt: t(20_000),
          path: '/api/antom/notify',
          headers: {},
          rawBody: '{"a":2}',
          signatureVerdict: 'INVALID',
          refundId: `${p}_ANTOM`,
          refundStatus: 'SUCCESS',
          outcome: 'REJECTED',
        },
      ],
    });
  });
  afterAll(() => db.$disconnect());

  it('merges transitions, every Antom call and every notification in time order', async () => {
    const timeline = (await getRefundTimeline(current(), `${p}_R`))!;
    expect(timeline.refund).toMatchObject({
      refundRequestId: `${p}_R`,
      amountValue: 1200,
      currency: 'USD',
      payment: { paymentRequestId: `${p}_ORD`, channel: 'ONLINE' },
    });
    expect(
      timeline.events.map((e) => [
        e.kind,
        e.at.getTime() - t(0).getTime(),
        e.kind === 'audit' ? e.action : e.kind === 'call' ? e.operation : e.outcome,
      ]),
    ).toEqual([
      ['audit', 0, 'refund.requested'],
      ['call', 30, 'REFUND'],
      ['audit', 450, 'refund.status_changed'],
      ['notification', 8_000, 'APPLIED'],
      ['call', 9_000, 'INQUIRY_REFUND'],
      ['audit', 9_000, 'refund.status_changed'],
      ['notification', 20_000, 'REJECTED'],
    ]);
    const call = timeline.events[1]!;
    expect(
      call.kind === 'call' && [call.requestBody, call.responseBody, call.latencyMs, call.signatureVerdict],
    ).toEqual(['{"refundRequestId":"x"}', '{"result":{}}', 420, 'VALID']);
    expect(timeline.truncated).toBe(false);
  });

  it('is null for an unknown refund', async () => {
    expect(await getRefundTimeline(current(), `${p}_NOPE`)).toBeNull();
  });
});
