import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { parseDuration, parseInstant, VirtualClock } from '../../src/mock/clock.js';
import { demoConfig } from '../../src/mock/demo.js';
import { startMockGraph, type MockGraph } from '../../src/mock/server.js';
import { advance, agent, call, demoMock, proofOf, PSID, START } from './helpers.js';

let mock: MockGraph | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});
afterAll(() => agent.close());

describe('virtual clock', () => {
  it('parses durations and instants', () => {
    expect(parseDuration('25h')).toBe(25 * 3_600_000);
    expect(parseDuration('1d12h')).toBe(36 * 3_600_000);
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('1500ms')).toBe(1500);
    expect(parseDuration('-1h')).toBe(-3_600_000);
    expect(parseDuration(60_000)).toBe(60_000);
    expect(parseDuration('1.5h')).toBe(5_400_000);
    for (const bad of ['', 'h', '25 hours', '1y', 'NaN', null, {}]) expect(parseDuration(bad)).toBeUndefined();
    expect(parseInstant('2026-11-21T10:00:00Z')).toBe(START);
    expect(parseInstant(String(START))).toBe(START);
    expect(parseInstant('tomorrow')).toBeUndefined();
  });

  it('runs at real speed from its start unless frozen, and moves on advance and set', () => {
    let real = 1000;
    const c = new VirtualClock(START, false, () => real);
    real += 250;
    expect(c.now()).toBe(START + 250);
    c.advance(3_600_000);
    expect(c.now()).toBe(START + 250 + 3_600_000);
    c.set(START);
    real += 10;
    expect(c.now()).toBe(START + 10);
    c.freeze(true);
    real += 5000;
    expect(c.now()).toBe(START + 10);
  });

  it('POST /__lead-kit/clock advances, sets and freezes; GET reads it', async () => {
    mock = await demoMock();
    expect((await call(mock, 'GET', '/__lead-kit/clock', { auth: 'none' })).body).toEqual({
      now: '2026-11-21T10:00:00.000Z',
      now_ms: START,
      frozen: true,
    });
    expect((await advance(mock, '25h')).body.now).toBe('2026-11-22T11:00:00.000Z');
    expect((await call(mock, 'POST', '/__lead-kit/clock', { json: { set: '2026-12-01T00:00:00Z' }, auth: 'none' })).body.now).toBe(
      '2026-12-01T00:00:00.000Z',
    );
    const bad = await call(mock, 'POST', '/__lead-kit/clock', { json: { advance: 'soon' }, auth: 'none' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/not a duration/);
  });

  it('expiry: 25 virtual hours after the last message the demo thread is back with the default app, in milliseconds of real time', async () => {
    mock = await demoMock();
    const t0 = Date.now();
    await advance(mock, '25h');
    const r = await call(mock, 'GET', `/v26.0/me/thread_owner?recipient=${PSID}`, { token: 'lead-kit-demo-default-app-token' });
    expect(r.body.data[0].thread_owner.app_id).toBe('498721317747541');
    expect(
      (await call(mock, 'POST', '/v26.0/me/messages', { json: { recipient: { id: PSID }, message: { text: 'late' } } })).body.error
        .error_subcode,
    ).toBe(2018300);
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});

describe('call recording', () => {
  it('records every Graph call with tokens, proofs and secrets redacted; inspection routes are not recorded', async () => {
    const secret = 'app-secret-value-123';
    mock = await startMockGraph({ config: demoConfig({ appSecret: secret }), startTime: START, frozen: true });
    const token = 'lead-kit-demo-page-token';
    await call(mock, 'GET', `/v26.0/me/thread_owner?recipient=${PSID}`, { proof: proofOf(token, secret) });
    await call(mock, 'POST', '/v26.0/me/messages', {
      form: { recipient: `{'id':'${PSID}'}`, message: `{'text':'my token is ${token} and secret ${secret}'}` },
    });
    await call(mock, 'GET', '/v26.0/me/conversations', { auth: 'bearer' });
    await call(mock, 'GET', `/v26.0/debug_token?input_token=${token}`);
    await call(mock, 'GET', '/__lead-kit/state', { auth: 'none' });
    const r = await call(mock, 'GET', '/__lead-kit/calls', { auth: 'none' });
    const calls = r.body.data as Array<Record<string, unknown>>;
    expect(calls.map((c) => c.route)).toEqual(['GET /me/thread_owner', 'POST /me/messages', 'GET /me/conversations', 'GET /debug_token']);
    expect(calls[0]).toMatchObject({
      seq: 1,
      method: 'GET',
      path: '/v26.0/me/thread_owner',
      version: 'v26.0',
      app_id: '2262510160704936',
      psid: PSID,
      status: 200,
      at: '2026-11-21T10:00:00.000Z',
    });
    expect(calls[0]!.query).toEqual({ recipient: PSID, access_token: '<PAGE_ACCESS_TOKEN>', appsecret_proof: '<APPSECRET_PROOF>' });
    expect(calls[1]!.body).toMatchObject({ recipient: { id: PSID }, access_token: '<PAGE_ACCESS_TOKEN>' });
    expect((calls[1]!.body as { message: { text: string } }).message.text).toBe('my token is <REDACTED> and secret <REDACTED>');
    const all = JSON.stringify(r.body) + JSON.stringify((await call(mock, 'GET', '/__lead-kit/state', { auth: 'none' })).body);
    expect(all).not.toContain(token);
    expect(all).not.toContain(secret);
    expect(all).not.toContain(proofOf(token, secret));
  });

  it('?since= returns newer calls only; DELETE forgets them', async () => {
    mock = await demoMock();
    await call(mock, 'GET', '/v26.0/me');
    await call(mock, 'GET', '/v26.0/me/nope');
    const since = await call(mock, 'GET', '/__lead-kit/calls?since=1', { auth: 'none' });
    expect(since.body.data.map((c: { seq: number; status: number; error?: { code: number } }) => [c.seq, c.status, c.error?.code])).toEqual(
      [[2, 400, 100]],
    );
    expect((await call(mock, 'DELETE', '/__lead-kit/calls', { auth: 'none' })).body).toEqual({ success: true });
    expect((await call(mock, 'GET', '/__lead-kit/calls', { auth: 'none' })).body.data).toEqual([]);
    expect(mock.calls).toHaveLength(0);
  });

  it('keeps only the most recent max_calls calls', async () => {
    mock = await startMockGraph({ config: { ...demoConfig(), max_calls: 10 } });
    for (let i = 0; i < 130; i++) await call(mock, 'GET', '/v26.0/me?fields=id');
    expect(mock.calls.length).toBeLessThanOrEqual(110);
    expect(mock.calls.at(-1)!.seq).toBe(130);
  });

  it('GET /__lead-kit/state shows owners, windows and history without secrets', async () => {
    mock = await demoMock();
    const s = (await call(mock, 'GET', '/__lead-kit/state', { auth: 'none' })).body;
    expect(s.pages[0].threads[0]).toMatchObject({
      psid: PSID,
      owner_app_id: '2262510160704936',
      control_expires_at: '2026-11-22T10:00:00.000Z',
      window_open: true,
      in_lead_flow: false,
    });
    expect(s.pages[0].connected_apps[0].token).toBe('<PAGE_ACCESS_TOKEN>');
  });
});
