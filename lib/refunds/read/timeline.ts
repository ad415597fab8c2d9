// One refund and everything that happened to it, merged into one time-ordered timeline: its state
// transitions and other audit entries, every call we made to Antom about it (bodies, latency,
// signature verdict, outcome) and every notification Antom sent about it.
import 'server-only';
import { cache } from 'react';
import { authorize, type Actor } from '../../auth/roles';
import { prisma } from '../../db';
import { REFUND_COLUMNS } from '../engine-deps';
import type { Channel } from '../../payments/states';
import type { RefundFacts } from './refund-facts';

/** A timeline long enough to need more than this is a refund polled for days: say it was cut. */
export const TIMELINE_LIMIT_PER_SOURCE = 300;

export interface RefundDetail extends RefundFacts {
  paymentId: string;
  antomStatus: string | null;
  attentionReason: string | null;
  /** EXTERNAL: made outside this dashboard, learnt from an Antom report (sourceNote says which). */
  source: 'DASHBOARD' | 'EXTERNAL';
  sourceNote: string | null;
  submitAttempts: number;
  checkAttempts: number;
  nextCheckAt: Date | null;
  lastCheckedAt: Date | null;
  submittedAt: Date | null;
  refundedAt: Date | null;
  updatedAt: Date;
  payment: {
    paymentRequestId: string;
    channel: Channel;
    method: string;
    amountValue: number;
    currency: string;
    status: string;
  };
}

interface EventActor {
  type: 'USER' | 'SYSTEM' | 'ANTOM';
  name: string | null;
}

export type TimelineEvent =
  | { kind: 'audit'; id: string; at: Date; action: string; actor: EventActor; details: Record<string, unknown> }
  | {
      kind: 'call';
      id: string;
      at: Date;
      operation: 'REFUND' | 'INQUIRY_REFUND' | 'INQUIRY_PAYMENT';
      path: string;
      attempt: number;
      httpStatus: number | null;
      latencyMs: number;
      signatureVerdict: 'VALID' | 'INVALID' | 'MISSING' | 'NOT_CHECKED';
      outcome: 'SUCCESS' | 'FAILURE' | 'UNKNOWN';
      resultCode: string | null;
      resultStatus: string | null;
      error: string | null;
      requestBody: string;
      responseBody: string | null;
    }
  | {
      kind: 'notification';
      id: string;
      at: Date;
      path: string;
      signatureVerdict: 'VALID' | 'INVALID' | 'MISSING' | 'NOT_CHECKED';
      notifyType: string | null;
      refundStatus: string | null;
      outcome: 'PENDING' | 'APPLIED' | 'DUPLICATE' | 'UNKNOWN_REFUND' | 'CONFLICT' | 'REJECTED' | 'IGNORED';
      processedAt: Date | null;
      note: string | null;
      rawBody: string;
    };

export interface RefundTimeline {
  refund: RefundDetail;
  /** Oldest first. */
  events: TimelineEvent[];
  /** True when a source had more rows than TIMELINE_LIMIT_PER_SOURCE (the oldest are shown). */
  truncated: boolean;
}

const ORDER: Record<TimelineEvent['kind'], number> = { call: 0, notification: 1, audit: 2 };

/** The refund (one query), then its audit entries, calls and notifications (three, in parallel). */
export const getRefundTimeline = cache(
  async (viewer: Actor, refundRequestId: string): Promise<RefundTimeline | null> => {
    authorize(viewer, 'read');
    if (!refundRequestId || refundRequestId.length > 64) return null;
    const refund = await prisma.refund.findUnique({
      where: { refundRequestId },
      // What the engine reads of a refund, and what its page adds: when it was sent and last checked.
      select: {
        ...REFUND_COLUMNS,
        lastCheckedAt: true,
        submittedAt: true,
        source: true,
        sourceNote: true,
        requestedBy: { select: { id: true, name: true, email: true } },
        payment: {
          select: {
            paymentRequestId: true,
            channel: true,
            method: true,
            amountValue: true,
            currency: true,
            status: true,
          },
        },
      },
    });
    if (!refund) return null;

    const take = TIMELINE_LIMIT_PER_SOURCE + 1;
    const [audits, calls, notifications] = await Promise.all([
      prisma.auditLog.findMany({
        where: { refundRequestId },
        orderBy: [{ at: 'asc' }, { id: 'asc' }],
        take,
        select: { id: true, at: true, actorType: true, action: true, details: true, actor: { select: { name: true } } },
      }),
      prisma.antomCall.findMany({
        where: { refundRequestId },
        orderBy: [{ startedAt: 'asc' }, { id: 'asc' }],
        take,
        select: {
          id: true,
          startedAt: true,
          operation: true,
          path: true,
          attempt: true,
          httpStatus: true,
          latencyMs: true,
          signatureVerdict: true,
          outcome: true,
          resultCode: true,
          resultStatus: true,
          error: true,
          requestBody: true,
          responseBody: true,
        },
      }),
      prisma.notification.findMany({
        // Antom's notifications carry both ids; one that names only Antom's refundId still belongs here.
        where: { OR: [{ refundRequestId }, ...(refund.refundId ? [{ refundId: refund.refundId }] : [])] },
        orderBy: [{ receivedAt: 'asc' }, { id: 'asc' }],
        take,
        select: {
          id: true,
          receivedAt: true,
          path: true,
          signatureVerdict: true,
          notifyType: true,
          refundStatus: true,
          outcome: true,
          processedAt: true,
          note: true,
          rawBody: true,
        },
      }),
    ]);

    const events: TimelineEvent[] = [
      ...audits.slice(0, TIMELINE_LIMIT_PER_SOURCE).map((a): TimelineEvent => ({
        kind: 'audit',
        id: a.id,
        at: a.at,
        action: a.action,
        actor: { type: a.actorType, name: a.actor?.name ?? null },
        details:
          a.details && typeof a.details === 'object' && !Array.isArray(a.details)
            ? (a.details as Record<string, unknown>)
            : {},
      })),
      ...calls.slice(0, TIMELINE_LIMIT_PER_SOURCE).map((c): TimelineEvent => ({ kind: 'call', at: c.startedAt, ...c })),
      ...notifications
        .slice(0, TIMELINE_LIMIT_PER_SOURCE)
        .map((n): TimelineEvent => ({ kind: 'notification', at: n.receivedAt, ...n })),
    ];
    // A call is stamped when it started and the transition it caused is written after the answer, so
    // at equal milliseconds the call goes first.
    events.sort((a, b) => a.at.getTime() - b.at.getTime() || ORDER[a.kind] - ORDER[b.kind] || a.id.localeCompare(b.id));
    const truncated = [audits, calls, notifications].some((rows) => rows.length > TIMELINE_LIMIT_PER_SOURCE);
    return { refund, events, truncated };
  },
);
