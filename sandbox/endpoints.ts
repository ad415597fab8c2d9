// The sandbox's HTTP face: Antom's endpoints with Antom's signing both ways and the faults around
// them, plus the admin routes under /__sandbox/.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import {
  apiForPath,
  inquiryPaymentRequestSchema,
  inStoreInquiryRefundRequestSchema,
  inStoreRefundRequestSchema,
  onlineInquiryPaymentRequestSchema,
  onlineInquiryRefundRequestSchema,
  onlineRefundRequestSchema,
  signedHeaders,
  verifySignature,
  type CalledApi,
} from '../lib/antom';
import { readBodyUpTo } from '../lib/http/read-body';
import { handleAdmin } from './admin';
import { resultFor, type SandboxAntom } from './antom';
import type { Faults } from './faults';
import type { SandboxKeys } from './keys';
import type { Ledger } from './ledger';
import type { SandboxPayments } from './payments';

export interface EndpointDeps {
  ledger: Ledger;
  faults: Faults;
  antom: SandboxAntom;
  payments: SandboxPayments;
  keys: SandboxKeys;
  clientId: string;
  keyVersion: number;
  now: () => Date;
  log: (line: string) => void;
}

const REQUEST_SCHEMAS = {
  'refund.online': onlineRefundRequestSchema,
  'refund.inStore': inStoreRefundRequestSchema,
  'inquiryRefund.online': onlineInquiryRefundRequestSchema,
  'inquiryRefund.inStore': inStoreInquiryRefundRequestSchema,
  'inquiryPayment.inStore': inquiryPaymentRequestSchema,
  'inquiryPayment.online': onlineInquiryPaymentRequestSchema,
} as const;

const MAX_BODY = 1 << 20;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function requestHandler({
  ledger,
  faults,
  antom,
  payments,
  keys,
  clientId,
  keyVersion,
  now,
  log,
}: EndpointDeps): RequestListener {
  // A "wrong" signature is a real RSA signature by a key that is not Antom's: the merchant's.
  const wrongKey = keys.merchant;

  function answer(
    res: ServerResponse,
    status: number,
    signedPath: string,
    body: object,
    signing: 'good' | 'bad' | 'none' = 'good',
  ): void {
    const text = JSON.stringify(body);
    const time = now().toISOString(); // ISO here, epoch ms from our client: both forms get exercised
    const key = signing === 'bad' ? wrongKey : keys.antom;
    const headers =
      signing === 'none'
        ? { 'client-id': clientId, 'response-time': time }
        : signedHeaders(
            { method: 'POST', path: signedPath, clientId, time, body: text },
            key.privateKey,
            keyVersion,
            'response-time',
          );
    res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
    res.end(text);
  }

  async function handleApi(
    req: IncomingMessage,
    res: ServerResponse,
    api: CalledApi,
    signedPath: string,
    raw: string,
  ): Promise<void> {
    const fail = (canonical: string, status = 200) =>
      answer(res, status, signedPath, { result: resultFor(canonical, api) });
    const latency = faults.take('latency', api);
    if (latency) await sleep(latency.ms ?? 1_000);
    const http5xx = faults.take('http5xx', api);
    if (http5xx) {
      res.writeHead(http5xx.status ?? 503, { 'content-type': 'text/plain' });
      return void res.end('Service Unavailable');
    }
    if (faults.take('unknown', api)) return fail('UNKNOWN_EXCEPTION');
    if (faults.take('trafficLimit', api)) return fail('REQUEST_TRAFFIC_EXCEED_LIMIT');

    if (req.headers['client-id'] !== clientId) return fail('CLIENT_INVALID');
    const check = verifySignature(
      {
        method: req.method ?? 'POST',
        path: signedPath,
        clientId,
        time: req.headers['request-time'] as string | undefined,
        body: raw,
        signatureHeader: req.headers.signature as string | undefined,
      },
      keys.merchant.publicKey,
      clientId,
    );
    if (check.verdict !== 'VALID') {
      log(`${api}: request signature ${check.verdict}${'reason' in check ? ` (${check.reason})` : ''}`);
      return fail('INVALID_SIGNATURE');
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return fail('PARAM_ILLEGAL');
    }
    // A strict Antom: /v2 (in store) types Amount.value as Integer (seed 001), /v1 (online) wants
    // every field as a string. The wrong JSON type for the family is an illegal parameter.
    const wrongType = amountTypeProblem(api, json);
    if (wrongType) {
      return answer(res, 200, signedPath, { result: { ...resultFor('PARAM_ILLEGAL', api), resultMessage: wrongType } });
    }
    const parsed = REQUEST_SCHEMAS[api].safeParse(json);
    if (!parsed.success) {
      return answer(res, 200, signedPath, {
        result: {
          ...resultFor('PARAM_ILLEGAL', api),
          resultMessage: parsed.error.issues[0]?.message ?? 'illegal parameter',
        },
      });
    }

    const handled = antom.handle(api, parsed.data as Record<string, unknown>);
    log(`${api} ${JSON.stringify(parsed.data)} -> ${JSON.stringify((handled.body as { result?: unknown }).result)}`);
    const timeout = faults.take('timeout', api);
    const drop = !timeout && faults.take('drop', api);
    // An out-of-order refund ends (and is notified) whether or not its answer is ever sent.
    await handled.beforeSend?.();
    if (timeout) return; // applied; the answer never comes (the socket stays open)
    if (drop) return void req.socket.destroy();
    const signing = faults.take('badSignature', api) ? 'bad' : faults.take('unsigned', api) ? 'none' : 'good';
    answer(res, 200, signedPath, handled.body, signing);
  }

  return (req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://sandbox');
      const raw = await readBodyUpTo(req, MAX_BODY);
      if (raw === null) return void res.writeHead(413).end();
      if (url.pathname.startsWith('/__sandbox/'))
        return handleAdmin({ ledger, faults, antom, payments, clientId }, req, res, url, raw);
      const api = apiForPath(url.pathname);
      const signedPath = url.pathname + url.search;
      if (!api)
        return answer(res, 404, signedPath, {
          result: { resultCode: 'NO_INTERFACE_DEF', resultStatus: 'F', resultMessage: 'API is not defined.' },
        });
      if (req.method !== 'POST')
        return answer(res, 405, signedPath, { result: resultFor('METHOD_NOT_SUPPORTED', api) });
      if (
        !String(req.headers['content-type'] ?? '')
          .toLowerCase()
          .includes('application/json')
      ) {
        return answer(res, 415, signedPath, { result: resultFor('MEDIA_TYPE_NOT_ACCEPTABLE', api) });
      }
      await handleApi(req, res, api, signedPath, raw);
    })().catch((error: unknown) => {
      log(`sandbox error: ${error instanceof Error ? error.stack : String(error)}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end('sandbox error');
    });
  };
}

/** The refund amount's value in the JSON type the API family expects, or what is wrong with it. */
function amountTypeProblem(api: CalledApi, json: unknown): string | null {
  const value = (json as { refundAmount?: { value?: unknown } | null } | null)?.refundAmount?.value;
  if (value === undefined) return null;
  if (api === 'refund.inStore' && typeof value !== 'number') return 'refundAmount.value must be an Integer';
  if (api === 'refund.online' && typeof value !== 'string') return 'refundAmount.value must be a String';
  return null;
}
