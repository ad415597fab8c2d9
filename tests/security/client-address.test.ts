// Issue 14, gap 1: the client's address (sign-in throttle, audit log) is not whatever X-Forwarded-For
// says. The app's server decides it from the socket, believing the header only from the trusted
// proxies of TRUSTED_PROXIES (lib/http/client-address.ts), and the app reads only that decision
// (lib/auth/client-ip.ts). Over real HTTP, through the same function scripts/serve.ts calls.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientIp } from '../../lib/auth/client-ip';
import { parseEnv, type TrustedProxies } from '../../lib/env';
import { clientAddress, stampClientAddress } from '../../lib/http/client-address';

/** A server that stamps each request as the app's does, and answers what the app would read. */
let trust: TrustedProxies | undefined;
let server: http.Server;
let url: string;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    stampClientAddress(req, trust);
    const headers = new Headers(req.headers as Record<string, string>);
    res.end(JSON.stringify({ ip: clientIp(headers), forwarded: headers.get('x-forwarded-for') }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const seen = async (headers: Record<string, string>) => (await fetch(url, { headers })).json();

describe('the client address', () => {
  it('is never what X-Forwarded-For or X-Real-IP say on their own', () => {
    expect(clientIp(new Headers({ 'x-forwarded-for': '203.0.113.66', 'x-real-ip': '203.0.113.67' }))).toBeNull();
  });

  it('is the socket, however the header rotates, without trusted proxies', async () => {
    trust = undefined;
    const answers = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const answer = await seen({ 'x-forwarded-for': `203.0.113.${i}`, 'x-client-address': `198.51.100.${i}` });
      answers.add(JSON.stringify(answer));
    }
    // One address for the throttle and the audit log, whatever was sent; the header says it too.
    expect([...answers]).toEqual([JSON.stringify({ ip: '127.0.0.1', forwarded: '127.0.0.1' })]);
  });

  it('comes from X-Forwarded-For only through trusted proxies, read from the right', async () => {
    trust = { hops: 1 };
    expect(await seen({ 'x-forwarded-for': '6.6.6.6, 203.0.113.7' })).toEqual({
      ip: '203.0.113.7',
      forwarded: '203.0.113.7',
    });
    trust = { addresses: ['127.0.0.1', '10.0.0.0/8'] };
    expect((await seen({ 'x-forwarded-for': '6.6.6.6, 203.0.113.7, 10.1.2.3' })).ip).toBe('203.0.113.7');
    trust = { addresses: ['10.0.0.5'] }; // the socket (127.0.0.1) is not a trusted proxy: the header is ignored
    expect((await seen({ 'x-forwarded-for': '203.0.113.7' })).ip).toBe('127.0.0.1');
  });

  it('reads the proxies from TRUSTED_PROXIES, and refuses a setting that means nothing', () => {
    expect(parseEnv({ TRUSTED_PROXIES: '2' }).TRUSTED_PROXIES).toEqual({ hops: 2 });
    expect(parseEnv({ TRUSTED_PROXIES: '10.0.0.5, fd00::/8' }).TRUSTED_PROXIES).toEqual({
      addresses: ['10.0.0.5', 'fd00::/8'],
    });
    expect(parseEnv({}).TRUSTED_PROXIES).toBeUndefined();
    for (const bad of ['0', '11', 'proxy.internal', '10.0.0.0/33'])
      expect(() => parseEnv({ TRUSTED_PROXIES: bad })).toThrow(/TRUSTED_PROXIES: expected a number of proxies/);
  });

  it('normalises IPv4 on a dual-stack socket, and takes the farthest proxy when the chain is short', () => {
    expect(clientAddress('::ffff:192.0.2.1', undefined, undefined)).toBe('192.0.2.1');
    expect(clientAddress('10.0.0.5', '192.0.2.9', { hops: 3 })).toBe('192.0.2.9');
    expect(clientAddress('10.0.0.5', 'not-an-address', { addresses: ['10.0.0.5'] })).toBe('10.0.0.5');
  });
});
