// The node-postgres pools of this process, by name, for the metrics (their size, idle and waiting
// clients). A pool made by createPrismaClient enrols itself; a pool that ends leaves.
import type pg from 'pg';

const POOLS = Symbol.for('antom.pgPools');
const holder = globalThis as unknown as Record<symbol, Map<pg.Pool, string> | undefined>;

export function processPools(): Map<pg.Pool, string> {
  return (holder[POOLS] ??= new Map());
}

export function watchPool(pool: pg.Pool, name: string): void {
  processPools().set(pool, name);
  const end = pool.end.bind(pool);
  pool.end = ((...args: Parameters<pg.Pool['end']>) => {
    processPools().delete(pool);
    return end(...args);
  }) as pg.Pool['end'];
}
