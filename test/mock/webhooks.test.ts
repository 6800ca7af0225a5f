import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../../src/receiver/server.js';
import { startMockGraph, type MockGraph } from '../../src/mock/server.js';
import type { MockConfigInput } from '../../src/schemas/mock-config.js';
import { LEADGEN_APP_ID } from '../../src/webhooks/ids.js';
import { agent, call, START } from './helpers.js';

const A = '101';
const B = '102';
const D = '103';
const TOKEN = { A: 'token-app-a-0001', B: 'token-app-b-0002', D: 'token-default-03' };
const SECRET = { A: 'secret-of-app-a', B: 'secret-of-app-b', D: 'secret-of-app-d' };
const PSID = '9001';

let receivers: Record<'A' | 'B' | 'D', Receiver>;
let mock: MockGraph;

beforeEach(async () => {
  receivers = {
    A: await startReceiver({ appSecret: SECRET.A }),
    B: await startReceiver({ appSecret: SECRET.B }),
    D: await startReceiver({ appSecret: SECRET.D }),
  };
});
afterEach(async () => {
  await mock?.close();
  await Promise.all(Object.values(receivers).map((r) => r.close()));
});
afterAll(() => agent.close());

function config(
  o: { rules?: 'conversation-routing' | 'handover-protocol'; bTakes?: boolean; aFields?: string[]; dFields?: string[] } = {},
): MockConfigInput {
  return {
    apps: (['A', 'B', 'D'] as const).map((k) => ({
      id: { A, B, D }[k],
      name: `App ${k}`,
      secret: SECRET[k],
      webhook_url: receivers[k].url,
    })),
    pages: [
      {
        id: '500',
        rules: o.rules ?? 'conversation-routing',
        default_app_id: D,
        connected_apps: [
          { app_id: A, token: TOKEN.A, ...(o.aFields ? { subscribed_fields: o.aFields } : {}) },
          { app_id: B, token: TOKEN.B, may_take_control: o.bTakes ?? false },
          { app_id: D, token: TOKEN.D, subscribed_fields: o.dFields ?? ['messages', 'messaging_handovers'] },
        ],
        persons: [{ psid: PSID, owner_app_id: A }],
      },
    ],
  };
}

async function start(c: MockConfigInput): Promise<MockGraph> {
  mock = await startMockGraph({ config: c, startTime: START, frozen: true });
  return mock;
}

type Received = { channel: 'messaging' | 'standby'; event: Record<string, unknown>; sha256: string; sha1: string; raw: string };
function received(k: 'A' | 'B' | 'D'): Received[] {
  return receivers[k].deliveries
    .filter((d) => d.kind === 'event')
    .flatMap((d) => {
      const body = JSON.parse(d.body.toString('utf8')) as {
        entry: Array<{ messaging?: Array<Record<string, unknown>>; standby?: Array<Record<string, unknown>> }>;
      };
      return body.entry.flatMap((e) => [
        ...(e.messaging ?? []).map((event) => ({
          channel: 'messaging' as const,
          event,
          sha256: d.sha256,
          sha1: d.sha1,
          raw: d.body.toString('utf8'),
        })),
        ...(e.standby ?? []).map((event) => ({
          channel: 'standby' as const,
          event,
          sha256: d.sha256,
          sha1: d.sha1,
          raw: d.body.toString('utf8'),
        })),
      ]);
    });
}
const post = (who: keyof typeof TOKEN, edge: string, json: Record<string, unknown>) =>
  call(mock, 'POST', `/v26.0/me/${edge}`, { token: TOKEN[who], json: { recipient: { id: PSID }, ...json } });

