import type { IncomingMessage, RequestOptions } from 'node:http';
import { nodeHttp, nodeHttps } from '../io/lazy.js';

/** One HTTP exchange as the webhook senders need it. */
export interface SendRequest {
  url: string | URL;
  method: 'GET' | 'POST';
  /** sent as given (lower-case names), after `host` and, with a body, `content-length` */
  headers: Record<string, string>;
  /** written as is, in one piece */
  body?: Buffer;
  /** no complete answer within this many ms: fails with code `LEAD_KIT_TIMEOUT` */
  giveUpMs: number;
  signal?: AbortSignal;
  /** keep at most this many bytes of the answer @default 200 */
  keepBytes?: number;
}

export interface SendAnswer {
  status: number;
  /** the first `keepBytes` bytes of the answer */
  head: Buffer;
  /** milliseconds from sending the request to the end of the answer (loading node:http not included) */
  ms: number;
}

class SendTimeout extends Error {
  readonly code = 'LEAD_KIT_TIMEOUT';
}
class SendAborted extends Error {
  readonly code = 'ABORT_ERR';
  override readonly name = 'AbortError';
}

/**
 * Sends one request with node:http (node:https for https URLs) and reads the whole answer. Used for the few
 * deliveries of simulate, webhook, verify and the mock's webhooks: node:http is already part of Node's start-up
 * cost, where loading undici adds ~80 ms and its WebAssembly parser ~100 ms of compilation to a command that sends
 * three requests. The body goes out byte for byte as given, with an explicit Content-Length (never chunked), so
 * the signed bytes are the bytes sent. Rejects with the socket's error (`code` ECONNREFUSED, ECONNRESET, …),
 * `LEAD_KIT_TIMEOUT`, or an AbortError.
 */
export async function send(req: SendRequest): Promise<SendAnswer> {
  const url = typeof req.url === 'string' ? new URL(req.url) : req.url;
  const { request } = url.protocol === 'https:' ? nodeHttps() : nodeHttp();
  const headers: Record<string, string> = { host: url.host };
  if (req.body !== undefined) headers['content-length'] = String(req.body.length);
  Object.assign(headers, req.headers);
  const options: RequestOptions = {
    method: req.method,
    hostname: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port === '' ? undefined : Number(url.port),
    path: url.pathname + url.search,
    headers,
  };
  const keep = req.keepBytes ?? 200;
  return new Promise<SendAnswer>((resolve, reject) => {
    let settled = false;
    const finish = (err: Error | undefined, answer?: SendAnswer): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
      if (err) reject(err);
      else resolve(answer!);
    };
    const onAbort = (): void => {
      finish(new SendAborted('interrupted'));
      outgoing.destroy();
    };
    const sent = performance.now();
    const outgoing = request(options, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        if (size < keep) chunks.push(chunk);
        size += chunk.length;
      });
      res.on('end', () =>
        finish(undefined, { status: res.statusCode ?? 0, head: Buffer.concat(chunks).subarray(0, keep), ms: performance.now() - sent }),
      );
      res.on('error', (err) => finish(err));
      res.on('aborted', () => finish(Object.assign(new Error('the endpoint closed the connection mid-answer'), { code: 'ECONNRESET' })));
    });
    const timer = setTimeout(() => {
      finish(new SendTimeout(`no answer within ${req.giveUpMs} ms`));
      outgoing.destroy();
    }, req.giveUpMs);
    outgoing.on('error', (err) => finish(err));
    if (req.signal?.aborted) return onAbort();
    req.signal?.addEventListener('abort', onAbort, { once: true });
    outgoing.end(req.body);
  });
}
