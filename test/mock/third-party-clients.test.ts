import { createRequire } from 'node:module';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MessengerBatch, MessengerClient } from 'messaging-api-messenger';
import type { MockGraph } from '../../src/mock/server.js';
import { demoConfig, DEMO } from '../../src/mock/demo.js';
import { agent, APP, call, demoMock, PAGE, PSID } from './helpers.js';

/**
 * Third-party Graph clients, unchanged, pointed at `lead-kit mock` on 127.0.0.1: every call answered as
 * Graph answers it, and recorded in /__lead-kit/calls like a direct call.
 */

interface Graph {
  setGraphUrl(url: string): void;
  setVersion(v: string): void;
  setAccessToken(t: string | null): void;
  setAppSecret(s: string | null): void;
  get(url: string, cb: (err: unknown, res: unknown) => void): void;
  post(url: string, data: Record<string, unknown>, cb: (err: unknown, res: unknown) => void): void;
  del(url: string, cb: (err: unknown, res: unknown) => void): void;
  batch(reqs: unknown[], cb: (err: unknown, res: unknown) => void): void;
}
const graph = createRequire(import.meta.url)('fbgraph') as Graph;
const fb = <T>(f: (cb: (err: unknown, res: unknown) => void) => void): Promise<T> =>
  new Promise((resolve, reject) => f((err, res) => (err ? reject(err) : resolve(res as T))));

const SECRET = 'third-party-app-secret';
let mock: MockGraph;
let client: MessengerClient;
beforeEach(async () => {
  const config = demoConfig({ appSecret: SECRET });
  // pages_user_locale/timezone/gender let the token read the gated User Profile fields.
  config.pages[0]!.connected_apps![0]!.scopes = ['pages_messaging', 'pages_user_locale', 'pages_user_timezone', 'pages_user_gender'];
  config.pages[0]!.persons![0]! = { ...config.pages[0]!.persons![0]!, locale: 'de_CH', timezone: 1, gender: 'female' };
  config.pages[0]!.feature_review = [{ feature: 'subscription_messaging', status: 'approved' }];
  mock = await demoMock({ config });
  client = new MessengerClient({ accessToken: DEMO.token, appSecret: SECRET, origin: mock.url, version: '26.0' });
});
afterEach(() => mock.close());
afterAll(() => agent.close());

