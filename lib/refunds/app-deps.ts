// The refund engine as the Next.js app uses it: on the app's one Prisma client, made on first use
// (`next build` imports the actions without a database). Server actions and route handlers pass it
// to the front door (lib/refunds/index.ts).
import 'server-only';
import { prisma } from '../db';
import { createEngineDeps, type RefundEngineDeps } from './engine-deps';

let deps: RefundEngineDeps | undefined;

export function appEngineDeps(): RefundEngineDeps {
  deps ??= createEngineDeps(prisma);
  return deps;
}
