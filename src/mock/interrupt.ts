import { buildMessage } from '../webhooks/build.js';
import type { FlowInput, FlowStep } from '../webhooks/flow.js';
import { messageId } from '../webhooks/ids.js';
import type { RecordedCall } from './calls.js';
import { waitForCalls, type CallSource } from './wait.js';

/**
 * `simulate --mock --interrupt`: the person wrote to the Page just before tapping the lead ad, and that
 * message reaches the app after the Messenger Leadgen app has taken the thread. An app that answers it meets
 * the lead flow's Send API block (10/2018321 in the mock; the ad blocks the Send API during the flow by default,
 * https://developers.facebook.com/docs/messenger-platform/discovery/lead-generation-ads-in-messenger).
 */

export const INTERRUPT_TEXT = 'Hi! Is this offer still available?';

/** The two steps delivered before the flow: the late message, then a wait for the app's answer. */
export function interruptPrelude(lead: FlowInput, withinMs: number): { message: FlowStep; wait: FlowStep & { type: 'state' } } {
  const at = lead.startMs - 1000;
  const body = buildMessage({
    pageId: lead.pageId,
    psid: lead.psid,
    time: at,
    timestamp: at,
    mid: messageId(lead.psid, at, 'interrupt'),
    text: INTERRUPT_TEXT,
  });
  return {
    message: {
      type: 'delivery',
      kind: 'message',
      app: lead.app,
      channel: 'messaging',
      note: 'the person wrote just before tapping the lead ad; it arrives while the Leadgen app owns the thread',
      body,
    },
    wait: { type: 'state', note: `waiting up to ${withinMs} ms for the app to answer while the Leadgen app owns the thread` },
  };
}

const isSend = (c: RecordedCall, appId: string, psid: string): boolean =>
  c.method === 'POST' && c.route.endsWith('/messages') && c.app_id === appId && c.psid === psid;

/** Waits until the app sends to `psid` (a Send API call made after `sinceSeq`), or `withinMs` passes. */
export async function waitForSend(
  source: CallSource,
  appId: string,
  psid: string,
  sinceSeq: number,
  withinMs: number,
  signal?: AbortSignal,
): Promise<RecordedCall | undefined> {
  const find = (): RecordedCall | undefined => source.calls.find((c) => c.seq > sinceSeq && isSend(c, appId, psid));
  await waitForCalls(source, () => find() !== undefined, withinMs, signal);
  return find();
}

/** The timeline note once the wait is over. */
export function interruptOutcome(call: RecordedCall | undefined, withinMs: number): string {
  if (call === undefined) return `the app did not answer the message within ${withinMs} ms`;
  if (call.error)
    return `the app answered during the lead flow and was refused: ${call.error.message} [${call.error.code}${call.error.error_subcode ? `/${call.error.error_subcode}` : ''}]`;
  return `the app answered during the lead flow and its message was accepted (${call.status})`;
}