describe('webhooks the mock sends', () => {
  it('pass → pass_thread_control to the new owner only, signed with its own secret (sha256 and sha1)', async () => {
    await start(config());
    expect((await post('A', 'pass_thread_control', { target_app_id: B, metadata: 'over to you' })).status).toBe(200);
    await mock.flush();
    const got = received('B');
    expect(got).toHaveLength(1);
    expect(got[0]!.channel).toBe('messaging');
    expect(got[0]!.event.pass_thread_control).toEqual({
      previous_owner_app_id: Number(A),
      new_owner_app_id: Number(B),
      metadata: 'over to you',
    });
    expect(got[0]!.event.sender).toEqual({ id: PSID });
    expect([got[0]!.sha256, got[0]!.sha1]).toEqual(['valid', 'valid']);
    expect(received('A')).toEqual([]);
    expect(received('D')).toEqual([]);
    expect(receivers.B.deliveries[0]!.headers['facebook-api-version']).toBe('v26.0');
  });

  it('take → take_thread_control to the app that lost control', async () => {
    await start(config({ bTakes: true }));
    expect((await post('B', 'take_thread_control', { metadata: 'agent joined' })).status).toBe(200);
    await mock.flush();
    expect(received('A').map((r) => r.event.take_thread_control)).toEqual([
      { previous_owner_app_id: Number(A), new_owner_app_id: Number(B), metadata: 'agent joined' },
    ]);
    expect(received('A')[0]!.sha256).toBe('valid');
    expect(received('B')).toEqual([]);
  });

  it('a Send API message by an app allowed to take control sends take_thread_control to the previous owner', async () => {
    await start(config({ bTakes: true }));
    expect((await post('B', 'messages', { message: { text: 'Hi, this is Jo from support' } })).status).toBe(200);
    await mock.flush();
    expect(received('A').map((r) => Object.keys(r.event))).toEqual([['recipient', 'timestamp', 'sender', 'take_thread_control']]);
  });

  it('release → no webhook to anyone', async () => {
    await start(config());
    expect((await post('A', 'release_thread_control', {})).status).toBe(200);
    await mock.flush();
    expect([...received('A'), ...received('B'), ...received('D')]).toEqual([]);
    expect(mock.webhooks).toEqual([]);
  });

  it("a person's message → messages to the owner, standby copies to other apps subscribed to standby", async () => {
    await start(config());
    const r = await call(mock, 'POST', '/__lead-kit/message', { json: { psid: PSID, text: 'Can I come by in Zürich?' }, auth: 'none' });
    expect(r.body.messaging).toEqual([A]);
    await mock.flush();
    expect(received('A').map((x) => [x.channel, (x.event.message as { text: string }).text])).toEqual([
      ['messaging', 'Can I come by in Zürich?'],
    ]);
    expect(received('B').map((x) => x.channel)).toEqual(['standby']);
    // D subscribed to messages and messaging_handovers only: no standby copy.
    expect(received('D')).toEqual([]);
    // Meta's escaped form on the wire, and the signature covers those bytes.
    expect(received('A')[0]!.raw).toContain('Z\\u00fcrich');
    expect(received('A')[0]!.sha256).toBe('valid');
  });

  it('an app only receives the fields it subscribed to', async () => {
    await start(config({ aFields: ['messages'] }));
    await post('A', 'pass_thread_control', { target_app_id: D });
    await post('D', 'pass_thread_control', { target_app_id: A });
    await mock.flush();
    expect(received('D').map((x) => Object.keys(x.event).at(-1))).toEqual(['pass_thread_control']);
    expect(received('A')).toEqual([]);
  });

  it('HOP request_thread_control → request_thread_control to the owner', async () => {
    await start(config({ rules: 'handover-protocol' }));
    expect((await post('B', 'request_thread_control', { metadata: 'may I?' })).status).toBe(200);
    await mock.flush();
    expect(received('A').map((x) => x.event.request_thread_control)).toEqual([{ requested_owner_app_id: Number(B), metadata: 'may I?' }]);
  });

  it('POST /__lead-kit/lead-flow delivers the lead handover, summary and referral to the connected app', async () => {
    await start(config());
    const r = await call(mock, 'POST', '/__lead-kit/lead-flow', {
      json: { scenario: 'complete', psid: PSID, app_id: A, receiving_app_control_expiration: 3 },
      auth: 'none',
    });
    expect(r.status).toBe(200);
    const events = received('A').map((x) => x.event);
    expect(events[0]!.pass_thread_control).toEqual({
      previous_owner_app_id: Number(LEADGEN_APP_ID),
      new_owner_app_id: Number(A),
      metadata: 'messenger_lead_gen_complete',
    });
    expect((events[1]!.message as { text: string }).text).toMatch(/^Lead summary:\n/);
    expect((events[2]!.referral as { type: string }).type).toBe('LEAD_COMPLETE');
    expect(received('A').every((x) => x.sha256 === 'valid')).toBe(true);
    const owner = await call(mock, 'GET', `/v26.0/me/thread_owner?recipient=${PSID}`, { token: TOKEN.A });
    expect(owner.body.data[0].thread_owner).toEqual({ app_id: A, expiration: START / 1000 + 3 * 86_400 });
  });

  it('records a webhook it could not send (no webhook_url) with the reason', async () => {
    const c = config();
    delete c.apps[1]!.webhook_url;
    await start(c);
    await post('A', 'pass_thread_control', { target_app_id: B });
    const r = await call(mock, 'GET', '/__lead-kit/webhooks', { auth: 'none' });
    expect(r.body.data).toEqual([
      expect.objectContaining({
        app_id: B,
        field: 'messaging_handovers',
        status: null,
        ok: false,
        reason: 'not sent: the app has no webhook_url',
      }),
    ]);
  });
});
