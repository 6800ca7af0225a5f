import { PAGE_INBOX_APP_ID } from '../webhooks/ids.js';
import { DAY_MS } from './clock.js';
import { graphErrors, pageError } from './errors.js';
import { MockState, type MockPage, type Thread, type TokenInfo } from './state.js';
import type { WebhookSender } from './webhooks.js';

/**
 * Conversation Routing and Handover Protocol rules (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing): who may send, pass, release,
 * take, request and extend, which error each refusal returns, and which webhooks each change of control sends.
 * Doc pages: https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing
 * (2025) and https://developers.facebook.com/docs/messenger-platform/conversation-routing (the older revision).
 */
export interface Rules {
  state: MockState;
  webhooks: WebhookSender;
}

/** The conversation with `psid`, or 100/2018001 when the person never wrote to this Page. */
export function requireThread(r: Rules, page: MockPage, psid: string): Thread {
  const t = r.state.thread(page, psid);
  if (t === undefined) throw graphErrors.noMatchingUser();
  return t;
}

const zeroConfig = (page: MockPage): boolean => page.defaultAppId === null;

/** May `appId` act for the thread now: it owns it, or it is idle and the app may answer idle threads. */
function mayAct(page: MockPage, t: Thread, appId: string): boolean {
  if (t.ownerAppId === appId) return true;
  if (t.ownerAppId !== null) return false;
  // Idle: with no default app every connected app may act ("default behaviour", https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing); else only the default app.
  return zeroConfig(page) || page.defaultAppId === appId;
}

/** Take, request and extend are Handover Protocol calls the older CR revision disabled on Pages with a default app (https://developers.facebook.com/docs/messenger-platform/conversation-routing). */
function checkHopCall(page: MockPage): void {
  if (page.rules === 'conversation-routing' && page.unconfirmed.hop_calls === 'disabled' && page.defaultAppId !== null)
    throw pageError('hop_disabled', page.unconfirmed);
}

/** POST /pass_thread_control, or Send API `thread_control` pass: control to `target` (default app when absent). */
export function passControl(r: Rules, caller: TokenInfo, t: Thread, target: string | undefined, metadata?: string): void {
  const { page } = caller;
  if (!mayAct(page, t, caller.appId)) throw graphErrors.notOwner();
  const to = target ?? page.defaultAppId;
  if (to === null) throw graphErrors.param('target_app_id is required: this Page has no default app to pass to');
  if (!page.connections.has(to) && to !== page.defaultAppId && to !== PAGE_INBOX_APP_ID) throw graphErrors.badAppId(to);
  const previous = t.ownerAppId;
  r.state.setOwner(page, t, to);
  r.webhooks.pass(page, t, previous, to, metadata);
}

/** POST /release_thread_control, or `thread_control` release: back to the default app (or idle); no webhook (https://developers.facebook.com/docs/messenger-platform/conversation-routing). */
export function releaseControl(r: Rules, caller: TokenInfo, t: Thread): void {
  if (t.ownerAppId === null) return;
  if (t.ownerAppId !== caller.appId) throw graphErrors.notOwner();
  r.state.setOwner(caller.page, t, r.state.fallbackOwner(caller.page));
}

/** POST /take_thread_control: control to the caller; take_thread_control goes to the app that lost it. */
export function takeControl(r: Rules, caller: TokenInfo, t: Thread, metadata?: string): void {
  const { page } = caller;
  checkHopCall(page);
  const owner = t.ownerAppId;
  if (owner === caller.appId) return;
  if (t.leadFlow !== null) throw pageError('lead_flow', page.unconfirmed);
  if (page.rules === 'conversation-routing') {
    // 2025 page: take is blocked while the Page has no default app; otherwise it needs the per-app toggle.
    if (zeroConfig(page)) throw pageError('take_denied', page.unconfirmed, 'The Page has no Conversation Routing default app.');
    if (owner !== null && !caller.connection.mayTakeControl)
      throw pageError('take_denied', page.unconfirmed, 'Turn on "Take control of conversations" for this app in Page settings.');
  } else if (owner !== null && caller.appId !== page.defaultAppId) {
    // HOP: only the primary receiver may take a thread another app owns.
    throw pageError('take_denied', page.unconfirmed, 'Only the primary receiver may take control.');
  }
  r.state.setOwner(page, t, caller.appId);
  if (owner !== null) r.webhooks.take(page, t, owner, caller.appId, metadata);
}

/**
 * POST /request_thread_control: asks the owner (a request_thread_control webhook); control does not move. The
 * 2025 Conversation Routing page supports it "only in default" behaviour (no default app), so a CR Page with a
 * default app refuses it unless `unconfirmed.request_thread_control` is "always"
 * (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing).
 */
