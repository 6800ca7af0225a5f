import { createHmac } from 'node:crypto';
import { request, type Dispatcher } from 'undici';
import type { ZodType } from 'zod';
import { AuthError } from '../errors.js';
import { redact, type Secret } from '../text/redact.js';
import { parseAnswer, transportError } from './answer.js';
import type { PreparedRequest } from './request.js';
import { DEFAULT_GRAPH_URL, graphBaseUrl, graphVersion, redactUrl, SECRET_PARAMS } from './url.js';

/** The newest Graph API version (https://developers.facebook.com/docs/graph-api/changelog/versions). */
export const DEFAULT_GRAPH_VERSION = 'v26.0';
/** How long one Graph call may take before lead-kit gives up (exit 3). */
export const DEFAULT_GRAPH_TIMEOUT_MS = 10_000;

export interface GraphClientOptions {
  /** origin (and optional path prefix) of the Graph API; http only on loopback @default https://graph.facebook.com */
  baseUrl?: string;
  /** `vNN.N`, prefixed to every path @default v26.0 */
  version?: string;
  /** Page access token, sent as the `access_token` query parameter */
  token?: string;
  /** app secret: adds `appsecret_proof` = hex HMAC-SHA256 of the token keyed by the secret */
  appSecret?: string;
  /** undici dispatcher (a MockAgent in tests) @default undici's global dispatcher */
  dispatcher?: Dispatcher;
  /** give up after this many ms without a whole answer (ConnectError, exit 3) @default 10000 */
  timeoutMs?: number;
  /** receives one redacted line per request and response (`--debug`) */
  debug?: (line: string) => void;
  /** aborts in-flight requests (Ctrl-C → InterruptedError) */
  signal?: AbortSignal;
}

export type QueryValue = string | number | boolean | undefined | null | object;

export interface RequestOptions<T> {
  /** zod schema for the success body; the result is its output */
  schema?: ZodType<T>;
  /** POST the body as form fields (`application/x-www-form-urlencoded`), object values JSON-encoded */
  form?: boolean;
  /** another token for this call (e.g. an app token for /debug_token); `null` sends none */
  token?: string | null;
  /** what `access_token` is shown as @default <PAGE_ACCESS_TOKEN> */
  tokenPlaceholder?: string;
  query?: Record<string, QueryValue>;
  body?: Record<string, unknown>;
}

export type { PreparedRequest };

export interface GraphClient {
  readonly baseUrl: string;
  readonly version: string;
  /** builds a request without sending it (dry-runs print it with `toCurl`) */
  prepare(method: PreparedRequest['method'], path: string, opts?: RequestOptions<unknown>): PreparedRequest;
  /** sends a prepared request; parses the answer with `schema` */
  send<T = unknown>(req: PreparedRequest, schema?: ZodType<T>): Promise<T>;
  /**
   * GET `path` (relative to the version, e.g. `me/thread_owner` or `123/conversations`) with `query`.
   * Object query values are JSON-encoded, as Graph expects (`recipient={"id":"…"}`).
   * @throws AuthError (exit 4) on code 190, GraphApiError (exit 5) on any other error envelope or an unexpected
   *   answer, ConnectError (exit 3) when Graph cannot be reached or does not answer within the timeout
   */
  get<T = unknown>(path: string, query?: Record<string, QueryValue>, opts?: Omit<RequestOptions<T>, 'query' | 'body'>): Promise<T>;
  /** POST `body` as JSON (or form fields with `{form: true}`) to `path`; errors as `get`. */
  post<T = unknown>(path: string, body?: Record<string, unknown>, opts?: Omit<RequestOptions<T>, 'body'>): Promise<T>;
}

/** hex HMAC-SHA256 of the access token keyed by the app secret (https://developers.facebook.com/docs/graph-api/securing-requests). */
export function appsecretProof(token: string, appSecret: string): string {
  return createHmac('sha256', appSecret).update(token).digest('hex');
}

/** The error for a Graph call without a Page access token (exit 4). */
export function noTokenError(): AuthError {
  return new AuthError('no Page access token: Graph calls need one', {
    hint: 'pass --token or set LEAD_KIT_PAGE_TOKEN (Graph API Explorer → your app → Get Page Access Token); `lead-kit mock` prints a local one',
  });
}

const encodeValue = (v: QueryValue): string => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));

