// Whether this process is shutting down (SIGTERM received): readiness then answers 503 so a load
// balancer stops sending new requests while the ones in flight finish (scripts/serve.ts).
const DRAINING = Symbol.for('antom.draining');
const holder = globalThis as unknown as Record<symbol, boolean | undefined>;

export function startDraining(): void {
  holder[DRAINING] = true;
}

export function isDraining(): boolean {
  return holder[DRAINING] === true;
}
