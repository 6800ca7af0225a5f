import { describe, expect, it } from 'vitest';
import type { MockGraph } from '../../src/mock/server.js';
import type { MockConfigInput } from '../../src/schemas/mock-config.js';
import { LEADGEN_APP_ID } from '../../src/webhooks/ids.js';
import { advance, call, mockPerTest, START } from './helpers.js';

/** A (the app under test, the ad's connected app), D (the default app). */
const A = '101';
const D = '103';
const TOKEN = { A: 'token-app-a-0001', D: 'token-default-03' };
const PSID = '9001';
const HOUR = 3600;
const DAY = 24 * HOUR;

function config(page: Partial<MockConfigInput['pages'][number]> = {}): MockConfigInput {
  return {
    apps: [
      { id: A, name: 'App A' },
      { id: D, name: 'Default app' },
    ],
    pages: [
      {
        id: '500',
        default_app_id: D,
        connected_apps: [
          { app_id: A, token: TOKEN.A },
          { app_id: D, token: TOKEN.D },
        ],
        persons: [{ psid: PSID, owner_app_id: D }],
        ...page,
      },
    ],
  };
}

const startMock = mockPerTest();
const start = (c: MockConfigInput = config()): Promise<MockGraph> => startMock(c);

const flow = (m: MockGraph, body: Record<string, unknown>) =>
  call(m, 'POST', '/__lead-kit/lead-flow', { json: { psid: PSID, app_id: A, ...body }, auth: 'none' });
const send = (m: MockGraph, text: string) =>
  call(m, 'POST', '/v26.0/me/messages', {
    json: { recipient: { id: PSID }, messaging_type: 'RESPONSE', message: { text } },
    token: TOKEN.A,
  });
const owner = async (m: MockGraph): Promise<string | undefined> =>
  (await call(m, 'GET', `/v26.0/me/thread_owner?recipient=${PSID}`, { token: TOKEN.D })).body.data[0]?.thread_owner.app_id;
const expiration = async (m: MockGraph): Promise<number> =>
  (await call(m, 'GET', `/v26.0/me/thread_owner?recipient=${PSID}`, { token: TOKEN.A })).body.data[0].thread_owner.expiration;

describe('a lead flow in two steps (POST /__lead-kit/lead-flow {"step": "start" | "finish"})', () => {
  it('an app that sends while the Leadgen app owns the thread is refused with 10/2018321; after finish it may send', async () => {
    const m = await start();
    const started = await flow(m, { step: 'start', pause_after: 1 });
    expect(started.body).toMatchObject({ in_lead_flow: true, psid: PSID, app_id: A, paused_at: expect.any(String) });
    expect(await owner(m)).toBe(LEADGEN_APP_ID);
    const refused = await send(m, 'Hi! Can I help?');
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 10, error_subcode: 2018321 });
    expect(m.calls.at(-1)).toMatchObject({ during_lead_flow: true, error: { code: 10, error_subcode: 2018321 } });
    const finished = await flow(m, { step: 'finish' });
    expect(finished.body.deliveries.map((d: { kind: string }) => d.kind)).toEqual(['handover', 'summary', 'referral']);
    expect(await owner(m)).toBe(A);
    expect((await send(m, 'Thanks for your answers!')).status).toBe(200);
    // The paused question was asked once, then answered with the rest: the history has every Q&A in order.
    const history = await call(m, 'GET', `/v26.0/me/conversations?fields=messages{message,from}&user_id=${PSID}`, { token: TOKEN.A });
    const texts = history.body.data[0].messages.data.map((x: { message: string }) => x.message).reverse();
    expect(texts.filter((t: string) => t === started.body.paused_at)).toHaveLength(1);
    expect(texts.at(-1)).toBe('Thanks for your answers!');
  });

  it('finish without a started flow is a clear 100; the one-call form still runs the whole flow', async () => {
    const m = await start();
    const r = await flow(m, { step: 'finish' });
    expect(r.body.error).toMatchObject({ code: 100, message: expect.stringMatching(/no lead flow is waiting for PSID 9001/) });
    expect((await flow(m, { pause_after: 1 })).body.error.message).toMatch(/with "step": "start"/);
    expect((await flow(m, {})).body.deliveries).toHaveLength(3);
    expect(await owner(m)).toBe(A);
  });

  it('with the ad\'s "Block Send API" off, a send during the flow is a takeover and ends the flow', async () => {
    const m = await start();
    await flow(m, { step: 'start', block_send_api: false });
    expect((await send(m, 'I can take it from here')).status).toBe(200);
    expect(await owner(m)).toBe(A);
    expect((await flow(m, { step: 'finish' })).body.error.code).toBe(100);
  });
});

describe('decisions on thread control', () => {
  it('extend_thread_control after a 7-day lead handover resets the window to 1 day (never cuts it to the duration)', async () => {
    const m = await start();
    await flow(m, { receiving_app_control_expiration: 7 });
    const last = (await call(m, 'GET', '/__lead-kit/state', { auth: 'none' })).body.pages[0].threads[0].last_person_message_at;
    const lastS = Date.parse(last) / 1000;
    expect(await expiration(m)).toBe(lastS + 7 * DAY);
    expect(
      (await call(m, 'POST', '/v26.0/me/extend_thread_control', { json: { recipient: { id: PSID }, duration: HOUR }, token: TOKEN.A }))
        .status,
    ).toBe(200);
    expect(await expiration(m)).toBe(lastS + DAY);
    // Later, a longer extension counts from now.
    await advance(m, '20h');
    await call(m, 'POST', '/v26.0/me/extend_thread_control', { json: { recipient: { id: PSID }, duration: 2 * DAY }, token: TOKEN.A });
    expect(await expiration(m)).toBe(START / 1000 + 20 * HOUR + 2 * DAY);
  });

  it('request_thread_control: refused on a Conversation Routing Page with a default app, accepted without one or when set to "always"', async () => {
    const body = { json: { recipient: { id: PSID } } };
    const m = await start();
    const refused = await call(m, 'POST', '/v26.0/me/request_thread_control', { ...body, token: TOKEN.A });
    expect(refused.body.error).toMatchObject({
      code: 100,
      message: expect.stringMatching(/only supported when the Page has no Conversation Routing default app/),
    });
    await m.close();
    const always = await start(config({ unconfirmed: { request_thread_control: 'always' } }));
    expect((await call(always, 'POST', '/v26.0/me/request_thread_control', { ...body, token: TOKEN.A })).body).toEqual({ success: true });
    await always.close();
    const zero = await start(config({ default_app_id: null, persons: [{ psid: PSID, owner_app_id: D }] }));
    expect((await call(zero, 'POST', '/v26.0/me/request_thread_control', { ...body, token: TOKEN.A })).body).toEqual({ success: true });
  });
});
