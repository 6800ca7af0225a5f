import type { IncomingMessage } from 'node:http';
import { nestingExceeds } from '../json/depth.js';
import { graphErrors } from './errors.js';
import { parseLenientJson } from './lenient-json.js';

/** A Graph request as the mock sees it: version stripped, parameters from the query and the body merged. */
export interface ParsedRequest {
  /** GET, POST or DELETE (Graph's `method=` query override applied) */
  method: string;
  /** the path without the query, as requested */
  path: string;
  /** `v26.0` etc., or null when the path has no version */
  version: string | null;
  /** decoded path segments after the version */
  segments: string[];
  /** query parameters (raw strings) */
  query: Record<string, string>;
  /** body parameters, JSON-ish form values decoded */
  body: Record<string, unknown>;
  /** query and body merged (the body wins), JSON-ish values decoded */
  params: Record<string, unknown>;
  /** the access token, from `access_token` (query or body) or `Authorization: Bearer|OAuth` */
  token: string | undefined;
  /** the Host header, for the absolute `paging.next` URLs of paged answers */
  host?: string | undefined;
}

const EMPTY = Buffer.alloc(0);

/** How deep a JSON body may nest (the lenient form-value parser stops at the same depth). */
export const MAX_BODY_DEPTH = 64;

const VERSION = /^v\d{1,2}\.\d{1,2}$/;

/** Parameters whose string value is an object in Meta's form-encoded examples (`recipient={'id':'…'}`). */
const OBJECT_PARAMS = new Set(['recipient', 'message', 'thread_control', 'custom_events', 'data']);

/** Parameter names nearly every Graph call carries. */
const KNOWN_KEYS = ['access_token', 'recipient', 'appsecret_proof', 'fields', 'method', 'limit', 'after', 'before', 'user_id'];

/**
 * `k`, or the same name as a constant when it is a common one: a name cut from the URL is a new string that V8
 * must hash and look up before it can be a property key; the constant is already known.
 */
function knownKey(k: string): string {
  for (const name of KNOWN_KEYS) if (k === name) return name;
  return k;
}

/** Query parameters; the first value of a repeated key wins. Plain queries skip URLSearchParams (the hot path). */
function parseQuery(text: string): Record<string, string> {
  const query: Record<string, string> = {};
  if (text === '') return query;
  if (text.includes('%') || text.includes('+')) {
    for (const [k, v] of new URLSearchParams(text)) if (!Object.hasOwn(query, k) && k !== '__proto__') query[k] = v;
    return query;
  }
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('&', start);
    if (end === -1) end = text.length;
    if (end > start) {
      const eq = text.indexOf('=', start);
      const hasValue = eq !== -1 && eq < end;
      const k = knownKey(text.slice(start, hasValue ? eq : end));
      // An own key already set is a repeat (first wins); an inherited name such as "toString" is not.
      if ((query[k] === undefined || !Object.hasOwn(query, k)) && k !== '__proto__') query[k] = hasValue ? text.slice(eq + 1, end) : '';
    }
    start = end + 1;
  }
  return query;
}

/** Splits `req.url` into version and segments; a malformed escape is a Graph error, not a crash. */
export function parseTarget(url: string): Pick<ParsedRequest, 'path' | 'version' | 'segments' | 'query'> {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const query = parseQuery(q === -1 ? '' : url.slice(q + 1));
  const segments: string[] = [];
  const escaped = path.includes('%');
  let start = 0;
  while (start < path.length) {
    let end = path.indexOf('/', start);
    if (end === -1) end = path.length;
    if (end > start) {
      const raw = path.slice(start, end);
      if (!escaped || !raw.includes('%')) segments.push(raw);
      else {
        try {
          segments.push(decodeURIComponent(raw));
        } catch {
          throw graphErrors.param(`The path contains a malformed escape: ${raw.slice(0, 40)}`);
        }
      }
    }
    start = end + 1;
  }
  let version: string | null = null;
  const first = segments[0];
  if (first !== undefined && first.charCodeAt(0) === 118 /* v */ && VERSION.test(first)) version = segments.shift()!;
  return { path, version, segments, query };
}

