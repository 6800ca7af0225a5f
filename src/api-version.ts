import { UsageError } from './errors.js';

/**
 * The Graph API version lead-kit calls and names in the Facebook-API-Version header of the webhooks it sends,
 * unless --api-version says otherwise (https://developers.facebook.com/docs/graph-api/changelog/versions).
 */
export const DEFAULT_API_VERSION = 'v26.0';

/**
 * Normalizes a Graph API version: `v26.0`, also written `26`, `26.0` or `v26`.
 * @throws UsageError when it is not a version
 */
export function normalizeApiVersion(raw: unknown, flag = '--api-version'): string {
  const m = /^v?(\d{1,2})(?:\.(\d))?$/.exec(String(raw).trim());
  if (!m) throw new UsageError(`${flag} "${String(raw)}" is not a Graph API version`, { hint: `write it like ${DEFAULT_API_VERSION}` });
  return `v${m[1]}.${m[2] ?? '0'}`;
}
