import { isDeepStrictEqual } from 'node:util';
import { MockAgent } from 'undici';
import { afterEach, beforeEach } from 'vitest';

/** Meta's Graph origin; every intercept answers here unless told otherwise. */
export const GRAPH = 'https://graph.facebook.com';
/** A fake Page token; tests assert it never appears in any output. */
export const TOKEN = 'EAAtestPAGEtoken0123456789abcdef';
export const APP_SECRET = 'testappsecret0123456789';
export const APP_TOKEN = '1234567890|testAPPtoken0123456789';
export const PSID = '24680135792468013';
export const MY_APP = '1234567890';

/** A MockAgent that refuses any request no intercept matches (undici's disableNetConnect). */
export function graphAgent(): MockAgent {
  const agent = new MockAgent();
  agent.disableNetConnect();
  return agent;
}

/**
 * A fresh MockAgent for every test, handed to `set`; after each test every intercept must have been used
 * (gh's `reg.Verify`) and the agent is closed.
 */
export function useGraphAgent(set: (agent: MockAgent) => void): void {
  let current: MockAgent | undefined;
  beforeEach(() => {
    current = graphAgent();
    set(current);
  });
  afterEach(async () => {
    current?.assertNoPendingInterceptors();
    await current?.close();
  });
}

interface Common {
  origin?: string;
  version?: string;
  page?: string;
  /** the access_token the request must carry @default TOKEN */
  token?: string | null;
  status?: number;
  headers?: Record<string, string>;
  /** record the full request URL of every match */
  seen?: string[];
}

function pathMatcher(pathname: string, query: Record<string, string>, c: Common): (p: string) => boolean {
  return (p: string) => {
    const u = new URL(p, 'http://x');
    const token = c.token === undefined ? TOKEN : c.token;
    const ok =
      u.pathname === pathname &&
      Object.entries(query).every(([k, v]) => u.searchParams.get(k) === v) &&
      (token === null || u.searchParams.get('access_token') === token);
    if (ok) c.seen?.push(p);
    return ok;
  };
}

function reply(
  agent: MockAgent,
  method: 'GET' | 'POST',
  pathname: string,
  query: Record<string, string>,
  body: unknown,
  c: Common,
  expectBody?: unknown,
): void {
  agent
    .get(c.origin ?? GRAPH)
    .intercept({
      method,
      path: pathMatcher(pathname, query, c),
      ...(expectBody === undefined ? {} : { body: (b: string) => isDeepStrictEqual(parseBody(b), expectBody) }),
    })
    .reply(c.status ?? 200, typeof body === 'string' ? body : JSON.stringify(body), {
      headers: { 'content-type': 'application/json', ...c.headers },
    });
}

function parseBody(b: string): unknown {
  try {
    return JSON.parse(b);
  } catch {
    return Object.fromEntries(new URLSearchParams(b));
  }
}

const v = (c: Common): string => c.version ?? 'v26.0';
const page = (c: Common): string => c.page ?? 'me';

/** GET /{page}?fields=messaging_feature_status */
export function interceptFeatureStatus(agent: MockAgent, body: unknown, c: Common = {}): void {
  reply(agent, 'GET', `/${v(c)}/${page(c)}`, { fields: 'messaging_feature_status' }, body, c);
}

/** GET /{page}/thread_owner?recipient=<psid> */
export function interceptThreadOwner(agent: MockAgent, body: unknown, c: Common & { psid?: string } = {}): void {
  reply(agent, 'GET', `/${v(c)}/${page(c)}/thread_owner`, { recipient: c.psid ?? PSID }, body, c);
}

/** GET /{page}/subscribed_apps */
export function interceptSubscribedApps(agent: MockAgent, body: unknown, c: Common = {}): void {
  reply(agent, 'GET', `/${v(c)}/${page(c)}/subscribed_apps`, {}, body, c);
}

/** GET /debug_token?input_token=<page token> */
export function interceptDebugToken(agent: MockAgent, body: unknown, c: Common & { inputToken?: string } = {}): void {
  reply(agent, 'GET', `/${v(c)}/debug_token`, { input_token: c.inputToken ?? TOKEN }, body, c);
}

/** GET /me/permissions */
export function interceptPermissions(agent: MockAgent, body: unknown, c: Common = {}): void {
  reply(agent, 'GET', `/${v(c)}/me/permissions`, {}, body, c);
}

/** POST /{page}/messages, optionally requiring an exact JSON (or form) body */
export function interceptMessages(agent: MockAgent, body: unknown, c: Common & { expectBody?: unknown } = {}): void {
  reply(agent, 'POST', `/${v(c)}/${page(c)}/messages`, {}, body, c, c.expectBody);
}

/** POST /{page}/{pass|release|take|extend}_thread_control */
export function interceptThreadControl(agent: MockAgent, action: string, body: unknown, c: Common & { expectBody?: unknown } = {}): void {
  reply(agent, 'POST', `/${v(c)}/${page(c)}/${action}_thread_control`, {}, body, c, c.expectBody);
}

/** Graph's error envelope, with the fields Meta sends. */
export function graphError(code: number, message: string, extra: { subcode?: number; type?: string } = {}): unknown {
  return {
    error: {
      message,
      type: extra.type ?? 'OAuthException',
      code,
      ...(extra.subcode !== undefined ? { error_subcode: extra.subcode } : {}),
      fbtrace_id: 'AbCdEfGhIjK',
    },
  };
}

/** Debug-token data for a valid, never-expiring Page token with both required permissions. */
export function validTokenData(over: Record<string, unknown> = {}): unknown {
  return {
    data: {
      app_id: MY_APP,
      type: 'PAGE',
      application: 'My CRM',
      data_access_expires_at: 1795000000,
      expires_at: 0,
      is_valid: true,
      scopes: ['pages_messaging', 'pages_manage_metadata', 'pages_read_engagement', 'pages_show_list'],
      profile_id: '100200300400500',
      user_id: '998877665544',
      ...over,
    },
  };
}
