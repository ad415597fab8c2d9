// Who the client is, for the sign-in throttle and the audit log (issue 14, gap 1).
//
// X-Forwarded-For is whatever the sender wrote, unless a proxy of ours wrote it. So the client is the
// address the connection came from, and only when that is a trusted proxy (TRUSTED_PROXIES) does the
// header count, read from the right (each proxy appends the address it saw):
//   - a number N: N proxies stand in front; the client is the address the outermost one saw,
//     the Nth entry from the right (the socket counting as the first);
//   - addresses (or CIDR ranges): entries are skipped from the right while they are ours; the
//     first that is not is the client.
//
// Next.js sets X-Forwarded-For from the socket only when the request has none (base-server.ts:
// `??=`), and App Router code (server actions, route handlers) sees neither the socket nor a
// request.ip (removed in Next.js 15). So the app's own server (scripts/serve.ts) decides here, on
// the socket, and stamps the answer into a header of its own, overwriting whatever a client sent
// under that name; lib/auth/client-ip.ts reads only that. Without scripts/serve.ts (`next dev`), no
// address is known: the per-address throttle does not apply and the audit log has no address.
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';
import type { TrustedProxies } from '../env';

/** The header scripts/serve.ts stamps on every request: the client's address as decided here. */
export const CLIENT_ADDRESS_HEADER = 'x-client-address';

/** `::ffff:203.0.113.7` (IPv4 on a dual-stack socket) as `203.0.113.7`. */
export function normalizeAddress(address: string | undefined | null): string | null {
  const text = address?.trim().replace(/^\[(.*)\]$/, '$1');
  if (!text) return null;
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(text)?.[1];
  const plain = v4 ?? text;
  return isIP(plain) ? plain : null;
}

function blockListOf(addresses: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of addresses) {
    const [address = '', bits] = entry.split('/');
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return list;
}

const lists = new WeakMap<TrustedProxies, BlockList>();

function isTrusted(address: string, trust: { addresses: string[] }): boolean {
  let list = lists.get(trust);
  if (!list) lists.set(trust, (list = blockListOf(trust.addresses)));
  return list.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The client's address: the socket's, or, through trusted proxies only, the one the outermost of
 * them saw. Null when nothing usable is known.
 */
export function clientAddress(
  socketAddress: string | undefined | null,
  forwardedFor: string | string[] | undefined | null,
  trust: TrustedProxies | undefined,
): string | null {
  const socket = normalizeAddress(socketAddress);
  if (!trust || !socket) return socket;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '');
  // Nearest first: the socket, then the header from its right end.
  const hops = [
    socket,
    ...header
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean)
      .reverse(),
  ];
  if ('hops' in trust) {
    // Fewer entries than proxies: the request did not come through all of them; take the farthest.
    const seen = hops[Math.min(trust.hops, hops.length - 1)];
    return normalizeAddress(seen) ?? socket;
  }
  let client = socket;
  for (const next of hops.slice(1)) {
    if (!isTrusted(client, trust)) break;
    const address = normalizeAddress(next);
    if (!address) break; // garbage from beyond our proxies: the last address we trust saw is the answer
    client = address;
  }
  return client;
}

/**
 * For the app's HTTP server, on every request before Next.js sees it: the decided address in
 * CLIENT_ADDRESS_HEADER (a client's own header of that name is replaced), and X-Forwarded-For
 * reduced to it, so nothing downstream reads an address the client made up.
 */
export function stampClientAddress(req: IncomingMessage, trust: TrustedProxies | undefined): string | null {
  const address = clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], trust);
  if (address) {
    req.headers[CLIENT_ADDRESS_HEADER] = address;
    req.headers['x-forwarded-for'] = address;
  } else {
    delete req.headers[CLIENT_ADDRESS_HEADER];
    delete req.headers['x-forwarded-for'];
  }
  delete req.headers['x-real-ip'];
  return address;
}
