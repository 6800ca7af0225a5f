import { signSha1, signSha256 } from '../webhooks/sign.js';
import { REDACTED } from '../listen/record-format.js';
import type { RawItem } from './sources.js';

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
const DROPPED = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'host', 'content-length', 'expect']);
const SIGNATURES = new Set(['x-hub-signature-256', 'x-hub-signature']);
/** Bodies whose signatures are remembered; bounded so memory stays flat over long recordings. */
const SIGNATURE_CACHE_SIZE = 256;

/**
 * Returns a function that turns a payload into a signed request. Signatures are computed once per distinct
 * body (cached by its text), over exactly the bytes sent.
 */
export function createPreparer(opts: SigningOptions): (raw: RawItem) => PreparedRequest {
  const cache = new Map<string, [string, string | undefined]>();
  const signatures = (raw: RawItem, secret: string): [string, string | undefined] => {
    const hit = raw.key === undefined ? undefined : cache.get(raw.key);
    if (hit) return hit;
    const sigs: [string, string | undefined] = [signSha256(raw.body, secret), opts.legacySignature ? signSha1(raw.body, secret) : undefined];
    if (raw.key !== undefined) {
      if (cache.size >= SIGNATURE_CACHE_SIZE) cache.clear();
      cache.set(raw.key, sigs);
    }
    return sigs;
  };
  return (raw) => {
    const headers: string[] = [];
    if (raw.headers) {
      for (const [name, value] of Object.entries(raw.headers)) {
        const lower = name.toLowerCase();
        if (DROPPED.has(lower) || (opts.appSecret !== undefined && SIGNATURES.has(lower))) continue;
        for (const v of Array.isArray(value) ? value : [value]) if (v !== REDACTED) headers.push(lower, v);
      }
    } else {
      // The headers Meta sends (deliver.ts webhookHeaders), for a payload file.
      headers.push('content-type', 'application/json', 'user-agent', 'facebookexternalua', 'facebook-api-version', opts.apiVersion);
    }
    if (opts.appSecret !== undefined) {
      const [sha256, sha1] = signatures(raw, opts.appSecret);
      headers.push('x-hub-signature-256', sha256);
      if (sha1 !== undefined) headers.push('x-hub-signature', sha1);
    }
    return { body: raw.body, headers, where: raw.where };
  };
}