describe('messaging-api-messenger against the mock', () => {
  it('getUserProfile reads the User Profile API fields, gated ones only with their permission', async () => {
    expect(await client.getUserProfile(PSID)).toEqual({
      id: PSID,
      name: 'Sam Lead',
      firstName: 'Sam',
      lastName: 'Lead',
      profilePic: expect.stringMatching(/^https:\/\/platform-lookaside\.fbsbx\.com\//),
    });
    const all = await client.getUserProfile(PSID, { fields: ['id', 'first_name', 'locale', 'timezone', 'gender'] });
    expect(all).toEqual({ id: PSID, firstName: 'Sam', locale: 'de_CH', timezone: 1, gender: 'female' });
    // The default app's token carries the default scopes: no locale, timezone or gender.
    const plain = await call(mock, 'GET', `/v26.0/${PSID}?fields=first_name,locale,timezone,gender`, { token: DEMO.defaultAppToken });
    expect(plain.body).toEqual({ first_name: 'Sam', id: PSID });
  });

  it('sets, reads back and deletes Messenger Profile properties', async () => {
    expect(await client.getGetStarted()).toBeNull();
    // Reference: a persistent menu needs a Get Started button first.
    const menu = [
      { locale: 'default', composerInputDisabled: false, callToActions: [{ type: 'postback', title: 'Talk to us', payload: 'TALK' }] },
    ];
    await expect(client.setPersistentMenu(menu as never)).rejects.toThrow(/Get Started button/);
    expect(await client.setGetStarted('GET_STARTED')).toEqual({ result: 'success' });
    expect(await client.setPersistentMenu(menu as never)).toEqual({ result: 'success' });
    await client.setGreeting('Hi {{user_first_name}}!');
    await client.setIceBreakers([{ question: 'Where are you?', payload: 'WHERE' }] as never);
    await client.setWhitelistedDomains(['https://example.com']);
    expect(await client.getGetStarted()).toEqual({ payload: 'GET_STARTED' });
    expect(await client.getGreeting()).toEqual([{ locale: 'default', text: 'Hi {{user_first_name}}!' }]);
    expect(await client.getPersistentMenu()).toEqual(menu);
    expect(await client.getIceBreakers()).toEqual([{ question: 'Where are you?', payload: 'WHERE' }]);
    expect(await client.getWhitelistedDomains()).toEqual(['https://example.com']);
    expect(await client.getMessengerProfile(['get_started', 'greeting'])).toEqual([
      { getStarted: { payload: 'GET_STARTED' }, greeting: [{ locale: 'default', text: 'Hi {{user_first_name}}!' }] },
    ]);
    expect(await client.deleteGreeting()).toEqual({ result: 'success' });
    expect(await client.getGreeting()).toBeNull();
    await expect(client.getMessengerProfile(['colour'])).rejects.toThrow(/must be one of/);
    const routes = mock.calls.map((c) => `${c.route} ${c.status}`);
    expect(routes).toContain('POST /me/messenger_profile 200');
    expect(routes).toContain('DELETE /me/messenger_profile 200');
  });

  it("getMessagingFeatureReview lists the Page's feature reviews", async () => {
    expect(await client.getMessagingFeatureReview()).toEqual([{ feature: 'subscription_messaging', status: 'approved' }]);
  });

  it('sendBatch runs each operation through the same routes and rules, and records each call', async () => {
    const res = await client.sendBatch([
      MessengerBatch.sendText(PSID, 'one'),
      MessengerBatch.getUserProfile(PSID),
      MessengerBatch.getThreadOwner(PSID),
      MessengerBatch.takeThreadControl(PSID),
    ] as never);
    expect(res).toHaveLength(4);
    expect(res[0]).toMatchObject({ code: 200, body: { recipientId: PSID, messageId: expect.stringMatching(/^m_/) } });
    expect(res[1]).toMatchObject({ code: 200, body: { id: PSID, firstName: 'Sam' } });
    expect(res[2]).toMatchObject({ code: 200, body: { appId: APP } });
    expect(res[0]!.headers).toEqual([{ name: 'Content-Type', value: 'application/json; charset=UTF-8' }]);
    // The owner taking control of its own thread is a no-op success under the rules, as a direct call is.
    expect(res[3]).toMatchObject({ code: 200, body: { success: true } });
    const inner = mock.calls.filter((c) => c.batch);
    expect(inner.map((c) => c.route)).toEqual(['POST /me/messages', 'GET /{psid}', 'GET /me/thread_owner', 'POST /me/take_thread_control']);
    expect(inner.every((c) => c.app_id === APP && c.page_id === PAGE)).toBe(true);
    expect(JSON.stringify(mock.calls)).not.toContain(DEMO.token);
    // The message went into the conversation like a direct Send API call.
    const history = await call(mock, 'GET', `/v26.0/me/conversations?fields=messages{message}&user_id=${PSID}`);
    expect(history.body.data[0].messages.data[0].message).toBe('one');
  });

  it('a batch operation refused by the rules answers its own error envelope; the batch itself is 200', async () => {
    await call(mock, 'POST', '/__lead-kit/lead-flow', { json: { step: 'start' }, auth: 'none' });
    const res = await client.sendBatch([MessengerBatch.sendText(PSID, 'mid-flow')] as never);
    expect(res[0]).toMatchObject({ code: 400, body: { error: { code: 10, errorSubcode: 2018321 } } });
  });

  it('logCustomEvents posts CUSTOM_APP_EVENTS to /{app-id}/activities', async () => {
    const r = await client.logCustomEvents({
      appId: Number(APP),
      pageId: Number(PAGE),
      pageScopedUserId: Number(PSID),
      events: [{ _eventName: 'lead_qualified', _valueToSum: 5 }],
    } as never);
    expect(r).toEqual({ success: true });
    const c = mock.calls.at(-1)!;
    expect(c).toMatchObject({ route: 'POST /{app-id}/activities', status: 200, app_id: APP, page_id: PAGE });
    await expect(
      client.logCustomEvents({ appId: Number(APP), pageId: Number(PAGE), pageScopedUserId: 42, events: [{ _eventName: 'x' }] } as never),
    ).rejects.toThrow(/No matching user/);
  });
});

describe('fbgraph against the mock', () => {
  beforeEach(() => {
    graph.setGraphUrl(mock.url);
    graph.setVersion('26.0');
    graph.setAccessToken(DEMO.token);
    graph.setAppSecret(SECRET);
  });
  afterEach(() => {
    graph.setAccessToken(null);
    graph.setAppSecret(null);
  });

  it('get, post and del (POST ?method=delete) on the Messenger Profile and the User Profile', async () => {
    expect(await fb((cb) => graph.get(`/${PSID}?fields=first_name,last_name`, cb))).toEqual({
      first_name: 'Sam',
      last_name: 'Lead',
      id: PSID,
    });
    expect(await fb((cb) => graph.post('/me/messenger_profile', { get_started: JSON.stringify({ payload: 'GO' }) }, cb))).toEqual({
      result: 'success',
    });
    expect(await fb((cb) => graph.get('/me/messenger_profile?fields=get_started', cb))).toEqual({
      data: [{ get_started: { payload: 'GO' } }],
    });
    expect(await fb((cb) => graph.del('/me/messenger_profile?fields=get_started', cb))).toEqual({ result: 'success' });
    expect(await fb((cb) => graph.get('/me/messenger_profile?fields=get_started', cb))).toEqual({ data: [] });
    const del = mock.calls.find((c) => c.route === 'DELETE /me/messenger_profile')!;
    expect(del.method).toBe('POST');
    // A DELETE on the subscription, sent the same way, unsubscribes.
    expect(await fb((cb) => graph.del(`/${PAGE}/subscribed_apps`, cb))).toEqual({ success: true, messaging_success: true });
  });

  it("batch sends form-encoded operations and gets Graph's [{code, headers, body}]", async () => {
    const res = await fb<Array<{ code: number; body: string }>>((cb) =>
      graph.batch(
        [
          { method: 'GET', relative_url: `${PSID}?fields=first_name` },
          {
            method: 'POST',
            relative_url: 'me/messages',
            body: `recipient=${encodeURIComponent(JSON.stringify({ id: PSID }))}&message=${encodeURIComponent(JSON.stringify({ text: 'batched' }))}&messaging_type=RESPONSE`,
          },
          { method: 'GET', relative_url: 'me/no_such_edge' },
        ],
        cb,
      ),
    );
    expect(res.map((r) => r.code)).toEqual([200, 200, 400]);
    expect(JSON.parse(res[0]!.body)).toEqual({ first_name: 'Sam', id: PSID });
    expect(JSON.parse(res[1]!.body)).toMatchObject({ recipient_id: PSID });
    expect(JSON.parse(res[2]!.body).error).toMatchObject({ code: 100, message: 'Unknown path components: /no_such_edge' });
  });
});

describe('batch limits', () => {
  it('refuses more than 50 operations and a malformed batch with code 100', async () => {
    const ops = Array.from({ length: 51 }, () => ({ method: 'GET', relative_url: 'me' }));
    const r = await call(mock, 'POST', '/v26.0/', { json: { batch: ops } });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 100, message: '(#100) Too many requests in batch message. Maximum batch size is 50' });
    const bad = await call(mock, 'POST', '/v26.0/', { form: { batch: '[{"method": "GET"' } });
    expect(bad.body.error.code).toBe(100);
    const ok = await call(mock, 'POST', '/v26.0/', {
      json: { batch: [{ method: 'GET', relative_url: 'me?fields=id' }], include_headers: false },
    });
    expect(ok.body).toEqual([{ code: 200, body: JSON.stringify({ id: PAGE }) }]);
  });
});
