// One POST over node:http(s) with a connect timeout and a total timeout. Each call opens its own
// connection (no keep-alive pool): refunds are few, and a pooled socket that the server closed while
// idle fails as a reset, which would turn a request that never left into an "unknown outcome".
import http from 'node:http';
import https from 'node:https';

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type HttpFailureKind = 'CONNECT_TIMEOUT' | 'CONNECT_FAILED' | 'TIMEOUT' | 'NETWORK';

export class HttpFailure extends Error {
  override name = 'HttpFailure';
  constructor(
    readonly kind: HttpFailureKind,
    message: string,
    /** False only when we know the request never reached the server (it could not have been applied). */
    readonly mayHaveArrived: boolean,
  ) {
    super(message);
  }
}

export interface HttpTimeouts {
  connectTimeoutMs: number;
  timeoutMs: number;
}

const MAX_BODY_BYTES = 1 << 20;

function flatten(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

export function postText(
  url: URL,
  headers: Record<string, string>,
  body: string,
  timeouts: HttpTimeouts,
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const payload = Buffer.from(body, 'utf8');
    const client = url.protocol === 'https:' ? https : http;
    let connected = false;
    let settled = false;
    const finish = (error: HttpFailure | null, answer?: HttpAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      clearTimeout(totalTimer);
      if (error) {
        req.destroy();
        reject(error);
      } else resolve(answer!);
    };

    const req = client.request(url, {
      method: 'POST',
      agent: false,
      headers: { ...headers, 'content-length': String(payload.length) },
    });
    const connectTimer = setTimeout(
      () => finish(new HttpFailure('CONNECT_TIMEOUT', `no connection within ${timeouts.connectTimeoutMs} ms`, false)),
      timeouts.connectTimeoutMs,
    );
    const totalTimer = setTimeout(
      () => finish(new HttpFailure('TIMEOUT', `no complete answer within ${timeouts.timeoutMs} ms`, connected)),
      timeouts.timeoutMs,
    );
    req.on('socket', (socket) => {
      const onConnect = () => {
        connected = true;
        clearTimeout(connectTimer);
      };
      socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', onConnect);
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      // Refused or unresolvable before connecting: the request cannot have been applied.
      if (!connected) finish(new HttpFailure('CONNECT_FAILED', `${error.code ?? 'error'}: ${error.message}`, false));
      else finish(new HttpFailure('NETWORK', `${error.code ?? 'error'}: ${error.message}`, true));
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) finish(new HttpFailure('NETWORK', 'answer larger than 1 MiB', true));
        else chunks.push(chunk);
      });
      res.on('error', (error) => finish(new HttpFailure('NETWORK', error.message, true)));
      res.on('aborted', () => finish(new HttpFailure('NETWORK', 'answer cut off', true)));
      res.on('end', () => {
        if (!res.complete) return finish(new HttpFailure('NETWORK', 'answer cut off', true));
        finish(null, {
          status: res.statusCode ?? 0,
          headers: flatten(res.headers),
          body: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
    req.end(payload);
  });
}
