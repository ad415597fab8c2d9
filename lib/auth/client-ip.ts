import { CLIENT_ADDRESS_HEADER, normalizeAddress } from '../http/client-address';

/**
 * The client's address for throttling and the audit log, as the app's own server decided it from
 * the connection and the trusted proxies (lib/http/client-address.ts). Never X-Forwarded-For or
 * X-Real-IP as sent: anyone can write those.
 */
export function clientIp(headers: Headers): string | null {
  return normalizeAddress(headers.get(CLIENT_ADDRESS_HEADER));
}
