import { randomBytes } from 'node:crypto';
import { EVENT_NAME_PATTERN } from '../events/requests.js';
import { graphErrors } from './errors.js';
import { stringParam } from './request.js';
import type { HandlerContext } from './context.js';
import type { MockPage } from './state.js';

/**
 * Lead events an app reports (issue 6): the Messaging Events API (`POST /{app-id}/page_activities`, https://developers.facebook.com/docs/messenger-platform/analytics/messaging-events-api)
 * and its replacement, the Conversions API for Business Messaging (`POST /{dataset-id}/events`). Both are
 * validated as Meta documents them and recorded in the call log, where `simulate --expect lead-event` finds them.
 */

const idOf = (v: unknown): string | undefined =>
  typeof v === 'string' && /^\d+$/.test(v) ? v : typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : undefined;

function knownPerson(page: MockPage, psid: string | undefined, name: string): string {
  if (psid === undefined) throw graphErrors.param(`param ${name} must be the numeric PSID of a person who wrote to the Page`);
  if (!page.threads.has(psid)) throw graphErrors.noMatchingUser();
  return psid;
}

function samePage(page: MockPage, v: unknown, name: string): void {
  const id = idOf(v);
  if (id === undefined) throw graphErrors.param(`param ${name} must be the numeric Page id`);
  if (id !== page.id) throw graphErrors.param(`${name} ${id} is not the Page of this access token (${page.id})`);
}

/** POST /{app-id}/page_activities with custom_events [{_eventName}] (https://developers.facebook.com/docs/messenger-platform/analytics/messaging-events-api; reference fields per https://developers.facebook.com/docs/messenger-platform/analytics/messaging-events-api). */
export function postPageActivities(ctx: HandlerContext, appId: string): unknown {
  const { page, params } = ctx;
  // Meta shut the API down in September 2025; what it answers now is unconfirmed (https://developers.facebook.com/docs/messenger-platform/analytics/messaging-events-api).
  if (page.unconfirmed.page_activities === 'shut-down') throw graphErrors.unknownPath('/page_activities');
  if (!ctx.rt.state.apps.has(appId)) throw graphErrors.noSuchObject('POST', appId);
  const events = params.custom_events;
  if (!Array.isArray(events) || events.length === 0)
    throw graphErrors.param('param custom_events must be a non-empty JSON array of events');
  for (const e of events as unknown[]) {
    const name = (e as { _eventName?: unknown } | null)?._eventName;
    if (typeof name !== 'string' || !EVENT_NAME_PATTERN.test(name))
      throw graphErrors.param(`_eventName ${JSON.stringify(name)} must match ${EVENT_NAME_PATTERN.source}`);
  }
  for (const flag of ['advertiser_tracking_enabled', 'application_tracking_enabled']) {
    const v = params[flag];
    if (v !== 0 && v !== 1 && v !== '0' && v !== '1') throw graphErrors.param(`param ${flag} must be 0 or 1`);
  }
  samePage(page, params.page_id, 'page_id');
  knownPerson(page, idOf(params.page_scoped_user_id), 'page_scoped_user_id');
  if (stringParam(params, 'logging_source')?.toLowerCase() !== 'messenger_bot')
    throw graphErrors.param('param logging_source must be messenger_bot');
  const target = stringParam(params, 'logging_target')?.toLowerCase() ?? 'app';
  if (!['app', 'page', 'app_and_page'].includes(target)) throw graphErrors.param('param logging_target must be app, page or app_and_page');
  return { success: true };
}

/** GET /{page-id}/dataset: the dataset the Page's Conversions API events go to. */
export function getDataset(ctx: HandlerContext): unknown {
  return { id: ctx.page.datasetId };
}

/**
 * POST /{dataset-id}/events: Conversions API for Business Messaging events, `action_source` business_messaging,
 * `messaging_channel` messenger, the person named by `user_data.page_id` + `page_scoped_user_id`
 * (https://developers.facebook.com/documentation/ads-commerce/conversions-api/business-messaging).
 */
export function postDatasetEvents(ctx: HandlerContext, datasetId: string): unknown {
  const { page, params } = ctx;
  if (datasetId !== page.datasetId) throw graphErrors.noSuchObject('POST', datasetId);
  const data = params.data;
  if (!Array.isArray(data) || data.length === 0) throw graphErrors.param('param data must be a non-empty JSON array of events');
  data.forEach((raw: unknown, i) => {
    const e = (raw ?? {}) as Record<string, unknown>;
    const at = `data[${i}]`;
    if (typeof e.event_name !== 'string' || e.event_name === '') throw graphErrors.param(`${at}.event_name is required`);
    const t = e.event_time;
    if (typeof t !== 'number' || !Number.isInteger(t) || t <= 0)
      throw graphErrors.param(`${at}.event_time must be a Unix timestamp in seconds`);
    if (t > 1e11) throw graphErrors.param(`${at}.event_time ${t} looks like milliseconds: Meta expects seconds`);
    if (e.action_source !== 'business_messaging')
      throw graphErrors.param(`${at}.action_source must be business_messaging for Messenger events`);
    if (e.messaging_channel !== 'messenger') throw graphErrors.param(`${at}.messaging_channel must be messenger`);
    const user = (e.user_data ?? {}) as Record<string, unknown>;
    samePage(page, user.page_id, `${at}.user_data.page_id`);
    knownPerson(page, idOf(user.page_scoped_user_id), `${at}.user_data.page_scoped_user_id`);
  });
  return { events_received: data.length, messages: [], fbtrace_id: randomBytes(8).toString('base64url') };
}
