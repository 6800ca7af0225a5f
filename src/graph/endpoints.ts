import {
  debugTokenSchema,
  featureStatusSchema,
  permissionsSchema,
  subscribedAppsSchema,
  threadOwnerSchema,
  type DebugTokenResponse,
  type FeatureStatusResponse,
  type PermissionsResponse,
  type SubscribedAppsResponse,
  type ThreadOwnerResponse,
} from '../schemas/graph.js';
import type { GraphClient } from './client.js';

/** `{page-id}` or `{page-id}/{edge}` with the id URL-encoded; `me` is the Page itself when a Page token is used. */
export function pagePath(pageId: string, edge?: string): string {
  const id = encodeURIComponent(pageId);
  return edge === undefined ? id : `${id}/${edge}`;
}

/** GET /{page-id}?fields=messaging_feature_status (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing). */
export function getFeatureStatus(client: GraphClient, pageId: string): Promise<FeatureStatusResponse> {
  return client.get(pagePath(pageId), { fields: 'messaging_feature_status' }, { schema: featureStatusSchema });
}

/** GET /{page-id}/thread_owner?recipient=<PSID> (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing). */
export function getThreadOwner(client: GraphClient, pageId: string, psid: string): Promise<ThreadOwnerResponse> {
  return client.get(pagePath(pageId, 'thread_owner'), { recipient: psid }, { schema: threadOwnerSchema });
}

/** GET /{page-id}/subscribed_apps (https://developers.facebook.com/docs/graph-api/reference/page/subscribed_apps). */
export function getSubscribedApps(client: GraphClient, pageId: string): Promise<SubscribedAppsResponse> {
  return client.get(pagePath(pageId, 'subscribed_apps'), {}, { schema: subscribedAppsSchema });
}

/**
 * GET /debug_token?input_token=<token> (https://developers.facebook.com/docs/graph-api/reference/debug_token). Meta asks for an app token (or a developer's user
 * token) as `access_token`; without `appToken` the inspected token itself is sent, which Meta does not document.
 */
export function debugToken(client: GraphClient, inputToken: string, appToken?: string): Promise<DebugTokenResponse> {
  return client.get(
    'debug_token',
    { input_token: inputToken },
    appToken === undefined
      ? { schema: debugTokenSchema }
      : { schema: debugTokenSchema, token: appToken, tokenPlaceholder: '<APP_ACCESS_TOKEN>' },
  );
}

/** GET /me/permissions (https://developers.facebook.com/docs/graph-api/reference/user/permissions/; with a Page token its behaviour is unconfirmed). */
export function getPermissions(client: GraphClient): Promise<PermissionsResponse> {
  return client.get('me/permissions', {}, { schema: permissionsSchema });
}
