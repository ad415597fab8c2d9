// pg-boss queues on the app's PostgreSQL: created once, whichever worker gets there first.
import type PgBoss from 'pg-boss';

/**
 * Creates the queue unless it exists. Workers starting together may race to create it (a duplicate,
 * or a deadlock between their statements): the one that lost finds it made on its next look.
 */
export async function createQueueOnce(boss: PgBoss, name: string, options: Omit<PgBoss.Queue, 'name'>): Promise<void> {
  for (let attempt = 1; !(await boss.getQueue(name)); attempt++) {
    try {
      await boss.createQueue(name, { name, ...options });
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}
