import { describe, expect, it } from 'vitest';
import { buildFlow, deliveriesOf, scenarios, shuffle, type FlowInput } from '../../src/webhooks/flow.js';
import { DEFAULTS } from '../../src/webhooks/defaults.js';
import { webhookEnvelopeSchema } from '../../src/schemas/webhook.js';
import { mulberry32 } from '../../src/webhooks/random.js';
import { serializeJson } from '../../src/webhooks/serialize.js';

const input = (over: Partial<FlowInput> = {}): FlowInput => ({
  pageId: '111',
  psid: '222',
  app: { id: '333', name: 'CRM bot' },
  adId: '444',
  adTitle: 'Ad',
  postId: '555',
  photoUrl: 'https://x.test/p.jpg',
  answers: DEFAULTS.answers,
  summary: true,
  keyword: 'support',
  standbyApps: [],
  appIdType: 'number',
  startMs: 1_700_000_000_000,
  timestamps: 'doc',
  ...over,
});
const kinds = (steps: ReturnType<typeof buildFlow>): string[] =>
  steps.map((s) => (s.type === 'state' ? 'state' : `${s.kind}:${s.channel}`));
type Ev = Record<string, any>;
const event = (s: ReturnType<typeof buildFlow>[number]): Ev =>
  s.type === 'delivery' ? ((s.body.entry[0]!.messaging ?? s.body.entry[0]!.standby) as Ev[])[0]! : {};

describe('lead-flow scenarios, in the documented order', () => {
  it('complete: handover (complete) → summary → LEAD_COMPLETE with all answers', () => {
    const steps = buildFlow('complete', input());
    expect(kinds(steps)).toEqual(['handover:messaging', 'summary:messaging', 'referral:messaging']);
    expect(event(steps[0]!).pass_thread_control).toEqual({
      previous_owner_app_id: 413038776280800,
      new_owner_app_id: 333,
      metadata: 'messenger_lead_gen_complete',
    });
    expect(event(steps[1]!).message.text).toBe(
      'Lead summary:\nAre you interested in becoming a reseller?: Yes\nWhat city is your store located?: Zürich\nWhere do you ship from?: São Paulo',
    );
    expect(event(steps[2]!).referral.type).toBe('LEAD_COMPLETE');
    expect(event(steps[2]!).lead.data).toEqual(DEFAULTS.answers);
  });

  it('complete --no-summary drops only the summary', () => {
    expect(kinds(buildFlow('complete', input({ summary: false })))).toEqual(['handover:messaging', 'referral:messaging']);
  });

  it('incomplete: handover (incomplete), no summary, LEAD_INCOMPLETE with the answers given so far', () => {
    const steps = buildFlow('incomplete', input());
    expect(kinds(steps)).toEqual(['handover:messaging', 'referral:messaging']);
    expect(event(steps[0]!).pass_thread_control.metadata).toBe('messenger_lead_gen_incomplete');
    expect(event(steps[1]!).referral.type).toBe('LEAD_INCOMPLETE');
    expect(event(steps[1]!).lead.data).toEqual(DEFAULTS.answers.slice(0, 2));
  });

  it('disqualified: like incomplete, with every answer', () => {
    const steps = buildFlow('disqualified', input());
    expect(event(steps[0]!).pass_thread_control.metadata).toBe('messenger_lead_gen_incomplete');
    expect(event(steps[1]!).lead.data).toEqual(DEFAULTS.answers);
  });

  it('keyword-exit: the keyword reaches the app as a message, standby copies go to other apps, then a release (no webhook)', () => {
    const steps = buildFlow('keyword-exit', input({ keyword: 'Agent', standbyApps: [{ id: '999', name: 'Inbox' }] }));
    expect(kinds(steps)).toEqual(['message:messaging', 'standby:standby', 'state']);
    expect(event(steps[0]!).message.text).toBe('Agent');
    expect(event(steps[1]!).message.text).toBe('Agent');
    expect(steps[1]!.type === 'delivery' && steps[1]!.app.id).toBe('999');
  });

  it('no-app: control is released (no handover, no summary); the referral still goes out', () => {
    const steps = buildFlow('no-app', input());
    expect(kinds(steps)).toEqual(['state', 'referral:messaging']);
  });

  it.each(scenarios)('%s: every payload validates against the webhook envelope schema', (s) => {
    for (const d of deliveriesOf(buildFlow(s, input({ standbyApps: [{ id: '9', name: 'x' }] })))) {
      expect(webhookEnvelopeSchema.safeParse(d.body).error?.issues ?? []).toEqual([]);
    }
  });

  it('timestamps follow the docs (ms handover, s summary/referral) unless --timestamps ms', () => {
    const doc = buildFlow('complete', input());
    expect(event(doc[0]!).timestamp).toBe(1_700_000_000_000);
    expect(event(doc[1]!).timestamp).toBe(1_700_000_001);
    expect(doc[1]!.type === 'delivery' && doc[1]!.body.entry[0]!.time).toBe(1_700_000_001_000);
    const ms = buildFlow('complete', input({ timestamps: 'ms' }));
    expect(event(ms[1]!).timestamp).toBe(1_700_000_001_000);
  });

  it('app ids can be strings, as the messaging_handovers reference types them', () => {
    const steps = buildFlow('complete', input({ appIdType: 'string' }));
    expect(event(steps[0]!).pass_thread_control.previous_owner_app_id).toBe('413038776280800');
    expect(serializeJson(steps[0]!.type === 'delivery' ? steps[0]!.body : {})).toContain('"hop_context":[{"app_id":"333"');
  });

  it('shuffle with the same seed gives the same order', () => {
    const items = [1, 2, 3, 4, 5, 6, 7, 8];
    expect(shuffle(items, mulberry32(42))).toEqual(shuffle(items, mulberry32(42)));
    expect(shuffle(items, mulberry32(42)).sort()).toEqual(items);
    expect(shuffle(items, mulberry32(42))).not.toEqual(shuffle(items, mulberry32(7)));
  });
});
