// Antom connection settings from the environment, checked once with clear messages. Keys become
// KeyObjects here so that a bad key fails at start-up rather than at the first refund.
import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { antomSettings, env as appEnv } from '../env';
import { AntomKeyError, parsePrivateKey, parsePublicKey } from './keys';

export interface AntomConfig {
  /** Scheme, host and port, no trailing slash: https://open-sea-global.alipay.com, or the sandbox. */
  gatewayUrl: string;
  clientId: string;
  merchantPrivateKey: KeyObject;
  /** Antom's public key: verifies responses and notifications. */
  antomPublicKey: KeyObject;
  keyVersion: number;
  connectTimeoutMs: number;
  /** Per attempt, from sending the request to the last byte of the answer. */
  timeoutMs: number;
  /** Extra attempts after the first, only where retrying with the same id is safe. */
  maxRetries: number;
}

export class AntomConfigError extends Error {
  override name = 'AntomConfigError';
}

/**
 * A path that may end ANTOM_GATEWAY_URL to say "Antom's sandbox": Antom's production and sandbox share
 * their domains and differ only in the path (online APIs under /ams/sandbox/api for sandbox accounts,
 * whose client ids start with SANDBOX_; lib/antom/paths.ts picks those paths by the client id). The
 * marker states which of the two the operator means, so that lib/startup can refuse a sandbox client
 * id on a production gateway; requests go to the gateway without it.
 */
export const SANDBOX_GATEWAY_PATH = '/ams/sandbox';

function withoutTrailingSlashes(url: string): string {
  return url.replace(/\/+$/, '');
}

/** The address requests are sent to: the gateway URL without trailing slashes and the sandbox marker. */
function gatewayBase(url: string): string {
  const base = withoutTrailingSlashes(url);
  return base.endsWith(SANDBOX_GATEWAY_PATH) ? base.slice(0, -SANDBOX_GATEWAY_PATH.length) : base;
}

/**
 * What ANTOM_GATEWAY_URL points at: a server on this machine (localhost, 127.0.0.0/8, [::1]: a
 * sandbox such as sandbox/main.ts, never Antom), Antom's sandbox (a URL ending in /ams/sandbox), or
 * else Antom's production. Undefined for a URL that does not parse.
 */
export function gatewayKind(gatewayUrl: string): 'local' | 'antom-sandbox' | 'production' | undefined {
  let url: URL;
  try {
    url = new URL(gatewayUrl.trim());
  } catch {
    return undefined;
  }
  const host = url.hostname.toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host))
    return 'local';
  return withoutTrailingSlashes(url.pathname).endsWith(SANDBOX_GATEWAY_PATH) ? 'antom-sandbox' : 'production';
}

const envSchema = z.object({
  ANTOM_GATEWAY_URL: z
    .string({ error: 'is required' })
    .trim()
    .pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }))
    .transform(gatewayBase),
  ANTOM_CLIENT_ID: z.string({ error: 'is required' }).trim().min(1, 'is required').max(64),
  ANTOM_MERCHANT_PRIVATE_KEY: z.string({ error: 'is required' }).min(1, 'is required'),
  ANTOM_PUBLIC_KEY: z.string({ error: 'is required' }).min(1, 'is required'),
  // Key version, timeouts and retries: defaults, bounds and why in lib/env.ts.
  ...antomSettings,
});

/** Raw strings (a test, the sandbox's appEnv) or the environment lib/env.ts has already parsed. */
export type AntomVariables = Partial<z.input<typeof envSchema>>;

/** True when the environment names a gateway; otherwise the launcher starts the sandbox. */
export function hasAntomGateway(env: { ANTOM_GATEWAY_URL?: string | undefined } = appEnv()): boolean {
  return Boolean(env.ANTOM_GATEWAY_URL?.trim());
}

export function loadAntomConfig(env: AntomVariables = appEnv()): AntomConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${String(i.path[0] ?? 'ANTOM')} ${i.message}`);
    throw new AntomConfigError(`Antom configuration is incomplete: ${lines.join('; ')}.`);
  }
  const e = parsed.data;
  try {
    return {
      gatewayUrl: e.ANTOM_GATEWAY_URL,
      clientId: e.ANTOM_CLIENT_ID,
      merchantPrivateKey: parsePrivateKey(e.ANTOM_MERCHANT_PRIVATE_KEY, 'ANTOM_MERCHANT_PRIVATE_KEY'),
      antomPublicKey: parsePublicKey(e.ANTOM_PUBLIC_KEY, 'ANTOM_PUBLIC_KEY'),
      keyVersion: e.ANTOM_KEY_VERSION,
      connectTimeoutMs: e.ANTOM_CONNECT_TIMEOUT_MS,
      timeoutMs: e.ANTOM_TIMEOUT_MS,
      maxRetries: e.ANTOM_MAX_RETRIES,
    };
  } catch (error) {
    if (error instanceof AntomKeyError) throw new AntomConfigError(error.message);
    throw error;
  }
}
