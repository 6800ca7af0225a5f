import { describe, expect, it } from 'vitest';
import { beginLeadFlow, controlDays, endLeadFlow } from '../../src/mock/lead-flow.js';
import type { MockGraph } from '../../src/mock/server.js';
import type { MockConfigInput } from '../../src/schemas/mock-config.js';
import { LEADGEN_APP_ID } from '../../src/webhooks/ids.js';
import { advance, call, mockPerTest, START } from './helpers.js';

/** Apps: A (the app under test), B (another connected app), D (the default app). */
const A = '101';
const B = '102';
const D = '103';
const TOKEN = { A: 'token-app-a-0001', B: 'token-app-b-0002', D: 'token-default-03' };
const PSID = '9001';
type PageInput = MockConfigInput['pages'][number];

function config(page: Partial<PageInput> = {}, bOptions: { may_take_control?: boolean } = {}): MockConfigInput {
  return {
    apps: [
      { id: A, name: 'App A' },
      { id: B, name: 'App B' },
      { id: D, name: 'Default app' },
    ],
    pages: [
      {
        id: '500',
        default_app_id: D,
        connected_apps: [
          { app_id: A, token: TOKEN.A },
          { app_id: B, token: TOKEN.B, ...bOptions },
          { app_id: D, token: TOKEN.D },
        ],
        persons: [{ psid: PSID, owner_app_id: A }],
        ...page,
      },
    ],
  };
}

const startMock = mockPerTest();
const start = (c: MockConfigInput): Promise<MockGraph> => startMock(c);

const as = (who: keyof typeof TOKEN) => ({ token: TOKEN[who] });
const send = (m: MockGraph, who: keyof typeof TOKEN, extra: Record<string, unknown> = {}) =>
  call(m, 'POST', '/v26.0/me/messages', {
    ...as(who),
    json: { messaging_type: 'RESPONSE', recipient: { id: PSID }, message: { text: 'hello' }, ...extra },
  });
const control = (m: MockGraph, who: keyof typeof TOKEN, edge: string, extra: Record<string, unknown> = {}) =>
  call(m, 'POST', `/v26.0/me/${edge}`, { ...as(who), json: { recipient: { id: PSID }, ...extra } });
/** The owner as the default app sees it (it is shown the app id). */
async function owner(m: MockGraph): Promise<string | null> {
  const r = await call(m, 'GET', `/v26.0/me/thread_owner?recipient=${PSID}`, as('D'));
  return r.body.data[0]?.thread_owner.app_id ?? null;
}
const expiration = async (m: MockGraph): Promise<number | undefined> =>
  (await call(m, 'GET', `/v26.0/me/thread_owner?recipient=${PSID}`, as('D'))).body.data[0]?.thread_owner.expiration;
const page = (m: MockGraph) => m.state.pages.get('500')!;
const DAY = 86_400;

