import { randomBytes } from 'node:crypto';
import type { Dispatcher } from 'undici';
import { ConnectError } from '../errors.js';
import type { Envelope } from '../webhooks/build.js';
import { deliver, META_TIMEOUT_MS } from '../webhooks/deliver.js';
import { handshake, type HandshakeResult } from '../webhooks/handshake.js';
import { buildDeliveryCases, type DeliveryCase } from './cases.js';

export type Verdict = 'pass' | 'warn' | 'fail';

/** One row of the matrix. */
export interface VerifyCase {
  id: 'handshake' | 'handshake-wrong-token' | DeliveryCase['id'];
  title: string;
  /** what a careful endpoint answers */
  expect: string;
  /** the status it answered; null when it did not answer */
  status: number | null;
  ms: number;
  /** answered within Meta's 5 s limit */
  within_limit: boolean;
  verdict: Verdict;
  reason?: string;
}

export interface VerifyResult {
  endpoint: string;
  /** Meta's answer limit, ms */
  limit_ms: number;
  cases: VerifyCase[];
  passed: number;
  warnings: number;
  failed: number;
  /** no case failed (warnings allowed) */
  ok: boolean;
}

export interface VerifyOptions {
  endpoint: string;
  appSecret: string;
  verifyToken: string;
  /** the signed payload; a lead referral with non-ASCII answers */
  payload: Envelope;
  apiVersion: string;
  /** how long to wait for an answer before calling it "no answer" @default 10000 */
  waitMs?: number;
}

/** Judges a handshake answer: with the right token it must echo the challenge; with a wrong one, not answer 200. */
export function judgeHandshake(h: HandshakeResult, right: boolean): VerifyCase {
  const within = h.status !== null && h.ms <= META_TIMEOUT_MS;
  const base = { status: h.status, ms: h.ms, within_limit: within };
  if (right) {
    const row: VerifyCase = {
      id: 'handshake',
      title: 'handshake with the right verify token',
      expect: '200 + challenge',
      ...base,
      verdict: h.ok ? (within ? 'pass' : 'warn') : 'fail',
    };
    if (!h.ok) row.reason = `${h.reason ?? 'failed'}: Meta would not save this callback URL`;
    else if (!within) row.reason = `answered after ${h.ms} ms`;
    return row;
  }
  const accepted = h.status === 200;
  const row: VerifyCase = {
    id: 'handshake-wrong-token',
    title: 'handshake with a wrong verify token',
    expect: 'not 200',
    ...base,
    verdict: accepted ? 'fail' : 'pass',
  };
  if (accepted) row.reason = "answered 200 to a wrong hub.verify_token: the endpoint does not check the token (Meta's sample answers 403)";
  else if (h.status === null) row.reason = `no answer (${h.reason ?? 'failed'})`;
  return row;
}

/** Judges one delivery's answer (status null: no answer) against what a careful endpoint does, and Meta's 5 s limit. */
export function judgeDelivery(c: DeliveryCase, status: number | null, ms: number, failure: string | undefined): VerifyCase {
  const within = status !== null && ms <= META_TIMEOUT_MS;
  const accepted = status !== null && status >= 200 && status < 300;
  const row: VerifyCase = {
    id: c.id,
    title: c.title,
    expect: c.expect === 'accept' ? '200' : 'not 2xx',
    status,
    ms,
    within_limit: within,
    verdict: 'pass',
  };
  if (c.expect === 'accept') {
    if (!accepted) {
      row.verdict = 'fail';
      row.reason =
        status === null
          ? `no answer: ${failure ?? 'failed'}`
          : `rejected a correctly signed delivery (${status}): hash the raw request bytes with the app secret, before any JSON parsing`;
    } else if (!within) {
      row.verdict = 'fail';
      row.reason = `answered after ${ms} ms: Meta counts answers after 5 s as failed deliveries and retries them`;
    } else if (status !== 200) {
      row.verdict = 'warn';
      row.reason = `answered ${status}; Meta documents 200 OK`;
    }
    return row;
  }
  if (accepted) {
    row.verdict = c.warnOnly ? 'warn' : 'fail';
    row.reason = c.ifAccepted;
  } else if (status === null) {
    row.reason = `not accepted: no answer (${failure ?? 'failed'})`;
  }
  return row;
}

/**
 * Runs the matrix against `endpoint`, one request at a time: Meta's handshake with the right and a wrong token,
 * a correctly signed delivery, and five forgeries a careful endpoint must not accept.
 * Throws ConnectError when the endpoint cannot be reached at all.
 */
export async function verifyEndpoint(opts: VerifyOptions, deps: { dispatcher?: Dispatcher; signal: AbortSignal }): Promise<VerifyResult> {
  const waitMs = opts.waitMs ?? 2 * META_TIMEOUT_MS;
  const hs = { dispatcher: deps.dispatcher, signal: deps.signal, timeoutMs: waitMs };
  const cases: VerifyCase[] = [];
  const right = await handshake(opts.endpoint, opts.verifyToken, hs);
  if (right.failure === 'connect')
    throw new ConnectError(`cannot reach ${opts.endpoint} (${right.reason ?? 'connection failed'})`, {
      hint: 'start your app first, or check the URL',
    });
  cases.push(judgeHandshake(right, true));
  const wrongToken = `wrong-${randomBytes(6).toString('hex')}`;
  if (!deps.signal.aborted) cases.push(judgeHandshake(await handshake(opts.endpoint, wrongToken, hs), false));
  for (const c of buildDeliveryCases(opts.payload, opts.appSecret, opts.apiVersion)) {
    if (deps.signal.aborted) break;
    const o = await deliver({
      url: opts.endpoint,
      body: c.body,
      headers: c.headers,
      timeoutMs: META_TIMEOUT_MS,
      giveUpMs: waitMs,
      dispatcher: deps.dispatcher,
      signal: deps.signal,
    });
    if (o.failure === 'aborted') break;
    cases.push(judgeDelivery(c, o.status, o.ms, o.reason));
  }
  const count = (v: Verdict): number => cases.filter((c) => c.verdict === v).length;
  const failed = count('fail');
  return {
    endpoint: opts.endpoint,
    limit_ms: META_TIMEOUT_MS,
    cases,
    passed: count('pass'),
    warnings: count('warn'),
    failed,
    ok: failed === 0,
  };
}
