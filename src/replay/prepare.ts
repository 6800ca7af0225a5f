import { createSecretKey } from 'node:crypto';
import { signSha1, signSha256 } from '../webhooks/sign.js';
import { REDACTED } from '../listen/record-format.js';
import type { RawItem } from './sources.js';
import { NOT_RESENT } from '../net/hop-headers.js';

/** A request ready for the wire: the exact body bytes and undici's flat header array, signed once. */
export interface PreparedRequest {
  body: Buffer;
  /** [name, value, name, value, …] */
  headers: string[];
  where: string;
}

export interface SigningOptions {
  /** re-sign with this secret; without it recordings keep the signatures they were recorded with */
  appSecret?: string;
  /** also send X-Hub-Signature (sha1) */
  legacySignature: boolean;
  /** Facebook-API-Version for payload files (recordings keep theirs) */
  apiVersion: string;
}

/** Not replayed from a recording: hop-by-hop headers and those undici derives from the URL and body. */
const DROPPED = NOT_RESENT;
const SIGNATURES = new Set(['x-hub-signature-256', 'x-hub-signature']);
/**
 * Returns a function that turns a payload into a signed request, signing exactly the bytes sent. Each body is
 * signed as it comes: recordings hold distinct deliveries, and a small input replayed with --repeat is prepared
 * once and kept (source.ts), so a cache of signatures would only cost a hash of every body.
 */
export function createPreparer(opts: SigningOptions): (raw: RawItem) => PreparedRequest {
  // The key is prepared once, not for each of the two HMACs of every request.
  const key = opts.appSecret === undefined ? undefined : createSecretKey(Buffer.from(opts.appSecret, 'utf8'));
  const sentName = headerNames(key !== undefined);
  return (raw) => {
    const headers: string[] = [];
    if (raw.headers) {
      const recorded = raw.headers;
      for (const name in recorded) {
        const lower = sentName(name);
        if (lower === null) continue;
        const value = recorded[name]!;
        if (!Array.isArray(value)) {
          if (value !== REDACTED) headers.push(lower, value);
        } else for (const v of value) if (v !== REDACTED) headers.push(lower, v);
      }
    } else {
      // The headers Meta sends (deliver.ts webhookHeaders), for a payload file.
      headers.push('content-type', 'application/json', 'user-agent', 'facebookexternalua', 'facebook-api-version', opts.apiVersion);
    }
    if (key !== undefined) {
      headers.push('x-hub-signature-256', signSha256(raw.body, key));
      if (opts.legacySignature) headers.push('x-hub-signature', signSha1(raw.body, key));
    }
    return { body: raw.body, headers, where: raw.where };
  };
}

/**
 * Recorded header name → the name sent (lower case), or null when it is not sent. A recording repeats the same
 * few names on every line, so each is looked at once (up to a bound, for files with endlessly many names).
 */
function headerNames(resign: boolean): (name: string) => string | null {
  const seen = new Map<string, string | null>();
  return (name) => {
    let sent = seen.get(name);
    if (sent === undefined) {
      const lower = name.toLowerCase();
      sent = DROPPED.has(lower) || (resign && SIGNATURES.has(lower)) ? null : lower;
      if (seen.size < 1024) seen.set(name, sent);
    }
    return sent;
  };
}
