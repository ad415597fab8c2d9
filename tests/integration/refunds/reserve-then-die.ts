// Run by reconcile.test.ts as a separate process: reserve a refund, then die by SIGKILL before any
// call to Antom, as a crashed server would.
import { createPrismaClient } from '../../../lib/db/client';
import { reserveRefund } from '../../../lib/refunds/initiate';
import type { AntomClient } from '../../../lib/antom';

const [paymentId, amount, idempotencyKey, actorId] = process.argv.slice(2);
const db = createPrismaClient(process.env.DATABASE_URL);
// This process never reaches Antom: it has no client at all.
const antom = new Proxy(
  {},
  {
    get: () => {
      throw new Error('no Antom in this process');
    },
  },
) as AntomClient;
await reserveRefund(
  { db, antom },
  { paymentId: paymentId!, amountValue: Number(amount), idempotencyKey: idempotencyKey! },
  { id: actorId!, role: 'REFUNDER' },
);
process.kill(process.pid, 'SIGKILL');
