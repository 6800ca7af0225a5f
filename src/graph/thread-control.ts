import { UsageError } from '../errors.js';
import { pagePath } from './endpoints.js';

/** What a thread-control call does to the conversation. */
export const threadActions = ['pass', 'release', 'take', 'extend'] as const;
export type ThreadAction = (typeof threadActions)[number];

/**
 * How the call is made (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing):
 * - `send-api`: POST /{page}/messages with `thread_control: {app_id, control_type}` (current Conversation Routing form)
 * - `handover`: POST /{page}/pass_thread_control, release_…, take_…, extend_… (Handover Protocol endpoints)
 * - `payload`: POST /{page}/messages with `thread_control: {payload: "pass_thread_control" | "release_thread_control"}`
 *   (older form, https://developers.facebook.com/docs/messenger-platform/conversation-routing; targets the default app only)
 */
export const threadVias = ['send-api', 'handover', 'payload'] as const;
export type ThreadVia = (typeof threadVias)[number];

/** One week in seconds: the longest `extend_thread_control` documented (its exact max is unconfirmed). */
export const MAX_EXTEND_SECONDS = 7 * 24 * 3600;

export interface ThreadControlInput {
  action: ThreadAction;
  via: ThreadVia;
  pageId: string;
  psid: string;
  /** pass: the app that gets control (default app when absent); send-api release: the app in `thread_control.app_id` */
  appId?: string;
  /** a message sent with the Send API forms */
  text?: string;
  /** `metadata` of the Handover Protocol calls */
  metadata?: string;
  /** extend: seconds */
  durationSeconds?: number;
}

export interface ThreadControlCall {
  /** path relative to the version, e.g. `me/messages` */
  path: string;
  body: Record<string, unknown>;
  /** `send`: answers {recipient_id, message_id}; `success`: answers {success: true} */
  answer: 'send' | 'success';
}

/** The via each action uses when none is given: the Send API for pass/release, the only form there is for take/extend. */
export function defaultVia(action: ThreadAction): ThreadVia {
  return action === 'pass' || action === 'release' ? 'send-api' : 'handover';
}

/**
 * Builds the thread-control request for an action and a via.
 * @throws UsageError for combinations the platform does not have, with the rule that forbids them
 */
export function threadControlCall(input: ThreadControlInput): ThreadControlCall {
  const { action, via, psid } = input;
  const recipient = { id: psid };
  if ((action === 'take' || action === 'extend') && via !== 'handover') {
    throw new UsageError(
      `thread ${action} has no --via ${via} form: only the Handover Protocol endpoint /${action}_thread_control exists`,
      {
        hint:
          action === 'take'
            ? 'drop --via (it is handover for take); an app with "Take control of conversations" enabled also takes control by simply sending a message'
            : 'drop --via (it is handover for extend)',
      },
    );
  }
  // pass names its target app with --target; release names your app with --app-id
  const appFlag = action === 'pass' ? '--target' : '--app-id';
  if (via === 'payload' && input.appId !== undefined) {
    throw new UsageError(`--via payload cannot be combined with ${appFlag}`, {
      hint: `Meta's rule: payload-based and id-based thread_control parameters cannot be combined in one call, and the payload form only reaches the default app — drop ${appFlag}, or use --via send-api to target an app`,
    });
  }
  if (via !== 'handover' && input.metadata !== undefined) {
    throw new UsageError(`--metadata is a Handover Protocol parameter and has no place in --via ${via}`, {
      hint: 'use --via handover, or drop --metadata',
    });
  }
  if (via === 'handover' && input.text !== undefined) {
    throw new UsageError('--text needs a Send API form: the Handover Protocol endpoints carry no message', {
      hint: 'use --via send-api (the default for pass/release), or drop --text',
    });
  }
  if (via === 'handover' && input.appId !== undefined && action !== 'pass') {
    throw new UsageError(`--app-id has no meaning for ${action}_thread_control`, {
      hint: `drop --app-id; only pass_thread_control takes a target_app_id`,
    });
  }
  if (action === 'extend' && input.durationSeconds === undefined) {
    throw new UsageError('thread extend needs --duration <seconds>', {
      hint: `e.g. --duration 86400 for one more day (up to ${MAX_EXTEND_SECONDS} = 7 days)`,
    });
  }
  if (action !== 'extend' && input.durationSeconds !== undefined) {
    throw new UsageError(`--duration only applies to thread extend`, { hint: 'drop --duration' });
  }

  if (via === 'handover') {
    const body: Record<string, unknown> = { recipient };
    if (action === 'pass' && input.appId !== undefined) body.target_app_id = input.appId;
    if (action === 'extend') body.duration = input.durationSeconds;
    if (input.metadata !== undefined) body.metadata = input.metadata;
    return { path: pagePath(input.pageId, `${action}_thread_control`), body, answer: 'success' };
  }
  // https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing
  const threadControl: Record<string, unknown> =
    via === 'payload'
      ? { payload: action === 'pass' ? 'pass_thread_control' : 'release_thread_control' }
      : { ...(input.appId !== undefined ? { app_id: input.appId } : {}), control_type: action };
  const body: Record<string, unknown> = { messaging_type: 'RESPONSE', recipient };
  if (input.text !== undefined) body.message = { text: input.text };
  body.thread_control = threadControl;
  return { path: pagePath(input.pageId, 'messages'), body, answer: 'send' };
}
