import { appIdValue, PAGE_INBOX_APP_ID } from '../webhooks/ids.js';
import { jsonNumber, jsonString, PreparedJson } from './answer.js';
import { DAY_MS } from './clock.js';
import { graphErrors } from './errors.js';
import { requireRecipient, stringParam } from './request.js';
import {
  authorizeSend,
  extendControl,
  MAX_EXTEND_SECONDS,
  passControl,
  releaseControl,
  requestControl,
  requireThread,
  takeControl,
} from './rules.js';
import type { HandlerContext } from './context.js';

/**
 * GET /{page}/thread_owner?recipient=<PSID> (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing): the owner's app_id and expiration for the
 * owner and the default app; only the expiration for other apps while the thread is not idle; else empty.
 * `expiration` is in epoch seconds; for control that does not expire it is the end of the 24-hour window (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing).
 */
export function getThreadOwner(ctx: HandlerContext): PreparedJson {
  const psid = requireRecipient(ctx.params);
  const t = requireThread(ctx.rt, ctx.page, psid);
  if (t.ownerAppId === null) return NO_OWNER;
  const id =
    ctx.caller.appId === t.ownerAppId || ctx.caller.appId === ctx.page.defaultAppId
      ? appIdValue(t.ownerAppId, ctx.page.unconfirmed.thread_owner_app_id)
      : undefined;
  // Control that does not expire (the default app, a lead flow) reports the end of the person's 24-hour window.
  const until = t.expiresAt ?? (t.lastPersonMessageAt === null ? null : t.lastPersonMessageAt + DAY_MS);
  const expiration = until === null ? undefined : Math.floor(until / 1000);
  // An app polling its thread asks the same question again and again: the last answer is kept while it holds.
  if (lastOwner === undefined || lastOwner.id !== id || lastOwner.expiration !== expiration) {
    // {"data":[{"thread_owner":{"app_id":…,"expiration":…}}]}, written out: this is the hot GET route.
    let owner = id === undefined ? '' : `"app_id":${typeof id === 'number' ? jsonNumber(id) : jsonString(id)}`;
    if (expiration !== undefined) owner += `${owner === '' ? '' : ','}"expiration":${jsonNumber(expiration)}`;
    lastOwner = { id, expiration, answer: new PreparedJson(`{"data":[{"thread_owner":{${owner}}}]}`) };
  }
  return lastOwner.answer;
}

let lastOwner: { id: string | number | undefined; expiration: number | undefined; answer: PreparedJson } | undefined;

const NO_OWNER = new PreparedJson('{"data":[]}');

const metadataOf = (ctx: HandlerContext): string | undefined => stringParam(ctx.params, 'metadata');

/** POST /{page}/pass_thread_control {recipient, target_app_id?, metadata?} → {success: true}. */
export function postPass(ctx: HandlerContext): unknown {
  const t = requireThread(ctx.rt, ctx.page, requireRecipient(ctx.params));
  const target = stringParam(ctx.params, 'target_app_id');
  if (target !== undefined && !/^\d+$/.test(target)) throw graphErrors.param('param target_app_id must be a valid app id');
  passControl(ctx.rt, ctx.caller, t, target, metadataOf(ctx));
  return { success: true };
}

/** POST /{page}/release_thread_control {recipient, metadata?} → {success: true}; no webhook. */
export function postRelease(ctx: HandlerContext): unknown {
  releaseControl(ctx.rt, ctx.caller, requireThread(ctx.rt, ctx.page, requireRecipient(ctx.params)));
  return { success: true };
}

/** POST /{page}/take_thread_control {recipient, metadata?} → {success: true}. */
export function postTake(ctx: HandlerContext): unknown {
  takeControl(ctx.rt, ctx.caller, requireThread(ctx.rt, ctx.page, requireRecipient(ctx.params)), metadataOf(ctx));
  return { success: true };
}

/** POST /{page}/request_thread_control {recipient, metadata?} → {success: true}. */
export function postRequest(ctx: HandlerContext): unknown {
  requestControl(ctx.rt, ctx.caller, requireThread(ctx.rt, ctx.page, requireRecipient(ctx.params)), metadataOf(ctx));
  return { success: true };
}

/** POST /{page}/extend_thread_control {recipient, duration (seconds, ≤ 7 days)} → {success: true}. */
export function postExtend(ctx: HandlerContext): unknown {
  const t = requireThread(ctx.rt, ctx.page, requireRecipient(ctx.params));
  const raw = stringParam(ctx.params, 'duration');
  const seconds = raw === undefined ? NaN : Number(raw);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_EXTEND_SECONDS) {
    throw graphErrors.param(`param duration must be a whole number of seconds from 1 to ${MAX_EXTEND_SECONDS} (7 days)`);
  }
  extendControl(ctx.rt, ctx.caller, t, seconds);
  return { success: true };
}

type ThreadControl = { kind: 'pass' | 'release'; appId?: string };

