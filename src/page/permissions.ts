import { GraphApiError } from '../errors.js';
import { noTokenError, type GraphClient } from '../graph/client.js';
import { debugToken, getPermissions } from '../graph/endpoints.js';
import { localTime } from '../text/time-format.js';

/** Permissions a lead-ad integration needs (https://developers.facebook.com/docs/graph-api/reference/page/subscribed_apps, https://developers.facebook.com/docs/graph-api/reference/debug_token). */
export const REQUIRED_PERMISSIONS = ['pages_messaging', 'pages_manage_metadata'] as const;
/** Useful but not required: reading conversations (lead-kit leads). */
export const OPTIONAL_PERMISSIONS = ['pages_read_engagement'] as const;

/**
 * Where permissions come from. `debug-token` is Meta's documented way for Page tokens; `permissions` is GET
 * /me/permissions, whose behaviour with a Page token is unconfirmed (https://developers.facebook.com/docs/graph-api/reference/user/permissions/); `auto` tries
 * debug_token and falls back to /me/permissions when Graph refuses it (e.g. without an app token).
 */
export const permissionSources = ['auto', 'debug-token', 'permissions'] as const;
export type PermissionSource = (typeof permissionSources)[number];

export interface PermissionsResult {
  source: 'debug_token' | 'me/permissions';
  valid: boolean;
  /** why the token is invalid, from debug_token's data.error */
  invalid_reason: string | null;
  type: string | null;
  app_id: string | null;
  application: string | null;
  profile_id: string | null;
  /** unix seconds; 0 = never; null = unknown (/me/permissions does not say) */
  expires_at: number | null;
  expires: string;
  granted: string[];
  permissions: Array<{ permission: string; granted: boolean; required: boolean }>;
  missing: string[];
  /** a fallback or an unconfirmed path was used */
  note: string | null;
}

function expiresText(at: number | null): string {
  if (at === null) return 'unknown (/me/permissions does not say)';
  if (at === 0) return 'never';
  return localTime(new Date(at * 1000));
}

function result(base: Omit<PermissionsResult, 'permissions' | 'missing' | 'expires'>): PermissionsResult {
  const wanted = [...REQUIRED_PERMISSIONS, ...OPTIONAL_PERMISSIONS] as string[];
  const permissions = wanted.map((p) => ({
    permission: p,
    granted: base.granted.includes(p),
    required: (REQUIRED_PERMISSIONS as readonly string[]).includes(p),
  }));
  const missing = permissions.filter((p) => p.required && !p.granted).map((p) => p.permission);
  return { ...base, expires: expiresText(base.expires_at), permissions, missing };
}

/** Reads the token's validity, expiry and permissions. Throws only for transport, auth or (non-auto) Graph errors. */
export async function checkPermissions(
  client: GraphClient,
  token: string | undefined,
  o: { source: PermissionSource; appToken?: string },
): Promise<PermissionsResult> {
  if (token === undefined) throw noTokenError();
  let note: string | null = null;
  if (o.source !== 'permissions') {
    try {
      const { data: d } = await debugToken(client, token, o.appToken);
      return result({
        source: 'debug_token',
        valid: d.is_valid,
        invalid_reason: d.is_valid ? null : (d.error?.message ?? 'Graph says the token is not valid'),
        type: d.type ?? null,
        app_id: d.app_id ?? null,
        application: d.application ?? null,
        profile_id: d.profile_id ?? null,
        expires_at: d.expires_at ?? null,
        granted: d.scopes,
        note:
          o.appToken === undefined
            ? 'debug_token was called with the Page token itself (no --app-token); Meta documents an app token for this'
            : null,
      });
    } catch (err) {
      if (o.source !== 'auto' || !(err instanceof GraphApiError)) throw err;
      note = `debug_token was refused (${err.message}); fell back to /me/permissions, whose answer for a Page token is not documented by Meta`;
    }
  }
  const { data } = await getPermissions(client);
  return result({
    source: 'me/permissions',
    valid: true,
    invalid_reason: null,
    type: null,
    app_id: null,
    application: null,
    profile_id: null,
    expires_at: null,
    granted: data.filter((p) => p.status === 'granted').map((p) => p.permission),
    note: note ?? 'read from /me/permissions: Meta does not document its answer for a Page token; debug_token is preferred',
  });
}