/**
 * The first value of the header `name` (given in lower case), found in `req.rawHeaders`: what `req.headers[name]`
 * holds for the single-valued headers the mock reads (Node keeps the first of repeated ones), without Node building
 * the whole `req.headers` object, which it does on first access.
 */
export function headerOf(req: Pick<IncomingMessage, 'rawHeaders'>, name: string): string | undefined {
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) if (sameName(raw[i]!, name)) return raw[i + 1];
  return undefined;
}

/** `raw` equals `lower` but for case; `lower` holds lower-case letters and `-` only. */
function sameName(raw: string, lower: string): boolean {
  if (raw.length !== lower.length) return false;
  // Setting bit 0x20 lower-cases an ASCII letter and keeps `-`; no other header-name character maps onto either.
  for (let i = 0; i < raw.length; i++) if ((raw.charCodeAt(i) | 0x20) !== lower.charCodeAt(i)) return false;
  return true;
}

/**
 * Reads the body up to `limit` bytes and calls `done` once: with the bytes, or with the 413 Graph error (at once
 * when the declared length is over the limit) or the stream's error. Listeners, not a promise: this is every
 * POST's path.
 */
export function readBody(req: IncomingMessage, limit: number, done: (err: unknown, raw: Buffer) => void): void {
  const length = headerOf(req, 'content-length');
  const declared = Number(length);
  if (Number.isFinite(declared) && declared > limit) return done(graphErrors.tooLarge(limit), EMPTY);
  if (length === undefined && headerOf(req, 'transfer-encoding') === undefined) return done(undefined, EMPTY);
  let first: Buffer | undefined;
  let chunks: Buffer[] | undefined;
  let size = 0;
  let finished = false;
  const finish = (err: unknown, raw: Buffer): void => {
    if (finished) return;
    finished = true;
    done(err, raw);
  };
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > limit) {
      req.removeAllListeners('data');
      return finish(graphErrors.tooLarge(limit), EMPTY);
    }
    // Most bodies arrive in one chunk: keep it as it is, without a copy.
    if (first === undefined) first = chunk;
    else (chunks ??= [first]).push(chunk);
  });
  req.on('end', () => finish(undefined, chunks === undefined ? (first ?? EMPTY) : Buffer.concat(chunks, size)));
  req.on('error', (err) => finish(err, EMPTY));
}

/** Decodes a body by its content type: JSON, form fields (with JSON-ish values), or nothing. */
export function parseBody(raw: Buffer, contentType: string | undefined): Record<string, unknown> {
  return raw.length === 0 ? {} : parseBodyText(raw.toString('utf8'), contentType);
}

/** `parseBody` of a body already decoded as UTF-8 (the call log keeps the text and decodes it again when read). */
export function parseBodyText(text: string, contentType: string | undefined): Record<string, unknown> {
  if (text === '') return {};
  if (contentType === 'application/json' || isJsonBody(text, (contentType ?? '').toLowerCase())) {
    // A deeply nested body would be kept in the call log and break every later read of it; Graph refuses such
    // bodies too. The form-field parser (parseLenientJson) has the same bound.
    if (nestingExceeds(text, MAX_BODY_DEPTH)) throw graphErrors.param(`The request body is nested deeper than ${MAX_BODY_DEPTH} levels`);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw graphErrors.param(`The request body is not valid JSON: ${(err as Error).message}`);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      throw graphErrors.param('The request body must be a JSON object');
    return value as Record<string, unknown>;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(text)) if (!Object.hasOwn(out, k) && k !== '__proto__') out[k] = v;
  return out;
}

