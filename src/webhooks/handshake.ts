import { randomInt } from 'node:crypto';
import type { Dispatcher } from 'undici';
import { classifyFailure, type ExchangeFailure } from '../net/failure.js';
import { send, type SendRequest } from '../net/send.js';

export interface HandshakeResult {
  /** the numeric challenge sent */
  challenge: string;
  status: number | null;
  /** 200 and the body is exactly the challenge */
  ok: boolean;
  ms: number;
  /** the first bytes of the answer */
  body: string;
  failure?: ExchangeFailure;
  reason?: string;
}

/**
 * Meta's verification request: GET <callback>?hub.mode=subscribe&hub.verify_token=…&hub.challenge=<int>.
 * It passes when the endpoint answers 200 with the challenge echoed as-is (https://developers.facebook.com/documentation/business-messaging/messenger-platform/webhooks).
 * Whether Meta tolerates surrounding whitespace is unconfirmed, so lead-kit requires the exact bytes.
 */
export async function handshake(
  endpoint: string,
  verifyToken: string,
  opts: { dispatcher?: Dispatcher; signal?: AbortSignal; timeoutMs?: number; mode?: string; challenge?: string } = {},
): Promise<HandshakeResult> {
  const challenge = opts.challenge ?? String(randomInt(1_000_000_000, 2_000_000_000));
  const url = new URL(endpoint);
  url.searchParams.set('hub.mode', opts.mode ?? 'subscribe');
  url.searchParams.set('hub.verify_token', verifyToken);
  url.searchParams.set('hub.challenge', challenge);
  const started = performance.now();
  const timeoutMs = opts.timeoutMs ?? 5000;
  try {
    const request: SendRequest = {
      url,
      method: 'GET',
      headers: { 'user-agent': 'facebookexternalua' },
      giveUpMs: timeoutMs,
      signal: opts.signal,
      keepBytes: 200,
    };
    // An undici dispatcher (e.g. a MockAgent) given by the caller; otherwise node:http (see net/send.ts).
    const res = opts.dispatcher ? await (await import('../net/send-via.js')).sendVia(opts.dispatcher, request) : await send(request);
    const status = res.status;
    const body = res.head.toString('utf8').slice(0, 200);
    const ms = Math.round(res.ms);
    const ok = status === 200 && body === challenge;
    const reason = ok
      ? undefined
      : status !== 200
        ? `answered ${status}`
        : `answered "${body.slice(0, 40)}" instead of the challenge ${challenge}`;
    return { challenge, status, ok, ms, body, ...(reason ? { reason } : {}) };
  } catch (err) {
    const { failure, reason } = classifyFailure(err, opts.signal?.aborted === true, timeoutMs);
    return { challenge, status: null, ok: false, ms: Math.round(performance.now() - started), body: '', failure, reason };
  }
}
