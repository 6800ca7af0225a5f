import { isUtf8 } from 'node:buffer';
import type { IncomingHttpHeaders } from 'node:http';
import type { ReceivedDelivery } from '../receiver/server.js';
import type { SignatureCheck } from '../webhooks/sign.js';

/**
 * One line of a `lead-kit listen --record` file (JSONL: one complete JSON object per line, `\n` after each).
 * `body` holds the bytes exactly as received: as a string when `body_encoding` is `utf8` (the bytes are valid
 * UTF-8 and decode/encode back to the same bytes), otherwise base64.
 */
export interface RecordLine {
  /** ISO 8601 time the request arrived */
  received_at: string;
  method: string;
  /** path and query as requested (secrets in the query replaced by placeholders) */
  path: string;
  /** X-Hub-Signature-256 matched the raw bytes; null when listen had no app secret */
  signature_ok: boolean | null;
  /** the X-Hub-Signature-256 check */
  sha256: SignatureCheck | 'unchecked';
  /** the legacy X-Hub-Signature (sha1) check, reported only */
  sha1: SignatureCheck | 'unchecked';
  /** request headers, lower-case names; credentials replaced by `<REDACTED>` */
  headers: Record<string, string | string[]>;
  body_encoding: 'utf8' | 'base64';
  body: string;
}

/** Headers that carry credentials of some kind: never written to a recording. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-key', 'x-auth-token']);

export const REDACTED = '<REDACTED>';

/** A secret that must not appear in a recording, and what stands in for it. */
export interface RecordSecret {
  value: string;
  placeholder: string;
}

/** encodeURIComponent of each secret, computed once rather than for every header of every delivery */
const encodedSecrets = new Map<string, string>();

function scrub(text: string, secrets: readonly RecordSecret[]): string {
  let out = text;
  for (const s of secrets) {
    if (s.value === '') continue;
    if (out.includes(s.value)) out = out.split(s.value).join(s.placeholder);
    let encoded = encodedSecrets.get(s.value);
    if (encoded === undefined) encodedSecrets.set(s.value, (encoded = encodeURIComponent(s.value)));
    if (encoded !== s.value && out.includes(encoded)) out = out.split(encoded).join(s.placeholder);
  }
  return out;
}

/**
 * `body` as a string when the bytes survive a UTF-8 round trip unchanged, else base64. `decoded` is
 * `body.toString('utf8')` when the caller already has it (it is used only when the bytes are valid UTF-8).
 */
export function encodeBody(body: Buffer, decoded?: string): { body_encoding: 'utf8' | 'base64'; body: string } {
  // Valid UTF-8, and only that, decodes and encodes back to the same bytes.
  if (isUtf8(body)) return { body_encoding: 'utf8', body: decoded ?? body.toString('utf8') };
  return { body_encoding: 'base64', body: body.toString('base64') };
}

/** The recorded headers: lower-case names, credentials and secrets replaced. */
export function recordHeaders(headers: IncomingHttpHeaders, secrets: readonly RecordSecret[]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined) continue;
    if (CREDENTIAL_HEADERS.has(name)) out[name] = REDACTED;
    else out[name] = Array.isArray(value) ? value.map((v) => scrub(v, secrets)) : scrub(value, secrets);
  }
  return out;
}

/** The path with `hub.verify_token` and any secret replaced. */
export function recordPath(path: string, secrets: readonly RecordSecret[]): string {
  return scrub(path, secrets).replace(/([?&]hub\.verify_token=)[^&]*/g, '$1<VERIFY_TOKEN>');
}

/** The recording line of a delivery (without the trailing newline). */
export function toRecordLine(d: ReceivedDelivery, secrets: readonly RecordSecret[]): string {
  const line: RecordLine = {
    received_at: d.receivedAt,
    method: d.method,
    path: recordPath(d.path, secrets),
    signature_ok: d.sha256 === 'unchecked' ? null : d.sha256 === 'valid',
    sha256: d.sha256,
    sha1: d.sha1,
    headers: recordHeaders(d.headers, secrets),
    ...encodeBody(d.body, d.text),
  };
  return JSON.stringify(line);
}

/** What a recording line holds, decoded; `reason` says why a line is not usable. */
export type ParsedRecord = { ok: true; record: RecordLine; body: Buffer } | { ok: false; reason: string };

/** Parses one recording line. Never throws: a bad line comes back with the reason. */
export function parseRecordLine(text: string): ParsedRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, reason: `not valid JSON (${(err as Error).message})` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, reason: 'not a JSON object' };
  const r = value as Partial<RecordLine>;
  if (typeof r.body !== 'string') return { ok: false, reason: 'no "body" string' };
  const encoding = r.body_encoding ?? 'utf8';
  if (encoding !== 'utf8' && encoding !== 'base64') return { ok: false, reason: `unknown body_encoding "${String(encoding)}"` };
  if (r.headers !== undefined && (r.headers === null || typeof r.headers !== 'object' || Array.isArray(r.headers))) {
    return { ok: false, reason: '"headers" is not an object' };
  }
  if (encoding === 'base64' && !/^[A-Za-z0-9+/]*={0,2}$/.test(r.body)) return { ok: false, reason: '"body" is not base64' };
  const body = Buffer.from(r.body, encoding);
  return { ok: true, record: r as RecordLine, body };
}
