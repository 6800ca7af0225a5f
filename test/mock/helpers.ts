import { createHmac } from 'node:crypto';
import { Agent, request } from 'undici';
import { afterAll, afterEach } from 'vitest';
import type { MockConfigInput } from '../../src/schemas/mock-config.js';
import { startMockGraph, type MockGraph, type MockGraphOptions } from '../../src/mock/server.js';
import { DEMO } from '../../src/mock/demo.js';

/** One undici agent for a test file; close it in afterAll. */
export const agent = new Agent({ keepAliveTimeout: 1000 });

export interface GraphAnswer {
  status: number;

  body: any;
  text: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface CallOptions {
  /** appended as ?access_token= unless `auth` says otherwise */
  token?: string;
  auth?: 'query' | 'bearer' | 'form' | 'none';
  json?: unknown;
  form?: Record<string, string>;
  raw?: string | Buffer;
  headers?: Record<string, string>;
  proof?: string;
}

/** Calls the mock like a Graph client: `call(mock, 'GET', '/v26.0/me/thread_owner?recipient=1')`. */
export async function call(mock: Pick<MockGraph, 'url'>, method: string, path: string, o: CallOptions = {}): Promise<GraphAnswer> {
  const token = o.token ?? DEMO.token;
  const auth = o.auth ?? (o.form ? 'form' : 'query');
  let url = mock.url + path;
  const headers: Record<string, string> = { ...o.headers };
  if (auth === 'query') url += `${path.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(token)}`;
  if (auth === 'bearer') headers.authorization = `Bearer ${token}`;
  if (o.proof !== undefined) url += `${url.includes('?') ? '&' : '?'}appsecret_proof=${o.proof}`;
  let body: string | Buffer | undefined;
  if (o.json !== undefined) {
    body = JSON.stringify(o.json);
    headers['content-type'] ??= 'application/json';
  } else if (o.form) {
    body = new URLSearchParams({ ...o.form, ...(auth === 'form' ? { access_token: token } : {}) }).toString();
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
  } else if (o.raw !== undefined) body = o.raw;
  const res = await request(url, { method: method as 'GET', headers, body, dispatcher: agent });
  const text = await res.body.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.statusCode, body: parsed, text, headers: res.headers };
}

/** appsecret_proof for a token. */
export const proofOf = (token: string, secret: string): string => createHmac('sha256', secret).update(token).digest('hex');

export const PSID = DEMO.psid;
export const PAGE = DEMO.pageId;
export const APP = DEMO.appId;
export const DEFAULT_APP = DEMO.defaultAppId;
export const DEFAULT_TOKEN = DEMO.defaultAppToken;
export const START = Date.parse('2026-11-21T10:00:00Z');

/** A mock with the demo setup on a frozen clock at START. */
export function demoMock(o: MockGraphOptions = {}): Promise<MockGraph> {
  return startMockGraph({ startTime: START, frozen: true, ...o });
}

/** POST /__lead-kit/clock {"advance": …} */
export const advance = (mock: MockGraph, by: string): Promise<GraphAnswer> =>
  call(mock, 'POST', '/__lead-kit/clock', { json: { advance: by }, auth: 'none' });

/** Polls until `cond` holds (or fails after `ms`). */
export async function until(cond: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * For a test file whose tests each start their own mock: returns `start(config)` (frozen clock at START); the
 * mock is closed after each test and the shared agent after the file.
 */
export function mockPerTest(): (c: MockConfigInput) => Promise<MockGraph> {
  let mock: MockGraph | undefined;
  afterEach(async () => {
    await mock?.close();
    mock = undefined;
  });
  afterAll(() => agent.close());
  return async (c) => (mock = await startMockGraph({ config: c, startTime: START, frozen: true }));
}

/**
 * For a test file whose tests start mocks and test apps of their own: `closing(x)` returns `x` and closes it after
 * the test (the last started first, so an app stops before the mock it calls); the shared agent after the file.
 */
export function closeAfterEach(): <T extends { close(): unknown }>(x: T) => T {
  const open: Array<{ close(): unknown }> = [];
  afterEach(async () => {
    for (const x of open.splice(0).reverse()) await x.close();
  });
  afterAll(() => agent.close());
  return (x) => {
    open.push(x);
    return x;
  };
}
