import type { MessengerField } from '../schemas/mock-config.js';
import type { Answer } from '../webhooks/build.js';
import type { FlowStep, Scenario } from '../webhooks/flow.js';
import { LEADGEN_APP_ID } from '../webhooks/ids.js';
import { messageReceivers } from './rules.js';
import type { MockRuntime } from './routes.js';
import type { MockPage, StoredMessage, Thread } from './state.js';

/**
 * Meta's side of a conversation, driven through the mock's state: a person writes, and a Messenger lead ad
 * runs its flow (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing/messenger-lead-ads, https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing/messenger-lead-ads): the Leadgen app 413038776280800 owns the thread while it asks
 * the questions, then passes control to the connected app or releases it.
 */

/** A person writes to the Page: the history grows, the window reopens, and `messages`/`standby` webhooks go out. */
export function personWrites(rt: MockRuntime, page: MockPage, psid: string, text: string): { message: StoredMessage; receivers: string[] } {
  const t = rt.state.ensureThread(page, psid);
  const message = rt.state.addMessage(page, t, 'person', text);
  // During a lead flow apps get no webhooks unless the ad lets the connected app interrupt (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing/messenger-lead-ads).
  if (t.leadFlow !== null && t.leadFlow.blockSendApi) return { message, receivers: [] };
  const receivers = messageReceivers(page, t);
  rt.webhooks.personMessage(page, t, message, receivers);
  return { message, receivers };
}

/** `receiving_app_control_expiration`: whole days 1–7; "any invalid values … set to 1 day" (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing/messenger-lead-ads). */
export function controlDays(raw: unknown): number {
  return typeof raw === 'number' && Number.isInteger(raw) && raw >= 1 && raw <= 7 ? raw : 1;
}

export interface LeadFlowOptions {
  psid: string;
  /** the ad's connected app; null = none (control is released at the end) */
  appId: string | null;
  answers: readonly Answer[];
  /** the ad's "Block Send API" toggle @default true */
  blockSendApi?: boolean;
  /** receiving_app_control_expiration (days) @default 1 */
  expirationDays?: unknown;
}

/** The person tapped the lead ad and answered: the Leadgen app owns the thread; the Q&A enters the history. */
export function beginLeadFlow(rt: MockRuntime, page: MockPage, o: LeadFlowOptions): Thread {
  const t = rt.state.ensureThread(page, o.psid);
  rt.state.setOwner(page, t, LEADGEN_APP_ID);
  t.expiresAt = null;
  t.leadFlow = { blockSendApi: o.blockSendApi ?? true, appId: o.appId, startedAt: rt.clock.now() };
  for (const a of o.answers) {
    rt.state.addMessage(page, t, 'page', a.question, LEADGEN_APP_ID);
    personWrites(rt, page, o.psid, a.answer);
  }
  return t;
}

/**
 * The flow ends: control passes to the connected app for `expirationDays` from the person's last message, or is
 * released. Silent: the lead handover webhook (with its `hop_context`) is one of the flow's own deliveries.
 */
export function endLeadFlow(
  rt: MockRuntime,
  page: MockPage,
  psid: string,
  to: { pass: string; expirationDays?: unknown } | 'release',
): void {
  const t = rt.state.ensureThread(page, psid);
  t.leadFlow = null;
  if (to === 'release') rt.state.setOwner(page, t, rt.state.fallbackOwner(page));
  else rt.state.setOwner(page, t, to.pass, controlDays(to.expirationDays), t.lastPersonMessageAt ?? rt.clock.now());
}

/** The webhook field each flow delivery belongs to: an app receives it only when subscribed. */
export const FLOW_FIELDS: Readonly<Record<string, MessengerField>> = {
  handover: 'messaging_handovers',
  summary: 'messages',
  referral: 'messaging_referrals',
  message: 'messages',
  standby: 'standby',
  postback: 'messaging_postbacks',
  'ctm-referral': 'messaging_referrals',
};

/** Applies the change of state a flow step stands for, just before its delivery goes out. */
export function applyFlowStep(rt: MockRuntime, page: MockPage, psid: string, step: FlowStep, expirationDays?: unknown): void {
  if (step.type === 'state') return endLeadFlow(rt, page, psid, 'release');
  if (step.kind === 'handover') return endLeadFlow(rt, page, psid, { pass: step.app.id, expirationDays });
  if (step.kind === 'message') {
    // The stop keyword is the person's message: it enters the history (its webhook is the flow's delivery) and
    // ends the flow, releasing control to the business (https://developers.facebook.com/documentation/business-messaging/messenger-platform/discovery/lead-generation-ads-in-messenger; https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing/messenger-lead-ads).
    const t = rt.state.ensureThread(page, psid);
    const text = (step.body.entry[0]?.messaging as Array<{ message?: { text?: string } }> | undefined)?.[0]?.message?.text ?? '';
    rt.state.addMessage(page, t, 'person', text);
    if (t.leadFlow !== null) endLeadFlow(rt, page, psid, 'release');
  }
}

/** The answers that entered the history before the flow ended, per scenario. */
export function answeredIn(scenario: Scenario, answers: readonly Answer[]): readonly Answer[] {
  if (scenario === 'incomplete') return answers.slice(0, Math.max(0, answers.length - 1));
  if (scenario === 'keyword-exit') return [];
  return answers;
}
