import { UsageError } from '../errors.js';

/** A Graph request described before it is sent (so it can be validated, printed as curl, or sent). */
export interface GraphRequestSpec {
  method: 'POST';
  /** path under the version, e.g. /1234/page_activities */
  path: string;
  body: Record<string, unknown>;
  /** the API version this request needs, when it is not the client's default */
  version?: string;
}

/** `_eventName` pattern of the Application page_activities reference (https://developers.facebook.com/docs/messenger-platform/analytics/messaging-events-api). */
export const EVENT_NAME_PATTERN = /^[0-9a-zA-Z_][0-9a-zA-Z _-]{0,39}$/;
export const loggingTargets = ['page', 'app', 'app_and_page'] as const;
export type LoggingTarget = (typeof loggingTargets)[number];

export interface LeadEventInput {
  appId: string;
  pageId: string;
  psid: string;
  loggingTarget: LoggingTarget;
  eventName?: string;
}

/**
 * The Messaging Events API request of https://developers.facebook.com/docs/messenger-platform/analytics/messaging-events-api ("Reporting Leads using Messaging Event API"):
 * POST /{app-id}/page_activities. Meta stopped supporting it from v21.0 and shut it down in September 2025;
 * only v20.0 or older ever took it, and v20.0 expired on Sep 24, 2026 (https://developers.facebook.com/docs/messenger-platform/analytics/messaging-events-api, https://developers.facebook.com/docs/graph-api/changelog/versions).
 */
export function pageActivitiesRequest(i: LeadEventInput): GraphRequestSpec {
  const eventName = i.eventName ?? 'lead_submitted';
  if (!EVENT_NAME_PATTERN.test(eventName)) {
    throw new UsageError(`event name "${eventName}" does not match ${EVENT_NAME_PATTERN.source}`, {
      hint: 'use 1–40 letters, digits, spaces, _ or -, not starting with a space or -',
    });
  }
  for (const [flag, v] of [
    ['--app-id', i.appId],
    ['--page-id', i.pageId],
    ['--psid', i.psid],
  ] as const) {
    if (!/^\d+$/.test(v)) throw new UsageError(`${flag} "${v}" must be a numeric id`);
  }
  return {
    method: 'POST',
    path: `/${i.appId}/page_activities`,
    version: 'v20.0',
    body: {
      custom_events: [{ _eventName: eventName }],
      advertiser_tracking_enabled: 1,
      application_tracking_enabled: 1,
      // https://developers.facebook.com/docs/messenger-platform/analytics/messaging-events-api writes the ids as bare numbers; JSON numbers would round ids beyond 2^53, so they stay digits in strings
      page_id: i.pageId,
      page_scoped_user_id: i.psid,
      logging_source: 'messenger_bot',
      logging_target: i.loggingTarget,
    },
  };
}

export interface ConversionsEventInput {
  datasetId: string;
  pageId: string;
  psid: string;
  /** epoch seconds */
  eventTime: number;
  /** @default LeadSubmitted */
  eventName?: string;
  partnerAgent?: string;
}

/**
 * The replacement: a Conversions API for Business Messaging event, POST /{dataset-id}/events with
 * action_source business_messaging and messaging_channel messenger; the person is named by page_id and
 * page_scoped_user_id. https://developers.facebook.com/documentation/ads-commerce/conversions-api/business-messaging
 * ("Sending events via the Conversions API"). The dataset id comes from GET /{page-id}/dataset.
 */
export function conversionsApiRequest(i: ConversionsEventInput): GraphRequestSpec {
  for (const [flag, v] of [
    ['--dataset-id', i.datasetId],
    ['--page-id', i.pageId],
    ['--psid', i.psid],
  ] as const) {
    if (!/^\d+$/.test(v)) throw new UsageError(`${flag} "${v}" must be a numeric id`);
  }
  const body: Record<string, unknown> = {
    data: [
      {
        event_name: i.eventName ?? 'LeadSubmitted',
        event_time: i.eventTime,
        action_source: 'business_messaging',
        messaging_channel: 'messenger',
        user_data: { page_id: i.pageId, page_scoped_user_id: i.psid },
      },
    ],
  };
  if (i.partnerAgent !== undefined) body.partner_agent = i.partnerAgent;
  return { method: 'POST', path: `/${i.datasetId}/events`, body };
}