/** A JSON body by its (lower-cased) content type, or by its first character when the type says neither JSON nor form. */
function isJsonBody(text: string, type: string): boolean {
  if (type.includes('multipart/'))
    throw graphErrors.param('multipart/form-data bodies are not supported by the lead-kit mock: send JSON or form fields');
  return type.includes('json') || (!type.includes('form-urlencoded') && /^\s*[{[]/.test(text));
}

/** Decodes the JSON-ish string value of an object parameter; other values are returned as they are. */
export function decodeParam(name: string, value: unknown): unknown {
  if (typeof value !== 'string' || !OBJECT_PARAMS.has(name)) return value;
  const trimmed = value.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return value;
  try {
    return parseLenientJson(trimmed);
  } catch (err) {
    throw graphErrors.param(`param ${name} must be a JSON object: ${(err as Error).message}`);
  }
}

function hasObjectParam(query: Record<string, string>): boolean {
  for (const k in query) if (OBJECT_PARAMS.has(k)) return true;
  return false;
}

/** Merges query and body parameters (the body wins), decoding JSON-ish object values. */
export function buildParams(query: Record<string, string>, body: Record<string, unknown>): Record<string, unknown> {
  const bodyKeys = Object.keys(body);
  // The GET hot path: no body and nothing to decode, so the query object serves as it is.
  if (bodyKeys.length === 0 && !hasObjectParam(query)) return query;
  const params: Record<string, unknown> = {};
  // A "__proto__" key (possible in a JSON body) must not become the prototype of params.
  for (const k of Object.keys(query)) if (k !== '__proto__') params[k] = decodeParam(k, query[k]);
  for (const k of bodyKeys) if (k !== '__proto__') params[k] = decodeParam(k, body[k]);
  return params;
}

/**
 * The access token: `access_token` (query or body), else `Authorization: Bearer|OAuth <token>` (the header, or a
 * function that reads it only when it is needed).
 */
export function tokenOf(params: Record<string, unknown>, header: string | undefined | (() => string | undefined)): string | undefined {
  if (typeof params.access_token === 'string' && params.access_token !== '') return params.access_token;
  const authorization = typeof header === 'function' ? header() : header;
  if (authorization === undefined) return undefined;
  const m = /^(?:Bearer|OAuth)\s+(\S+)\s*$/i.exec(authorization);
  return m ? m[1] : undefined;
}

/**
 * Graph's `method=` override: `?method=post` on a GET, and `?method=delete` on a GET or a POST (the way the
 * fbgraph and fb clients send every DELETE).
 */
export function effectiveMethod(httpMethod: string, query: Record<string, string>): string {
  const override = query.method?.toUpperCase();
  if (httpMethod === 'GET' && (override === 'POST' || override === 'DELETE')) return override;
  if (httpMethod === 'POST' && override === 'DELETE') return override;
  return httpMethod;
}

/** A string parameter, or undefined; a non-string is a Graph param error. */
export function stringParam(params: Record<string, unknown>, name: string): string | undefined {
  const v = params[name];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  throw graphErrors.param(`param ${name} must be a string`);
}

/** `recipient` as a PSID: `{"id": "…"}`, or a bare id (thread_owner's `recipient=<PSID>`). */
export function recipientId(params: Record<string, unknown>): string | undefined {
  const r = params.recipient;
  if (r === undefined || r === null || r === '') return undefined;
  if (typeof r === 'string' || typeof r === 'number') return String(r);
  if (typeof r === 'object' && !Array.isArray(r)) {
    const id = (r as Record<string, unknown>).id;
    if (typeof id === 'string' && id !== '') return id;
    if (typeof id === 'number') return String(id);
    if (Object.keys(r).some((k) => k !== 'id'))
      throw graphErrors.param(`The lead-kit mock only supports recipient.id (got ${Object.keys(r).join(', ')})`);
  }
  throw graphErrors.param('param recipient must be {"id": "<PSID>"}');
}

/** The PSID a call is about, or 100 when it is missing. */
export function requireRecipient(params: Record<string, unknown>): string {
  const id = recipientId(params);
  if (id === undefined) throw graphErrors.param('The parameter recipient is required');
  if (!/^\d+$/.test(id)) throw graphErrors.noMatchingUser();
  return id;
}
