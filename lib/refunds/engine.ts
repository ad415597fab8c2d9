// The refund engine as the app uses it: one Antom client (configured from the environment, calls
// recorded in antom_calls) and the app's Prisma client. Everything that changes refund state goes
// through the functions re-exported here.
import 'server-only';
import { createAntomClient, loadAntomConfig, prismaRecorder } from '../antom';
import { prisma } from '../db';
import { env } from '../env';
import type { RefundEngineDeps } from './engine-deps';

let deps: RefundEngineDeps | undefined;

export function refundEngineDeps(): RefundEngineDeps {
  deps ??= {
    db: prisma,
    antom: createAntomClient({ config: loadAntomConfig(), recorder: prismaRecorder(prisma) }),
    notifyUrl: env().ANTOM_NOTIFY_URL,
  };
  return deps;
}
