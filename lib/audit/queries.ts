// Reads for the audit log page (ADMIN): what people and the system did, newest first, keyset
// paginated in (at DESC, id DESC) order on the audit_logs_at_id_idx / audit_logs_action_at_id_idx
// indexes. Every function checks the viewAudit permission itself.
import 'server-only';
import { z } from 'zod';
import { authorize, type Actor } from '../auth/roles';
import { prisma } from '../db';
import { queryRows } from '../db/sql';
import { isUuid } from '../ids';
import { Prisma } from '../generated/prisma/client';
import { encodeCursor, epochMs, keysetSeek, pageSize, readKeysetPage } from '../pagination/keyset';
import type { Page, PageRequest } from '../pagination/keyset';

export const ACTOR_TYPES = ['USER', 'SYSTEM', 'ANTOM'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

export interface AuditFilters {
  action?: string;
  /** A users.id, or SYSTEM / ANTOM for entries no person made. */
  actor?: string;
  from?: Date;
  to?: Date;
}

export interface AuditListRow {
  id: string;
  at: Date;
  actorType: ActorType;
  actor: { id: string; name: string; email: string } | null;
  action: string;
  refundRequestId: string | null;
  paymentId: string | null;
  details: Record<string, unknown>;
  ip: string | null;
}

interface RawAudit {
  id: string;
  at: Date;
  actor_type: ActorType;
  actor_id: string | null;
  actor_name: string | null;
  actor_email: string | null;
  action: string;
  refund_request_id: string | null;
  payment_id: string | null;
  details: unknown;
  ip: string | null;
}

const cursorSchema = z.tuple([epochMs, z.uuid()]);

function cursorOf(row: AuditListRow): string {
  return encodeCursor([row.at.getTime(), row.id]);
}

function toRow(r: RawAudit): AuditListRow {
  return {
    id: r.id,
    at: r.at,
    actorType: r.actor_type,
    actor: r.actor_id ? { id: r.actor_id, name: r.actor_name ?? '', email: r.actor_email ?? '' } : null,
    action: r.action,
    refundRequestId: r.refund_request_id,
    paymentId: r.payment_id,
    details:
      r.details && typeof r.details === 'object' && !Array.isArray(r.details)
        ? (r.details as Record<string, unknown>)
        : {},
    ip: r.ip,
  };
}

/** The SQL of one page (exported for the EXPLAIN tests). */
export function auditListSql(filters: AuditFilters, page: PageRequest): Prisma.Sql {
  const limit = pageSize(page.limit);
  const where: Prisma.Sql[] = [];
  if (filters.action) where.push(Prisma.sql`a.action = ${filters.action}`);
  if (filters.actor === 'SYSTEM' || filters.actor === 'ANTOM')
    where.push(Prisma.sql`a.actor_type = ${filters.actor}::"ActorType"`);
  else if (filters.actor && isUuid(filters.actor)) where.push(Prisma.sql`a.actor_id = ${filters.actor}::uuid`);
  if (filters.from) where.push(Prisma.sql`a.at >= ${filters.from}`);
  if (filters.to) where.push(Prisma.sql`a.at < ${filters.to}`);
  const seek = keysetSeek(page, cursorSchema, { time: Prisma.sql`a.at`, id: Prisma.sql`a.id`, idType: 'uuid' });
  if (seek.condition) where.push(seek.condition);
  const dir = seek.order;
  // The page's keys first, from an index alone, then its rows by primary key. Asked for whole rows at
  // once, the planner read the (at, id) index and skipped rows of other actions rather than read the
  // (action, at, id) index: at 1M payments 1,642 skipped for a page of 51, and more as the log grows.
  // Asked for the keys only, the (action, at, id) index holds all it needs (an index-only scan).
  return Prisma.sql`SELECT a.id::text AS id, a.at, a.actor_type::text AS actor_type, a.actor_id::text AS actor_id, u.name AS actor_name,
      u.email AS actor_email, a.action, a.refund_request_id, a.payment_id, a.details, a.ip
    FROM (SELECT a.id, a.at FROM audit_logs a
           ${where.length ? Prisma.sql`WHERE ${Prisma.join(where, ' AND ')}` : Prisma.empty}
           ORDER BY a.at ${dir}, a.id ${dir} LIMIT ${limit + 1}) k
    JOIN audit_logs a ON a.id = k.id LEFT JOIN users u ON u.id = a.actor_id
    ORDER BY k.at ${dir}, k.id ${dir}`;
}

/** One page of the audit log, newest first. */
export async function listAuditLogs(viewer: Actor, filters: AuditFilters, page: PageRequest): Promise<AuditPage> {
  authorize(viewer, 'viewAudit');
  const read = async (at: PageRequest) => (await queryRows<RawAudit>(prisma, auditListSql(filters, at))).map(toRow);
  return readKeysetPage(page, { cursorSchema, read, cursorOf });
}

type AuditPage = Page<AuditListRow>;

/** Distinct actions through the (action, at, id) index: a recursive skip scan, a few probes per action. */
export async function listAuditActions(viewer: Actor): Promise<string[]> {
  authorize(viewer, 'viewAudit');
  const rows = await queryRows<{ action: string }>(
    prisma,
    Prisma.sql`WITH RECURSIVE a AS (
      (SELECT action FROM audit_logs ORDER BY action LIMIT 1)
      UNION ALL
      SELECT (SELECT action FROM audit_logs WHERE action > a.action ORDER BY action LIMIT 1) FROM a WHERE a.action IS NOT NULL
    ) SELECT action FROM a WHERE action IS NOT NULL`,
  );
  return rows.map((r) => r.action);
}
