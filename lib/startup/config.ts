// Real mode (ANTOM_GATEWAY_URL set: the app talks to that gateway, not the bundled sandbox) refuses to
// start on a configuration that is incomplete or contradicts itself. Pure: the environment in, the
// problems out, each in words that say what to change. scripts/start.ts and scripts/worker.ts call
// checkRealModeConfig before they touch the database; database.ts has the database's own checks.
import { createPublicKey } from 'node:crypto';
import {
  AntomConfigError,
  gatewayKind,
  hasAntomGateway,
  loadAntomConfig,
  publicKeyToBase64,
  SANDBOX_GATEWAY_PATH,
  usesAntomSandboxPaths,
  type AntomVariables,
} from '../antom';

/** Start-up will not go on; the message is one line, names what is wrong and never a secret. */
export class StartupRefused extends Error {
  override name = 'StartupRefused';
}

/** Real Antom is configured: start-up seeds nothing and checks everything here. */
export function isRealMode(env: { ANTOM_GATEWAY_URL?: string | undefined }): boolean {
  return hasAntomGateway(env);
}

/**
 * What is wrong with a real-mode Antom configuration, if anything:
 * - a missing gateway, client id or key, or a key that is unreadable or not RSA 2048
 *   (loadAntomConfig, lib/antom/keys.ts);
 * - Antom's public key that is the merchant's own (the public half of ANTOM_MERCHANT_PRIVATE_KEY);
 * - a gateway URL with a path other than the sandbox marker (requests add Antom's paths themselves);
 * - the rule between client id and gateway: a client id starting with SANDBOX_ is an Antom sandbox
 *   account and needs a gateway URL ending in /ams/sandbox; such a gateway needs such an id. Any
 *   other gateway is production. A gateway on this machine (localhost, 127.x, [::1]) is a sandbox you
 *   run yourself, never Antom: any client id goes there.
 */
export function realModeConfigProblems(env: AntomVariables): string[] {
  let config: ReturnType<typeof loadAntomConfig>;
  try {
    config = loadAntomConfig(env);
  } catch (error) {
    if (error instanceof AntomConfigError) return [error.message];
    throw error;
  }
  const problems: string[] = [];
  if (publicKeyToBase64(createPublicKey(config.merchantPrivateKey)) === publicKeyToBase64(config.antomPublicKey))
    problems.push(
      "ANTOM_PUBLIC_KEY is the public half of your own ANTOM_MERCHANT_PRIVATE_KEY: it must be Antom's public key, from Antom Dashboard.",
    );

  const gateway = new URL(String(env.ANTOM_GATEWAY_URL).trim()); // loadAntomConfig checked it parses
  const kind = gatewayKind(gateway.href);
  const path = gateway.pathname.replace(/\/+$/, '');
  const sandboxGateway = `${gateway.origin}${SANDBOX_GATEWAY_PATH}`;
  if (kind !== 'local' && path !== '' && path !== SANDBOX_GATEWAY_PATH)
    problems.push(
      `ANTOM_GATEWAY_URL must be the gateway's address alone (${gateway.origin}), or ${sandboxGateway} for Antom's sandbox: each call adds its own path.`,
    );
  else if (kind === 'production' && usesAntomSandboxPaths(config.clientId))
    problems.push(
      `ANTOM_CLIENT_ID starts with SANDBOX_ (an Antom sandbox account) but ANTOM_GATEWAY_URL is Antom's production: use your production client id, or ${sandboxGateway} for Antom's sandbox.`,
    );
  else if (kind === 'antom-sandbox' && !usesAntomSandboxPaths(config.clientId))
    problems.push(
      `ANTOM_GATEWAY_URL ends in ${SANDBOX_GATEWAY_PATH} (Antom's sandbox) but ANTOM_CLIENT_ID does not start with SANDBOX_: use the sandbox client id from Antom Dashboard's test mode, or ${gateway.origin} for production.`,
    );
  return problems;
}

/** Throws StartupRefused, with every problem on one line, when the configuration is not fit for real Antom. */
export function checkRealModeConfig(env: AntomVariables): void {
  const problems = realModeConfigProblems(env);
  if (problems.length) throw new StartupRefused(problems.join(' '));
}
