import type { SubscribedAppsResponse } from '../schemas/graph.js';

/**
 * The webhook fields every app of a Conversation Routing Page must subscribe to; a lead-ad integration needs them
 * all (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing).
 * The real field names are plural (https://developers.facebook.com/documentation/business-messaging/messenger-platform/webhooks) although the older page spells two of them singular.
 */
export const REQUIRED_FIELDS = ['messages', 'messaging_postbacks', 'messaging_referrals', 'messaging_handovers', 'standby'] as const;

export interface AppSubscription {
  id: string;
  name: string | null;
  subscribed_fields: string[];
  missing: string[];
  /** the app given with --app-id (or config appId) */
  under_test: boolean;
}

export interface SubscriptionsResult {
  page_id: string;
  required: readonly string[];
  apps: AppSubscription[];
  /** --app-id was given and is not among the subscribed apps */
  app_missing: string | null;
  ok: boolean;
}

export function interpretSubscriptions(
  r: SubscribedAppsResponse,
  pageId: string,
  appId?: string,
  names: Readonly<Record<string, string>> = {},
): SubscriptionsResult {
  const apps = r.data.map((a) => ({
    id: a.id,
    name: a.name ?? names[a.id] ?? null,
    subscribed_fields: a.subscribed_fields,
    missing: REQUIRED_FIELDS.filter((f) => !a.subscribed_fields.includes(f)),
    under_test: a.id === appId,
  }));
  const appMissing = appId !== undefined && !apps.some((a) => a.id === appId) ? appId : null;
  return {
    page_id: pageId,
    required: REQUIRED_FIELDS,
    apps,
    app_missing: appMissing,
    ok: apps.length > 0 && appMissing === null && apps.every((a) => a.missing.length === 0),
  };
}

/** The request that subscribes an app (run with that app's Page token). */
export function subscribeFix(pageId: string, graphUrl: string, version: string): string {
  return `curl -X POST "${graphUrl}/${version}/${pageId}/subscribed_apps?subscribed_fields=${REQUIRED_FIELDS.join(',')}&access_token=<PAGE_ACCESS_TOKEN>" (run it with that app's Page token)`;
}
