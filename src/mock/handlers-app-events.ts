import { EVENT_NAME_PATTERN } from '../events/requests.js';
import { graphErrors } from './errors.js';
import { parseLenientJson } from './lenient-json.js';
import { stringParam } from './request.js';
import type { MockRuntime } from './context.js';
import type { TokenInfo } from './state.js';

/**
 * App Events from a Messenger bot: `POST /{app-id}/activities` with `event=CUSTOM_APP_EVENTS`
 * (https://developers.facebook.com/docs/app-events/bots-for-messenger, "Logging events from your bot"):
 * custom_events (a JSON array of `{_eventName, …}`), advertiser_tracking_enabled and application_tracking_enabled
 * (0 or 1), extinfo (`["mb1"]`), page_id and page_scoped_user_id. Meta's example sends no access token: the app
 * id in the path and the Page/person pair identify the event. Answers `{success: true}`.
 */

const idOf = (v: unknown): string | undefined =>
  typeof v === 'string' && /^\d+$/.test(v) ? v : typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : undefined;

function jsonArray(name: string, v: unknown): unknown[] {
  let list = v;
  if (typeof v === 'string') {
    try {
      list = parseLenientJson(v.trim());
    } catch {
      throw graphErrors.param(`param ${name} must be a JSON array`);
    }
  }
  if (!Array.isArray(list)) throw graphErrors.param(`param ${name} must be a JSON array`);
  return list;
}

/**
 * Checks the call and returns the app and Page it is about (for the call log). `caller` is the token's
 * app when the call carried one; otherwise the app in the path, connected to `page_id`.
 */
export function postAppActivities(
  rt: MockRuntime,
  params: Record<string, unknown>,
  appId: string,
  caller: TokenInfo | undefined,
): { result: unknown; caller: TokenInfo | undefined } {
  if (!rt.state.apps.has(appId)) throw graphErrors.noSuchObject('POST', appId);
  const event = stringParam(params, 'event');
  if (event !== 'CUSTOM_APP_EVENTS')
    throw graphErrors.param(
      `param event must be CUSTOM_APP_EVENTS for events from a Messenger bot${event === undefined ? '' : ` (got "${event}")`}`,
    );
  const events = jsonArray('custom_events', params.custom_events);
  if (events.length === 0) throw graphErrors.param('param custom_events must be a non-empty JSON array of events');
  events.forEach((e, i) => {
    const name = (e as { _eventName?: unknown } | null)?._eventName;
    if (typeof name !== 'string' || !EVENT_NAME_PATTERN.test(name))
      throw graphErrors.param(`custom_events[${i}]._eventName ${JSON.stringify(name)} must match ${EVENT_NAME_PATTERN.source}`);
  });
  for (const flag of ['advertiser_tracking_enabled', 'application_tracking_enabled']) {
    const v = params[flag];
    if (v !== 0 && v !== 1 && v !== '0' && v !== '1') throw graphErrors.param(`param ${flag} must be 0 or 1`);
  }
  const extinfo = jsonArray('extinfo', params.extinfo);
  if (extinfo[0] !== 'mb1') throw graphErrors.param('param extinfo must be ["mb1"] for events from a Messenger bot');
  const pageId = idOf(params.page_id);
  const page = pageId === undefined ? undefined : rt.state.pages.get(pageId);
  if (page === undefined)
    throw graphErrors.param(
      `param page_id must be the numeric id of a Page the app is connected to${pageId === undefined ? '' : ` (no Page ${pageId})`}`,
    );
  const connection = page.connections.get(appId);
  if (connection === undefined) throw graphErrors.param(`App ${appId} is not connected to Page ${page.id}`);
  const psid = idOf(params.page_scoped_user_id);
  if (psid === undefined) throw graphErrors.param('param page_scoped_user_id must be the numeric PSID of a person who wrote to the Page');
  if (!page.threads.has(psid)) throw graphErrors.noMatchingUser();
  return { result: { success: true }, caller: caller ?? { page, appId, connection } };
}
