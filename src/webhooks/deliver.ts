import type { Dispatcher } from 'undici';
import { classifyFailure, type ExchangeFailure } from '../net/failure.js';
import { send, type SendRequest } from '../net/send.js';
import { signSha1, signSha256 } from './sign.js';

/** Meta's limit: answer every notification with 200 OK within 5 seconds (https://developers.facebook.com/documentation/business-messaging/messenger-platform/webhooks). */
export const META_TIMEOUT_MS = 5000;
/** The Graph API version the simulated deliveries claim to come from (https://developers.facebook.com/docs/graph-api/changelog/versions). */
export const DEFAULT_API_VERSION = 'v26.0';

export interface SignOptions {
  /** also send the legacy `X-Hub-Signature: sha1=…` @default true */
  legacySignature?: boolean;
  /** value of the `Facebook-API-Version` header @default v26.0 */
  apiVersion?: string;
}

/** The headers of a Meta webhook POST, with both signatures over exactly `body`. */
export function webhookHeaders(body: Buffer, appSecret: string, opts: SignOptions = {}): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'facebookexternalua',
    'facebook-api-version': opts.apiVersion ?? DEFAULT_API_VERSION,
    'x-hub-signature-256': signSha256(body, appSecret),
  };
  if (opts.legacySignature !== false) headers['x-hub-signature'] = signSha1(body, appSecret);
  return headers;
}

export interface DeliveryRequest {
  url: string;
  body: Buffer;
  headers: Record<string, string>;
  /** Meta's answer limit; a slower 2xx fails @default 5000 */
  timeoutMs?: number;
  /** give up waiting after this long @default max(2 × timeoutMs, timeoutMs + 1000) */
  giveUpMs?: number;
  /** send through this undici dispatcher (e.g. a MockAgent) instead of node:http */
  dispatcher?: Dispatcher;
  signal?: AbortSignal;
}

export interface DeliveryOutcome {
  /** HTTP status, or null when no answer came */
  status: number | null;
  /** milliseconds until the whole answer was read */
  ms: number;
  /** 2xx within the limit */
  ok: boolean;
  /** the first bytes of the response body */
  bodySnippet: string;
  failure?: ExchangeFailure;
  /** why it failed, in one line */
  reason?: string;
}

const SNIPPET_BYTES = 200;

/** POSTs exactly `body` with `headers` and reports what the endpoint did. Never throws for HTTP outcomes. */
export async function deliver(req: DeliveryRequest): Promise<DeliveryOutcome> {
  const timeoutMs = req.timeoutMs ?? META_TIMEOUT_MS;
  const giveUpMs = req.giveUpMs ?? Math.max(timeoutMs * 2, timeoutMs + 1000);
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  try {
    const request: SendRequest = {
      url: req.url,
      method: 'POST',
      headers: req.headers,
      body: req.body,
      giveUpMs,
      signal: req.signal,
      keepBytes: SNIPPET_BYTES,
    };
    const res = req.dispatcher ? await (await import('../net/send-via.js')).sendVia(req.dispatcher, request) : await send(request);
    // The exchange itself: the first delivery of a run also loads node:http, which is not the endpoint's time.
    const ms = Math.round(res.ms);
    const bodySnippet = res.head.toString('utf8');
    const is2xx = res.status >= 200 && res.status < 300;
    if (!is2xx) return { status: res.status, ms, ok: false, bodySnippet, reason: `answered ${res.status}` };
    if (ms > timeoutMs)
      return { status: res.status, ms, ok: false, bodySnippet, reason: `answered after ${ms} ms, over the ${timeoutMs} ms limit` };
    return { status: res.status, ms, ok: true, bodySnippet };
  } catch (err) {
    const { failure, reason } = classifyFailure(err, req.signal?.aborted === true, giveUpMs);
    return { status: null, ms: elapsed(), ok: false, bodySnippet: '', failure, reason };
  }
}