export function requestControl(r: Rules, caller: TokenInfo, t: Thread, metadata?: string): void {
  checkHopCall(caller.page);
  const { page } = caller;
  if (page.rules === 'conversation-routing' && !zeroConfig(page) && page.unconfirmed.request_thread_control === 'default-behaviour-only')
    throw pageError('request_unsupported', page.unconfirmed);
  const owner = t.ownerAppId;
  if (owner === null || owner === caller.appId) return;
  r.webhooks.request(caller.page, t, owner, caller.appId, metadata);
}

/** Longest extension `extend_thread_control` accepts: 7 days, in seconds (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing). */
export const MAX_EXTEND_SECONDS = 7 * 24 * 3600;

/**
 * POST /extend_thread_control: a Conversation Routing action, so it first resets the control window to 1 day
 * ("any Conversation Routing actions would also reset the thread control window to 1 day",
 * https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing/messenger-lead-ads),
 * then extends it to `seconds` from now when that is later. A 7-day lead handover extended by 1 hour thus keeps
 * 1 day from the person's last message, never 1 hour; an extension never shortens the 1-day window.
 */
export function extendControl(r: Rules, caller: TokenInfo, t: Thread, seconds: number): void {
  checkHopCall(caller.page);
  if (t.ownerAppId !== caller.appId) throw graphErrors.notOwner();
  if (t.expiresAt === null) return;
  const now = r.state.clock.now();
  t.controlDays = 1;
  t.expiresAt = Math.max((t.lastPersonMessageAt ?? now) + DAY_MS, now + seconds * 1000);
}

/** Message tags Meta retired on Apr 27, 2026: they now answer error 100 (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing). */
export const RETIRED_TAGS = ['CONFIRMED_EVENT_UPDATE', 'ACCOUNT_UPDATE', 'POST_PURCHASE_UPDATE'];

/**
 * May the caller send to this thread now? Checks, in order: the lead flow's Send API block (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing/messenger-lead-ads), thread
 * ownership (2018300; an app with "Take control of conversations" takes control instead, https://developers.facebook.com/docs/messenger-platform/conversation-routing), and the
 * messaging window (24 h; HUMAN_AGENT 7 days; other tags none; https://developers.facebook.com/documentation/business-messaging/messenger-platform/send-messages). Applies the take only when all pass.
 */
export function authorizeSend(r: Rules, caller: TokenInfo, t: Thread, messagingType: string | undefined, tag: string | undefined): void {
  const { page } = caller;
  if (t.leadFlow !== null && t.leadFlow.blockSendApi) throw pageError('lead_flow', page.unconfirmed);
  const owner = t.ownerAppId;
  const interrupting = t.leadFlow !== null;
  const takes =
    !mayAct(page, t, caller.appId) &&
    (interrupting || (page.rules === 'conversation-routing' && caller.connection.mayTakeControl && owner !== null));
  if (!mayAct(page, t, caller.appId) && !takes) {
    throw pageError(
      'another_app_controls',
      page.unconfirmed,
      owner === null ? 'While a thread is idle only the default app may send.' : '',
    );
  }
  if (messagingType === 'MESSAGE_TAG') {
    if (tag === 'HUMAN_AGENT') {
      if (!r.state.windowOpen(t, 7 * DAY_MS)) throw graphErrors.outsideWindow();
    } else if (tag === undefined || RETIRED_TAGS.includes(tag)) {
      throw graphErrors.param(
        tag === undefined
          ? 'The parameter tag is required when messaging_type is MESSAGE_TAG'
          : `The message tag ${tag} is no longer supported`,
      );
    }
  } else if (!r.state.windowOpen(t)) {
    throw graphErrors.outsideWindow();
  }
  if (!takes) return;
  if (interrupting) {
    // "Allow connected app to interrupt": sending during the flow is a takeover; the flow ends (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing/messenger-lead-ads).
    t.leadFlow = null;
    r.state.setOwner(page, t, caller.appId);
    return;
  }
  r.state.setOwner(page, t, caller.appId);
  r.webhooks.take(page, t, owner!, caller.appId);
}

/**
 * Who gets a person's message on `messaging[]`: the owner; when idle, the default app, or every app when the
 * Page has no default app. During a lead flow apps get nothing unless the ad lets them interrupt (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing/messenger-lead-ads).
 */
export function messageReceivers(page: MockPage, t: Thread): string[] {
  if (t.leadFlow !== null) return !t.leadFlow.blockSendApi && t.leadFlow.appId !== null ? [t.leadFlow.appId] : [];
  if (t.ownerAppId !== null) return MockState.isLeadgen(t.ownerAppId) ? [] : [t.ownerAppId];
  if (page.defaultAppId !== null) return [page.defaultAppId];
  return [...page.connections.keys()];
}
