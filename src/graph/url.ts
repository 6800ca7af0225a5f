import { UsageError } from '../errors.js';

/** Meta's Graph API host. */
export const DEFAULT_GRAPH_URL = 'https://graph.facebook.com';

/** Query parameters whose values are secrets, and what is shown instead. */
export const SECRET_PARAMS: Readonly<Record<string, string>> = {
  access_token: '<PAGE_ACCESS_TOKEN>',
  input_token: '<PAGE_ACCESS_TOKEN>',
  appsecret_proof: '<APPSECRET_PROOF>',
};

/** True for 127.0.0.0/8, ::1 and localhost: the only hosts lead-kit talks plain http to. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/**
 * Validates a Graph base URL (`--graph-url` / LEAD_KIT_GRAPH_URL) and returns it without a trailing slash.
 * A token travels in every request, so anything but a loopback address must use https.
 * @throws UsageError for a malformed URL, another scheme, query or credentials in it, or plain http off loopback
 */
export function graphBaseUrl(raw: string, flag = 'the Graph URL (--graph-url / LEAD_KIT_GRAPH_URL)'): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`${flag} "${raw}" is not a URL`, { hint: 'write it like https://graph.facebook.com or http://127.0.0.1:4010' });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UsageError(`${flag} "${raw}" must be an http(s) URL`, { hint: 'write it like https://graph.facebook.com' });
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new UsageError(`${flag} ${url.origin} must use https: the access token would cross the network in clear text`, {
      hint: `use https://${url.host}${url.pathname === '/' ? '' : url.pathname}, or plain http only on 127.0.0.1 / localhost (e.g. lead-kit mock)`,
    });
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw new UsageError(`${flag} must be a plain base URL without credentials, query or fragment`, {
      hint: 'write it like https://graph.facebook.com',
    });
  }
  return (url.origin + url.pathname).replace(/\/+$/, '');
}

/**
 * Normalizes a Graph API version: `v26.0`, also written `26`, `26.0` or `v26`.
 * @throws UsageError when it is not a version
 */
export function graphVersion(raw: unknown, flag = '--api-version'): string {
  const m = /^v?(\d{1,2})(?:\.(\d))?$/.exec(String(raw).trim());
  if (!m) throw new UsageError(`${flag} "${String(raw)}" is not a Graph API version`, { hint: 'write it like v26.0' });
  return `v${m[1]}.${m[2] ?? '0'}`;
}

/** The URL with every secret query parameter replaced by its placeholder (for traces, errors and dry-runs). */
export function redactUrl(url: string, placeholders: Readonly<Record<string, string>> = SECRET_PARAMS): string {
  const q = url.indexOf('?');
  if (q === -1) return url;
  const parts = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = decodeURIComponent(eq === -1 ? pair : pair.slice(0, eq));
      const placeholder = placeholders[name];
      return placeholder === undefined ? pair : `${pair.slice(0, eq === -1 ? pair.length : eq)}=${placeholder}`;
    });
  return `${url.slice(0, q)}?${parts.join('&')}`;
}
