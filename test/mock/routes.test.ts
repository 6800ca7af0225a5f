import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockGraph } from '../../src/mock/server.js';
import { agent, APP, call, DEFAULT_APP, DEFAULT_TOKEN, demoMock, PAGE, proofOf, PSID } from './helpers.js';
import { startMockGraph } from '../../src/mock/server.js';

let mock: MockGraph;
beforeEach(async () => {
  mock = await demoMock();
});
afterEach(() => mock.close());
afterAll(() => agent.close());

describe('mock Graph routes', () => {
  it('answers GET /{page}?fields=messaging_feature_status under any version, none, and /me', async () => {
    for (const prefix of ['/v6.0', '/v12.0', '/v26.0', '']) {
      for (const node of ['me', PAGE]) {
        const r = await call(mock, 'GET', `${prefix}/${node}?fields=messaging_feature_status`);
        expect(r.status).toBe(200);
        expect(r.body).toEqual({ messaging_feature_status: { hop_v2: false, msgr_multi_app: true, ig_multi_app: false }, id: PAGE });
      }
    }
    const plain = await call(mock, 'GET', '/v26.0/me');
    expect(plain.body).toEqual({ name: 'Lead-kit Demo Page', id: PAGE });
    expect(plain.headers['content-type']).toMatch(/^application\/json/);
  });

  it('reads the token from the query, a form field or Authorization: Bearer', async () => {
    expect((await call(mock, 'GET', '/v26.0/me/thread_owner?recipient=' + PSID, { auth: 'bearer' })).status).toBe(200);
    expect((await call(mock, 'POST', `/v26.0/${PAGE}/pass_thread_control`, { form: { recipient: `{"id":"${PSID}"}` } })).body).toEqual({
      success: true,
    });
    expect((await call(mock, 'GET', '/v26.0/me/thread_owner?recipient=' + PSID)).status).toBe(200);
  });

  it('GET thread_owner shows the owner and expiration (seconds) to the owner, only the expiration to others', async () => {
    const own = await call(mock, 'GET', `/v26.0/${PAGE}/thread_owner?recipient=${PSID}`);
    expect(own.body).toEqual({ data: [{ thread_owner: { app_id: APP, expiration: Date.parse('2026-11-22T10:00:00Z') / 1000 } }] });
    // The default app sees the app id too (Conversation Routing page, "Find the App in Control").
    const dflt = await call(mock, 'GET', `/v26.0/me/thread_owner?recipient=${PSID}`, { token: DEFAULT_TOKEN });
    expect(dflt.body.data[0].thread_owner.app_id).toBe(APP);
  });

  it("POST messages answers {recipient_id, message_id} for JSON bodies and for Meta's single-quoted form fields", async () => {
    const json = await call(mock, 'POST', '/v26.0/me/messages', {
      json: { messaging_type: 'RESPONSE', recipient: { id: PSID }, message: { text: 'Hi there' } },
    });
    expect(json.status).toBe(200);
    expect(json.body.recipient_id).toBe(PSID);
    expect(json.body.message_id).toMatch(/^m_[\w-]{86}$/);
    // Seed 001's curl example, byte for byte apart from the ids.
    const form = await call(mock, 'POST', `/v26.0/${PAGE}/messages`, {
      form: {
        recipient: `{'id':'${PSID}'}`,
        messaging_type: 'RESPONSE',
        message: "{'text':'Thanks for your interest! A team member will follow up shortly.'}",
      },
    });
    expect(form.status).toBe(200);
    expect(form.body.recipient_id).toBe(PSID);
    const history = await call(mock, 'GET', `/v26.0/me/conversations?fields=messages{message}&user_id=${PSID}`);
    expect(history.body.data[0].messages.data.map((m: { message: string }) => m.message)).toEqual([
      'Thanks for your interest! A team member will follow up shortly.',
      'Hi there',
    ]);
  });

  it('POST messages with a sender_action only answers {recipient_id}', async () => {
    const r = await call(mock, 'POST', '/v26.0/me/messages', { json: { recipient: { id: PSID }, sender_action: 'typing_on' } });
    expect(r.body).toEqual({ recipient_id: PSID });
  });

  it('the thread-control edges answer {success: true}; request only in the default behaviour (no default app)', async () => {
    const body = { recipient: { id: PSID } };
    expect((await call(mock, 'POST', '/v26.0/me/extend_thread_control', { json: { ...body, duration: 3600 } })).body).toEqual({
      success: true,
    });
    // The demo Page has a Conversation Routing default app: request_thread_control is refused (rules.ts).
    expect((await call(mock, 'POST', '/v26.0/me/request_thread_control', { json: body, token: DEFAULT_TOKEN })).body.error).toMatchObject({
      code: 100,
    });
    expect((await call(mock, 'POST', '/v26.0/me/pass_thread_control', { json: { ...body, target_app_id: DEFAULT_APP } })).body).toEqual({
      success: true,
    });
    expect((await call(mock, 'POST', '/v26.0/me/release_thread_control', { json: body, token: DEFAULT_TOKEN })).body).toEqual({
      success: true,
    });
    expect((await call(mock, 'POST', '/v26.0/me/take_thread_control', { json: body, token: DEFAULT_TOKEN })).body).toEqual({
      success: true,
    });
  });

  it("GET and POST subscribed_apps list and change the calling app's fields, aliases accepted", async () => {
    const before = await call(mock, 'GET', `/v26.0/${PAGE}/subscribed_apps`);
    expect(before.body.data.map((a: { id: string }) => a.id)).toEqual([APP, DEFAULT_APP]);
    expect(before.body.data[0].subscribed_fields).toEqual([
      'messages',
      'messaging_handovers',
      'messaging_postbacks',
      'messaging_referrals',
      'standby',
    ]);
    const post = await call(mock, 'POST', `/v26.0/${PAGE}/subscribed_apps?subscribed_fields=messages,messaging_handover`);
    expect(post.body).toEqual({ success: true });
    const after = await call(mock, 'GET', `/v26.0/${PAGE}/subscribed_apps`);
    expect(after.body.data[0]).toMatchObject({ id: APP, name: 'Your app', subscribed_fields: ['messages', 'messaging_handovers'] });
    expect((await call(mock, 'DELETE', `/v26.0/${PAGE}/subscribed_apps`)).body).toEqual({ success: true, messaging_success: true });
    expect((await call(mock, 'GET', `/v26.0/${PAGE}/subscribed_apps`)).body.data.map((a: { id: string }) => a.id)).toEqual([DEFAULT_APP]);
  });

  it('GET conversations returns participants and the history newest first, with the fields asked for', async () => {
    await call(mock, 'POST', '/__lead-kit/message', { json: { psid: PSID, text: 'Do you ship to Zürich?' }, auth: 'none' });
    await call(mock, 'POST', '/v26.0/me/messages', { json: { recipient: { id: PSID }, message: { text: 'Yes we do' } } });
    const r = await call(mock, 'GET', '/v26.0/me/conversations?fields=participants,messages{message,created_time,from}');
    expect(r.status).toBe(200);
    const conv = r.body.data[0];
    expect(conv.participants.data.map((p: { id: string }) => p.id)).toEqual([PSID, PAGE]);
    expect(conv.messages.data[0]).toEqual({
      message: 'Yes we do',
      created_time: '2026-11-21T10:00:00+0000',
      from: { name: 'Lead-kit Demo Page', email: `${PAGE}@facebook.com`, id: PAGE },
      id: expect.stringMatching(/^m_/),
    });
    expect(conv.messages.data[1].message).toBe('Do you ship to Zürich?');
    const bare = await call(mock, 'GET', '/v26.0/me/conversations');
    expect(Object.keys(bare.body.data[0])).toEqual(['id', 'updated_time']);
  });

  it('GET secondary_receivers, /debug_token and /me/permissions', async () => {
    const sec = await call(mock, 'GET', `/v26.0/${PAGE}/secondary_receivers?fields=id,name`);
    expect(sec.body).toEqual({ data: [{ id: APP, name: 'Your app' }] });
    const dbg = await call(mock, 'GET', `/v26.0/debug_token?input_token=lead-kit-demo-page-token`);
    expect(dbg.body.data).toMatchObject({ app_id: APP, type: 'PAGE', is_valid: true, profile_id: PAGE });
    expect(dbg.body.data.scopes).toContain('pages_messaging');
    const bad = await call(mock, 'GET', '/v26.0/debug_token?input_token=nope-nope-nope');
    expect(bad.body.data).toMatchObject({ is_valid: false, error: { code: 190 } });
    const perms = await call(mock, 'GET', '/v26.0/me/permissions');
    expect(perms.body.data).toContainEqual({ permission: 'pages_manage_metadata', status: 'granted' });
  });

  it('debug_token also accepts an app token APP_ID|APP_SECRET', async () => {
    const m = await startMockGraph({
      config: {
        apps: [{ id: '11', name: 'A', secret: 's3cret-app' }],
        pages: [{ id: '22', connected_apps: [{ app_id: '11', token: 'tok-0123456789' }] }],
      },
    });
    try {
      const r = await call(m, 'GET', '/v26.0/debug_token?input_token=tok-0123456789', { token: '11|s3cret-app' });
      expect(r.body.data).toMatchObject({ app_id: '11', is_valid: true });
    } finally {
      await m.close();
    }
  });

  it("GET /{psid} answers the person's name fields", async () => {
    const r = await call(mock, 'GET', `/v26.0/${PSID}?fields=first_name,last_name`);
    expect(r.body).toEqual({ first_name: 'Sam', last_name: 'Lead', id: PSID });
  });

  it('checks appsecret_proof when the app secret is known, and accepts calls without it', async () => {
    const m = await demoMock({ config: (await import('../../src/mock/demo.js')).demoConfig({ appSecret: 'app-secret-123' }) });
    try {
      const good = await call(m, 'GET', `/v26.0/me?fields=id`, { proof: proofOf('lead-kit-demo-page-token', 'app-secret-123') });
      expect(good.body).toEqual({ id: PAGE });
      expect((await call(m, 'GET', '/v26.0/me?fields=id')).status).toBe(200);
      const bad = await call(m, 'GET', `/v26.0/me?fields=id`, { proof: proofOf('lead-kit-demo-page-token', 'wrong') });
      expect(bad.body.error).toMatchObject({ code: 100, message: 'Invalid appsecret_proof provided in the API argument' });
    } finally {
      await m.close();
    }
  });

  it("honours Graph's method= override for clients that can only GET", async () => {
    const r = await call(mock, 'GET', `/v26.0/me/pass_thread_control?method=post&recipient=${PSID}&target_app_id=${DEFAULT_APP}`);
    expect(r.body).toEqual({ success: true });
  });
});
