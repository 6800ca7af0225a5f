import {
  buildHandover,
  buildLeadReferral,
  buildMessage,
  buildSummary,
  toStandby,
  type AdContext,
  type Answer,
  type Envelope,
} from './build.js';
import { LEADGEN_APP_ID, messageId, type AppIdType } from './ids.js';

export const scenarios = ['complete', 'incomplete', 'disqualified', 'keyword-exit', 'no-app'] as const;
export type Scenario = (typeof scenarios)[number];

export const scenarioHelp: Record<Scenario, string> = {
  complete: 'handover (messenger_lead_gen_complete) → lead summary → LEAD_COMPLETE referral',
  incomplete: 'the person dropped out: handover (messenger_lead_gen_incomplete) → LEAD_INCOMPLETE referral with the answers so far',
  disqualified: 'a disqualifying answer: handover (messenger_lead_gen_incomplete) → LEAD_INCOMPLETE referral with all answers',
  'keyword-exit': 'the person types a stop keyword: it reaches the app as a message; control is released to the business',
  'no-app': 'no connected app: control is released (no handover); a subscribed app gets the LEAD_COMPLETE referral only',
};

/** A kind of webhook lead-kit can build (`lead-kit webhook <kind>`). */
export type WebhookKind = 'handover' | 'summary' | 'referral' | 'message' | 'postback' | 'standby' | 'ctm-referral';

export interface App {
  id: string;
  name: string;
}

export interface FlowInput extends AdContext {
  pageId: string;
  psid: string;
  /** the connected app that receives control after the flow */
  app: App;
  answers: readonly Answer[];
  /** send the lead summary message (complete leads only) @default true */
  summary: boolean;
  /** the stop keyword of `keyword-exit` */
  keyword: string;
  /** other subscribed apps: they get `standby` copies of the person's messages */
  standbyApps: readonly App[];
  appIdType: AppIdType;
  /** epoch ms of the first event */
  startMs: number;
  /**
   * `doc`: timestamps as in Meta's examples (ms for the handover, seconds for summary and referral);
   * `ms`: milliseconds everywhere, as the webhooks reference shows.
   */
  timestamps: 'doc' | 'ms';
}

/** One step of a flow: a webhook to deliver, or a change of control that sends none. */
export type FlowStep =
  | {
      type: 'delivery';
      kind: WebhookKind | 'leadgen';
      app: App;
      channel: 'messaging' | 'standby';
      body: Envelope;
      note: string;
      forged?: boolean;
    }
  | { type: 'state'; note: string };

const LEADGEN: App = { id: LEADGEN_APP_ID, name: 'Messenger Leadgen app' };

/**
 * The webhooks a lead-ad flow produces, in the documented order (https://developers.facebook.com/docs/messenger-platform/handover-protocol/messenger-lead-ads-hop, https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing/messenger-lead-ads, https://developers.facebook.com/documentation/business-messaging/messenger-platform/discovery/lead-generation-ads-in-messenger, https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing/messenger-lead-ads):
 * the handover triggers on the change of control, so it arrives before the summary message.
 */
export function buildFlow(scenario: Scenario, input: FlowInput): FlowStep[] {
  let offset = 0;
  const clock = (): { time: number; ms: number; s: number } => {
    const ms = input.startMs + offset;
    offset += 1000;
    return { time: ms, ms, s: Math.floor(ms / 1000) };
  };
  const ts = (c: { ms: number; s: number }, docUnit: 'ms' | 's'): number => (input.timestamps === 'ms' || docUnit === 'ms' ? c.ms : c.s);
  const base = { pageId: input.pageId, psid: input.psid, appIdType: input.appIdType };
  const ad = { adId: input.adId, adTitle: input.adTitle, postId: input.postId, photoUrl: input.photoUrl };

  const handover = (metadata: string): FlowStep => {
    const c = clock();
    return {
      type: 'delivery',
      kind: 'handover',
      app: input.app,
      channel: 'messaging',
      note: `control passes from the ${LEADGEN.name} to ${input.app.name} (${metadata})`,
      body: buildHandover({ ...base, time: c.time, timestamp: ts(c, 'ms'), newOwnerAppId: input.app.id, metadata, hopContext: true }),
    };
  };
  const referral = (type: 'LEAD_COMPLETE' | 'LEAD_INCOMPLETE', answers: readonly Answer[], app: App): FlowStep => {
    const c = clock();
    return {
      type: 'delivery',
      kind: 'referral',
      app,
      channel: 'messaging',
      note: `${type} with ${answers.length} answer${answers.length === 1 ? '' : 's'}`,
      body: buildLeadReferral({ ...base, ...ad, time: c.time, timestamp: ts(c, 's'), type, answers }),
    };
  };
  const summary = (): FlowStep => {
    const c = clock();
    return {
      type: 'delivery',
      kind: 'summary',
      app: input.app,
      channel: 'messaging',
      note: 'lead summary message (not shown in the thread)',
      body: buildSummary({
        ...base,
        time: c.time,
        timestamp: ts(c, 's'),
        answers: input.answers,
        mid: messageId(input.psid, c.ms, 'summary'),
        hopAppId: input.app.id,
      }),
    };
  };

  switch (scenario) {
    case 'complete':
      return [
        handover('messenger_lead_gen_complete'),
        ...(input.summary ? [summary()] : []),
        referral('LEAD_COMPLETE', input.answers, input.app),
      ];
    case 'incomplete':
      return [
        handover('messenger_lead_gen_incomplete'),
        referral('LEAD_INCOMPLETE', input.answers.slice(0, Math.max(0, input.answers.length - 1)), input.app),
      ];
    case 'disqualified':
      return [handover('messenger_lead_gen_incomplete'), referral('LEAD_INCOMPLETE', input.answers, input.app)];
    case 'keyword-exit': {
      // Seed 002: the keyword reaches the connected app as a messages webhook; the ad's confirmation reply does not.
      const c = clock();
      const message = buildMessage({
        ...base,
        time: c.time,
        timestamp: c.ms,
        mid: messageId(input.psid, c.ms, 'keyword'),
        text: input.keyword,
      });
      const steps: FlowStep[] = [
        {
          type: 'delivery',
          kind: 'message',
          app: input.app,
          channel: 'messaging',
          note: `the person typed the stop keyword "${input.keyword}"`,
          body: message,
        },
        ...input.standbyApps.map((app): FlowStep => ({
          type: 'delivery',
          kind: 'standby',
          app,
          channel: 'standby',
          note: 'standby copy of the keyword message',
          body: toStandby(message),
        })),
        { type: 'state', note: 'the flow ends and control is released to the business (a release sends no webhook)' },
      ];
      return steps;
    }
    case 'no-app':
      // Seed 001: with no app defined, control is released (no handover webhook, no summary). Seed 002: the
      // lead referral is always sent to apps subscribed to messaging_referrals.
      return [
        { type: 'state', note: 'no connected app: the Leadgen app releases control (no webhook)' },
        referral('LEAD_COMPLETE', input.answers, input.app),
      ];
  }
}

/** Deliveries only, numbered from 1 in the order given. */
export function deliveriesOf(steps: readonly FlowStep[]): Array<Extract<FlowStep, { type: 'delivery' }>> {
  return steps.filter((s): s is Extract<FlowStep, { type: 'delivery' }> => s.type === 'delivery');
}

/** Fisher–Yates with an injected random source, so tests can fix the order. */
export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
