// The audit log: what people and the system did. Written next to the change it records.
import type { Db } from '../db/client';
import type { Prisma } from '../generated/prisma/client';

export interface AuditEntry {
  actorType: 'USER' | 'SYSTEM' | 'ANTOM';
  actorId?: string | null;
  action: string;
  refundRequestId?: string | null;
  paymentId?: string | null;
  details?: Prisma.InputJsonObject;
  ip?: string | null;
}

type Writer = Pick<Db, 'auditLog'> | Prisma.TransactionClient;

export async function writeAudit(db: Writer, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({ data: { ...entry, details: entry.details ?? {} } });
}
