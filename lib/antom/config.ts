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

const envSchema = z.object({
  ANTOM_GATEWAY_URL: z
    .string({ error: 'is required' })
    .trim()
    .pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }))
    .transform((u) => u.replace(/\/+$/, '')),
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
