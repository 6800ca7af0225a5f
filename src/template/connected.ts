import type { Dispatcher } from 'undici';
import { createGraphClient } from '../graph/client.js';
import { getSubscribedApps } from '../graph/endpoints.js';
import type { ConnectedApps } from './rules.js';

export interface ConnectedAppsQuery {
  pageId: string;
  token: string;
  /** Graph base URL, e.g. a local `lead-kit mock` @default https://graph.facebook.com */
  graphUrl?: string;
  apiVersion?: string;
  dispatcher?: Dispatcher;
  signal?: AbortSignal;
  debug?: (line: string) => void;
}

/**
 * The apps connected to a Page, from GET /{page-id}/subscribed_apps (https://developers.facebook.com/docs/graph-api/reference/page/subscribed_apps): the apps subscribed to
 * the Page's webhooks, which a lead ad's connected app must be (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing/messenger-lead-ads prerequisites).
 * @throws AuthError / GraphApiError / ConnectError from the Graph client (exit 4 / 5 / 3)
 */
export async function fetchConnectedApps(q: ConnectedAppsQuery): Promise<ConnectedApps> {
  const client = createGraphClient({
    token: q.token,
    ...(q.graphUrl === undefined ? {} : { baseUrl: q.graphUrl }),
    ...(q.apiVersion === undefined ? {} : { version: q.apiVersion }),
    ...(q.dispatcher === undefined ? {} : { dispatcher: q.dispatcher }),
    ...(q.signal === undefined ? {} : { signal: q.signal }),
    ...(q.debug === undefined ? {} : { debug: q.debug }),
  });
  const res = await getSubscribedApps(client, q.pageId);
  return {
    source: 'graph',
    pageId: q.pageId,
    apps: res.data.map((a) => (a.name === undefined ? { id: String(a.id) } : { id: String(a.id), name: a.name })),
  };
}
