// Where each operation lives. Online APIs sit under /ams/api/v1, or /ams/sandbox/api/v1 for a client
// id that starts with SANDBOX_ (Antom's own sandbox accounts); the in-store documents give /v2 paths
// with no sandbox variant, so those never change.
export type AntomApi =
  | 'refund.online'
  | 'refund.inStore'
  | 'inquiryRefund.online'
  | 'inquiryRefund.inStore'
  | 'inquiryPayment.online'
  | 'inquiryPayment.inStore'
  | 'notifyRefund.online';

export type CalledApi = Exclude<AntomApi, 'notifyRefund.online'>;

const ONLINE_SUFFIX = {
  'refund.online': '/v1/payments/refund',
  'inquiryRefund.online': '/v1/payments/inquiryRefund',
  'inquiryPayment.online': '/v1/payments/inquiryPayment',
} as const;

const IN_STORE_PATH = {
  'refund.inStore': '/v2/payments/refund',
  'inquiryRefund.inStore': '/v2/payments/inquiryRefund',
  'inquiryPayment.inStore': '/v2/payments/inquiryPayment',
} as const;

export function usesAntomSandboxPaths(clientId: string): boolean {
  return clientId.startsWith('SANDBOX_');
}

export function apiPath(api: CalledApi, clientId: string): string {
  if (api in IN_STORE_PATH) return IN_STORE_PATH[api as keyof typeof IN_STORE_PATH];
  const prefix = usesAntomSandboxPaths(clientId) ? '/ams/sandbox/api' : '/ams/api';
  return prefix + ONLINE_SUFFIX[api as keyof typeof ONLINE_SUFFIX];
}

/** The reverse, for the sandbox: which API a request path names (either online prefix). */
export function apiForPath(path: string): CalledApi | null {
  for (const [api, p] of Object.entries(IN_STORE_PATH)) if (path === p) return api as CalledApi;
  const online = /^\/ams\/(?:sandbox\/)?api(\/v1\/payments\/\w+)$/.exec(path)?.[1];
  for (const [api, suffix] of Object.entries(ONLINE_SUFFIX)) if (online === suffix) return api as CalledApi;
  return null;
}