describe('lead flow rules (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing/messenger-lead-ads, https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing/messenger-lead-ads)', () => {
  it('the Leadgen app owns the thread during the flow and the Send API is blocked for every app (2018321)', async () => {
    const m = await start(config());
    beginLeadFlow(m.runtime, page(m), { psid: PSID, appId: A, answers: [{ question: 'City?', answer: 'Zürich' }] });
    expect(await owner(m)).toBe(LEADGEN_APP_ID);
    for (const who of ['A', 'D'] as const) {
      const r = await send(m, who);
      expect(r.status).toBe(400);
      expect(r.body.error).toMatchObject({ code: 10, error_subcode: 2018321 });
    }
    expect((await control(m, 'A', 'pass_thread_control')).body.error).toMatchObject({ code: 100, error_subcode: 2534037 });
    const history = await call(m, 'GET', '/v26.0/me/conversations?fields=messages{message}', as('A'));
    expect(history.body.data[0].messages.data.map((x: { message: string }) => x.message)).toEqual(['Zürich', 'City?']);
  });

  it('at the end control passes to the connected app for receiving_app_control_expiration days, then returns to the default app', async () => {
    const m = await start(config());
    beginLeadFlow(m.runtime, page(m), { psid: PSID, appId: A, answers: [{ question: 'City?', answer: 'Bern' }] });
    endLeadFlow(m.runtime, page(m), PSID, { pass: A, expirationDays: 4 });
    expect(await owner(m)).toBe(A);
    expect(await expiration(m)).toBe(START / 1000 + 4 * DAY);
    await advance(m, '3d23h');
    expect(await owner(m)).toBe(A);
    await advance(m, '1h');
    expect(await owner(m)).toBe(D);
  });

  it('any value of receiving_app_control_expiration outside 1–7 means 1 day', () => {
    expect([1, 4, 7].map(controlDays)).toEqual([1, 4, 7]);
    expect([0, 8, -1, 2.5, '4', null, undefined].map(controlDays)).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });

  it('a routing action resets the control window to 1 day', async () => {
    const m = await start(config());
    beginLeadFlow(m.runtime, page(m), { psid: PSID, appId: A, answers: [{ question: 'Q', answer: 'A' }] });
    endLeadFlow(m.runtime, page(m), PSID, { pass: A, expirationDays: 7 });
    await advance(m, '2h');
    expect((await control(m, 'A', 'pass_thread_control', { target_app_id: B })).status).toBe(200);
    expect(await expiration(m)).toBe(START / 1000 + 2 * 3600 + DAY);
    await call(m, 'POST', '/__lead-kit/message', { json: { psid: PSID, text: 'still there?' }, auth: 'none' });
    await advance(m, '1d');
    expect(await owner(m)).toBe(D);
  });

  it('without a connected app the flow releases control to the default app', async () => {
    const m = await start(config());
    beginLeadFlow(m.runtime, page(m), { psid: PSID, appId: null, answers: [] });
    endLeadFlow(m.runtime, page(m), PSID, 'release');
    expect(await owner(m)).toBe(D);
  });

  it('with the Send API block off, the connected app may interrupt: it takes control and the flow ends', async () => {
    const m = await start(config());
    beginLeadFlow(m.runtime, page(m), { psid: PSID, appId: A, answers: [{ question: 'Q', answer: 'A' }], blockSendApi: false });
    expect((await send(m, 'A')).status).toBe(200);
    expect(await owner(m)).toBe(A);
    expect(m.state.pages.get('500')!.threads.get(PSID)!.leadFlow).toBeNull();
  });
});