/**
 * `thread_control` of the Send API: `{app_id, control_type}` (control_type defaults to release) or the older
 * `{payload: "pass_thread_control" | "release_thread_control"}` (default app only); both together is the
 * platform's error (https://developers.facebook.com/docs/messenger-platform/conversation-routing "Payload-based and id-based parameters cannot be combined").
 */
function threadControl(ctx: HandlerContext): ThreadControl | undefined {
  const tc = ctx.params.thread_control;
  if (tc === undefined || tc === null || tc === '') return undefined;
  if (typeof tc !== 'object' || Array.isArray(tc)) throw graphErrors.param('param thread_control must be an object');
  if (ctx.page.rules === 'handover-protocol') {
    // Instagram's CR page: thread_control works only with Conversation Routing; Messenger unconfirmed (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing).
    throw graphErrors.param('thread_control is only supported on Pages that use Conversation Routing');
  }
  const o = tc as Record<string, unknown>;
  const hasPayload = o.payload !== undefined;
  const hasId = o.app_id !== undefined || o.control_type !== undefined;
  if (hasPayload && hasId)
    throw graphErrors.param(
      'Payload-based and id-based thread_control parameters cannot be combined: send either payload or app_id/control_type',
    );
  if (hasPayload) {
    if (ctx.page.unconfirmed.thread_control_payload === 'reject')
      throw graphErrors.param('thread_control.payload is not supported: use app_id and control_type');
    if (o.payload === 'pass_thread_control') return { kind: 'pass' };
    if (o.payload === 'release_thread_control') return { kind: 'release' };
    throw graphErrors.param('thread_control.payload must be pass_thread_control or release_thread_control');
  }
  const type = o.control_type ?? 'release';
  if (type !== 'pass' && type !== 'release') throw graphErrors.param('thread_control.control_type must be pass or release');
  const appId = o.app_id === undefined || o.app_id === null ? undefined : String(o.app_id);
  if (appId !== undefined && !/^\d+$/.test(appId)) throw graphErrors.param('thread_control.app_id must be a valid app id');
  return appId === undefined ? { kind: type } : { kind: type, appId };
}

const MESSAGING_TYPES = ['RESPONSE', 'UPDATE', 'MESSAGE_TAG'];

/** What a message looks like in the conversation history. */
function messageText(message: unknown): string {
  if (message === null || typeof message !== 'object' || Array.isArray(message)) throw graphErrors.param('param message must be an object');
  const m = message as Record<string, unknown>;
  if (typeof m.text === 'string' && m.text !== '') return m.text;
  const att = m.attachment as { type?: unknown } | undefined;
  if (att !== undefined && att !== null && typeof att === 'object') return `[${typeof att.type === 'string' ? att.type : 'attachment'}]`;
  throw graphErrors.param('param message must be non-empty: send message.text or message.attachment');
}

/** POST /{page}/messages (Send API, with or without thread_control) → {recipient_id, message_id}. */
export function postMessages(ctx: HandlerContext): PreparedJson {
  const psid = requireRecipient(ctx.params);
  const messagingType = stringParam(ctx.params, 'messaging_type');
  if (messagingType !== undefined && !MESSAGING_TYPES.includes(messagingType))
    throw graphErrors.param(`param messaging_type must be one of ${MESSAGING_TYPES.join(', ')}`);
  const senderAction = stringParam(ctx.params, 'sender_action');
  const hasMessage = ctx.params.message !== undefined && ctx.params.message !== '';
  const control = threadControl(ctx);
  const controlOnly =
    !hasMessage && senderAction === undefined && control !== undefined && ctx.page.unconfirmed.thread_control_without_message === 'accept';
  if (!hasMessage && senderAction === undefined && !controlOnly) throw graphErrors.param('Must send either message or sender_action');
  const text = hasMessage ? messageText(ctx.params.message) : undefined;
  const target = control?.kind === 'pass' ? control.appId : undefined;
  // Check the pass target before sending, so a bad app id does not leave a sent message behind.
  if (target !== undefined && !ctx.page.connections.has(target) && target !== ctx.page.defaultAppId && target !== PAGE_INBOX_APP_ID)
    throw graphErrors.badAppId(target);
  const t = requireThread(ctx.rt, ctx.page, psid);
  authorizeSend(ctx.rt, ctx.caller, t, messagingType, stringParam(ctx.params, 'tag'));
  const m = text === undefined ? undefined : ctx.rt.state.addMessage(ctx.page, t, 'page', text, ctx.caller.appId);
  if (control?.kind === 'pass') passControl(ctx.rt, ctx.caller, t, control.appId, undefined);
  else if (control?.kind === 'release') releaseControl(ctx.rt, ctx.caller, t);
  // {"recipient_id":…,"message_id":…}, written out: this is the hot POST route. Neither string needs escaping:
  // requireRecipient allows digits only, and a message id is "m_" and base64url.
  const recipient = `{"recipient_id":"${psid}"`;
  return new PreparedJson(m === undefined ? `${recipient}}` : `${recipient},"message_id":"${m.id}"}`);
}
