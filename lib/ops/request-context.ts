// The request id: one per HTTP request (scripts/serve.ts, or proxy.ts under `next dev`) and one per worker
// job, carried through everything the request does (logs, Antom call records) by AsyncLocalStorage, so no
// function has to pass it along. Kept on globalThis because Next.js loads this module once per server
// layer, and the custom server (scripts/serve.ts) once more: all of them must see the same store.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export interface RequestContext {
  requestId: string;
}

const STORE = Symbol.for('antom.requestContext');
const holder = globalThis as unknown as Record<symbol, AsyncLocalStorage<RequestContext> | undefined>;
const storage: AsyncLocalStorage<RequestContext> = (holder[STORE] ??= new AsyncLocalStorage<RequestContext>());

/** The header the id travels in (from a load balancer that set one, to Next.js, and back to the client). */
export const REQUEST_ID_HEADER = 'x-request-id';

/** An id a client or proxy sent is kept only when it is short and plain (it goes into logs and the database). */
const ACCEPTED_ID = /^[A-Za-z0-9._:-]{8,64}$/;

export function newRequestId(): string {
  return randomUUID();
}

/** A proxy's id when it is one we can keep, else a fresh one. */
export function requestIdFrom(header: string | string[] | undefined | null): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && ACCEPTED_ID.test(value) ? value : newRequestId();
}

export function withRequestContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

/** The id of the request or job this code runs for; undefined outside one (start-up, a sweep). */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}