describe('Send API rules', () => {
  it('refuses an app that does not own the thread (10/2018300)', async () => {
    const m = await start(config());
    const r = await send(m, 'B');
    expect(r.body.error).toMatchObject({ code: 10, error_subcode: 2018300, type: 'OAuthException' });
  });

  it('lets an app with "Take control of conversations" send, and it takes control', async () => {
    const m = await start(config({}, { may_take_control: true }));
    expect((await send(m, 'B')).status).toBe(200);
    expect(await owner(m)).toBe(B);
  });

  it('refuses sending outside the 24-hour window (10/2018278); HUMAN_AGENT extends it to 7 days', async () => {
    const m = await start(config());
    await advance(m, '23h59m');
    expect((await send(m, 'D', { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' })).body.error?.error_subcode).toBe(2018300);
    await advance(m, '2m');
    // A's control expired with the window: the default app owns the thread again.
    const late = await send(m, 'D');
    expect(late.body.error).toMatchObject({
      code: 10,
      error_subcode: 2018278,
      message: '(#10) This message is sent outside of allowed window.',
    });
    expect((await send(m, 'D', { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' })).status).toBe(200);
    await advance(m, '7d');
    expect((await send(m, 'D', { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' })).body.error?.error_subcode).toBe(2018278);
    expect((await send(m, 'D', { messaging_type: 'MESSAGE_TAG', tag: 'ACCOUNT_UPDATE' })).body.error).toMatchObject({ code: 100 });
  });

  it("a person's message reopens the window", async () => {
    const m = await start(config());
    await advance(m, '30h');
    expect((await send(m, 'D')).body.error?.error_subcode).toBe(2018278);
    await call(m, 'POST', '/__lead-kit/message', { json: { psid: PSID, text: 'hi again' }, auth: 'none' });
    expect((await send(m, 'D')).status).toBe(200);
  });

  it('answers 100/2018001 for an unknown PSID and 100 for a missing recipient or message', async () => {
    const m = await start(config());
    const unknown = await call(m, 'POST', '/v26.0/me/messages', {
      ...as('A'),
      json: { recipient: { id: '12345' }, message: { text: 'x' } },
    });
    expect(unknown.body.error).toMatchObject({ code: 100, error_subcode: 2018001, message: '(#100) No matching user found' });
    expect((await call(m, 'POST', '/v26.0/me/messages', { ...as('A'), json: { message: { text: 'x' } } })).body.error.message).toBe(
      '(#100) The parameter recipient is required',
    );
    expect((await call(m, 'POST', '/v26.0/me/messages', { ...as('A'), json: { recipient: { id: PSID } } })).body.error.code).toBe(100);
  });

  it('thread_control: payload and app_id together is an error; control_type defaults to release', async () => {
    const m = await start(config());
    const both = await send(m, 'A', { thread_control: { payload: 'pass_thread_control', app_id: B } });
    expect(both.body.error.code).toBe(100);
    expect(both.body.error.message).toMatch(/cannot be combined/);
    expect((await send(m, 'A', { thread_control: { app_id: B } })).status).toBe(200);
    expect(await owner(m)).toBe(D);
  });

  it('thread_control pass goes to app_id, the payload form to the default app; a bad app id sends nothing', async () => {
    const m = await start(config());
    expect((await send(m, 'A', { thread_control: { app_id: '999', control_type: 'pass' } })).body.error).toMatchObject({
      code: 100,
      error_subcode: 2018164,
    });
    expect(page(m).threads.get(PSID)!.messages).toHaveLength(0);
    expect((await send(m, 'A', { thread_control: { app_id: B, control_type: 'pass' } })).status).toBe(200);
    expect(await owner(m)).toBe(B);
    expect((await send(m, 'B', { thread_control: { payload: 'pass_thread_control' } })).status).toBe(200);
    expect(await owner(m)).toBe(D);
  });

  it('thread_control without a message is refused unless the Page accepts it', async () => {
    const m = await start(config());
    const bare = { recipient: { id: PSID }, thread_control: { control_type: 'release' } };
    expect((await call(m, 'POST', '/v26.0/me/messages', { ...as('A'), json: bare })).body.error.message).toBe(
      '(#100) Must send either message or sender_action',
    );
    await m.close();
    const lenient = await start(config({ unconfirmed: { thread_control_without_message: 'accept' } }));
    expect((await call(lenient, 'POST', '/v26.0/me/messages', { ...as('A'), json: bare })).body).toEqual({ recipient_id: PSID });
    expect(await owner(lenient)).toBe(D);
  });

  it('the payload form can be switched off per Page, and HOP Pages refuse thread_control', async () => {
    const m = await start(config({ unconfirmed: { thread_control_payload: 'reject' } }));
    expect((await send(m, 'A', { thread_control: { payload: 'release_thread_control' } })).body.error.code).toBe(100);
    await m.close();
    const hop = await start(config({ rules: 'handover-protocol' }));
    expect((await send(hop, 'A', { thread_control: { control_type: 'release' } })).body.error.message).toMatch(/Conversation Routing/);
  });

  it('while a thread is idle only the default app may send; with no default app every app may', async () => {
    const m = await start(config({ unconfirmed: { after_release: 'idle' } }));
    await control(m, 'A', 'release_thread_control');
    expect((await call(m, 'GET', `/v26.0/me/thread_owner?recipient=${PSID}`, as('A'))).body).toEqual({ data: [] });
    expect((await send(m, 'B')).body.error.error_subcode).toBe(2018300);
    expect((await send(m, 'D')).status).toBe(200);
    await m.close();
    const zero = await start(config({ default_app_id: null, persons: [{ psid: PSID }] }));
    expect((await send(zero, 'B')).status).toBe(200);
    expect((await send(zero, 'A')).status).toBe(200);
  });
});

describe('thread-control rules', () => {
  it('pass needs the owner (100/2534037); without target_app_id it goes to the default app', async () => {
    const m = await start(config());
    expect((await control(m, 'B', 'pass_thread_control')).body.error).toMatchObject({ code: 100, error_subcode: 2534037 });
    expect((await control(m, 'A', 'pass_thread_control')).status).toBe(200);
    expect(await owner(m)).toBe(D);
  });

  it('pass with no default app needs target_app_id', async () => {
    const m = await start(config({ default_app_id: null }));
    expect((await control(m, 'A', 'pass_thread_control')).body.error.message).toMatch(/target_app_id is required/);
  });

  it('release returns the thread to the default app, or leaves it idle per the Page setting', async () => {
    const m = await start(config());
    expect((await control(m, 'B', 'release_thread_control')).body.error.error_subcode).toBe(2534037);
    await control(m, 'A', 'release_thread_control');
    expect(await owner(m)).toBe(D);
  });

  it('take: blocked with no default app, needs the toggle when another app owns, allowed when idle', async () => {
    const zero = await start(config({ default_app_id: null }));
    expect((await control(zero, 'B', 'take_thread_control')).body.error).toMatchObject({ code: 10 });
    await zero.close();
    const m = await start(config());
    const denied = await control(m, 'B', 'take_thread_control');
    expect(denied.body.error.code).toBe(10);
    expect(denied.body.error.message).toMatch(/Take control of conversations/);
    await m.close();
    const allowed = await start(config({}, { may_take_control: true }));
    expect((await control(allowed, 'B', 'take_thread_control')).status).toBe(200);
    expect(await owner(allowed)).toBe(B);
  });

  it('the older CR revision disables take/request/extend on Pages with a default app', async () => {
    const m = await start(config({ unconfirmed: { hop_calls: 'disabled' } }, { may_take_control: true }));
    for (const edge of ['take_thread_control', 'request_thread_control', 'extend_thread_control']) {
      const r = await control(m, edge === 'extend_thread_control' ? 'A' : 'B', edge, { duration: 60 });
      expect(r.body.error).toMatchObject({ code: 100, message: 'Handover Protocol APIs disabled for this page.' });
    }
    expect((await control(m, 'A', 'pass_thread_control')).status).toBe(200);
  });

  it('Handover Protocol Pages: only the primary receiver takes and lists secondary receivers (2018171)', async () => {
    const m = await start(config({ rules: 'handover-protocol' }));
    expect((await control(m, 'B', 'take_thread_control')).body.error.code).toBe(10);
    expect((await control(m, 'D', 'take_thread_control')).status).toBe(200);
    expect(await owner(m)).toBe(D);
    expect((await call(m, 'GET', '/v26.0/me/secondary_receivers', as('A'))).body.error.code).toBe(2018171);
    expect((await call(m, 'GET', '/v26.0/me/secondary_receivers', as('D'))).body.data.map((a: { id: string }) => a.id)).toEqual([A, B]);
    // HOP has an idle mode: a release leaves nobody in control.
    await control(m, 'D', 'release_thread_control');
    expect((await call(m, 'GET', `/v26.0/me/thread_owner?recipient=${PSID}`, as('D'))).body).toEqual({ data: [] });
    expect((await call(m, 'GET', '/v26.0/me?fields=messaging_feature_status', as('D'))).body.messaging_feature_status).toEqual({
      hop_v2: true,
      msgr_multi_app: false,
      ig_multi_app: false,
    });
  });

  it("extend moves the owner's expiration (seconds, up to 7 days) and needs the owner", async () => {
    const m = await start(config());
    expect((await control(m, 'A', 'extend_thread_control', { duration: 3 * DAY })).status).toBe(200);
    expect(await expiration(m)).toBe(START / 1000 + 3 * DAY);
    expect((await control(m, 'A', 'extend_thread_control', { duration: 8 * DAY })).body.error.code).toBe(100);
    expect((await control(m, 'B', 'extend_thread_control', { duration: 60 })).body.error.error_subcode).toBe(2534037);
  });
});