/** Creates a Graph API client; every request goes through `opts.dispatcher`. @throws UsageError for a bad base URL or version */
export function createGraphClient(opts: GraphClientOptions = {}): GraphClient {
  const baseUrl = graphBaseUrl(opts.baseUrl ?? DEFAULT_GRAPH_URL);
  const version = graphVersion(opts.version ?? DEFAULT_GRAPH_VERSION);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_GRAPH_TIMEOUT_MS;
  const secrets: Secret[] = [];
  const remember = (value: string | undefined | null, placeholder: string): void => {
    if (value && value.length >= 4 && !secrets.some((s) => s.value === value)) secrets.push({ value, placeholder });
  };
  remember(opts.appSecret, '<APP_SECRET>');
  remember(opts.token, '<PAGE_ACCESS_TOKEN>');
  // Defence in depth: whatever Graph (or a mock) echoes back, no secret reaches a message or trace.
  const scrub = (text: string): string => redact(text, secrets);

  const prepare: GraphClient['prepare'] = (method, path, o = {}) => {
    const url = new URL(`${baseUrl}/${version}/${path.replace(/^\/+/, '')}`);
    for (const [k, v] of Object.entries(o.query ?? {})) if (v !== undefined && v !== null) url.searchParams.set(k, encodeValue(v));
    const token = o.token === undefined ? opts.token : o.token;
    const tokenPlaceholder = o.tokenPlaceholder ?? SECRET_PARAMS.access_token ?? '<PAGE_ACCESS_TOKEN>';
    if (token) {
      remember(token, tokenPlaceholder);
      url.searchParams.set('access_token', token);
      if (opts.appSecret) {
        const proof = appsecretProof(token, opts.appSecret);
        remember(proof, '<APPSECRET_PROOF>');
        url.searchParams.set('appsecret_proof', proof);
      }
    } else if (o.token !== null) {
      // without a token (dry-run) the URL shows where it would go
      url.searchParams.set('access_token', tokenPlaceholder);
      if (opts.appSecret) url.searchParams.set('appsecret_proof', '<APPSECRET_PROOF>');
    }
    const headers: Record<string, string> = { accept: 'application/json' };
    let body: string | undefined;
    if (o.body !== undefined) {
      if (o.form) {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        const form = new URLSearchParams();
        for (const [k, v] of Object.entries(o.body)) if (v !== undefined && v !== null) form.set(k, encodeValue(v as QueryValue));
        body = form.toString();
      } else {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(o.body);
      }
    }
    const raw = url.toString();
    return {
      method,
      url: raw,
      displayUrl: scrub(redactUrl(raw, { ...SECRET_PARAMS, access_token: tokenPlaceholder })),
      path: url.pathname,
      headers,
      body,
      missingToken: !token && o.token !== null,
    };
  };

  const send = async <T>(req: PreparedRequest, schema?: ZodType<T>): Promise<T> => {
    if (req.missingToken) throw noTokenError();
    const label = `[${req.method}] ${req.path}`;
    opts.debug?.(`→ ${req.method} ${req.displayUrl}`);
    if (req.body !== undefined) opts.debug?.(`  ${scrub(req.body)}`);
    const started = performance.now();
    const timer = AbortSignal.timeout(timeoutMs);
    const signal = opts.signal ? AbortSignal.any([opts.signal, timer]) : timer;
    let status: number;
    let headers: Record<string, string | string[] | undefined>;
    let text: string;
    try {
      const res = await request(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        dispatcher: opts.dispatcher,
        signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      status = res.statusCode;
      headers = res.headers;
      text = await res.body.text();
    } catch (err) {
      throw transportError(err, {
        label,
        origin: new URL(req.url).origin,
        timeoutMs,
        timedOut: timer.aborted,
        aborted: opts.signal?.aborted === true,
        scrub,
      });
    }
    opts.debug?.(`← ${status} ${label} (${Math.round(performance.now() - started)} ms)`);
    return parseAnswer(text, status, headers, label, req, schema, scrub);
  };

  return {
    baseUrl,
    version,
    prepare,
    send,
    get: (path, query, o = {}) => send(prepare('GET', path, { ...o, query }), o.schema),
    post: (path, body, o = {}) => send(prepare('POST', path, { ...o, body: body ?? {} }), o.schema),
  };
}
