// Changing your own password ends every other session and keeps this one (issue 14, gap 2). The
// change bumps session_version (every token issued so far stops working) and names the one session
// to keep; that session then takes the new version through takeKeptSession, once. A copy of the
// same cookie used later finds nothing to take.
import { prisma } from '../db';
import { Prisma } from '../db/client';
import { queryRows } from '../db/sql';

/** The new session version for this session, if it is the one a password change kept; else null. */
export async function takeKeptSession(userId: string, sessionId: string): Promise<number | null> {
  const [row] = await queryRows<{ session_version: number }>(
    prisma,
    Prisma.sql`UPDATE users SET kept_session_id = NULL
      WHERE id = ${userId}::uuid AND kept_session_id = ${sessionId} AND active
      RETURNING session_version`,
  );
  return row?.session_version ?? null;
}
