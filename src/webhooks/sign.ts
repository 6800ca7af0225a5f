import { createHmac, timingSafeEqual, type KeyObject } from 'node:crypto';

/** `sha256=<lowercase hex HMAC-SHA256(appSecret, body)>`, the value of X-Hub-Signature-256 (platform-notes §1.3). */
export function signSha256(body: Buffer | string, appSecret: string | KeyObject): string {
  return 'sha256=' + createHmac('sha256', appSecret).update(body).digest('hex');
}

/** `sha1=<hex HMAC-SHA1>`, the legacy X-Hub-Signature that older bot frameworks still check. */
export function signSha1(body: Buffer | string, appSecret: string | KeyObject): string {
  return 'sha1=' + createHmac('sha1', appSecret).update(body).digest('hex');
}

export type SignatureCheck = 'valid' | 'invalid' | 'missing' | 'malformed';

/** Checks a signature header against the raw bytes received, in constant time. */
export function checkSignature(body: Buffer, header: string | undefined, appSecret: string): SignatureCheck {
  if (header === undefined || header === '') return 'missing';
  const m = /^(sha256|sha1)=([0-9a-fA-F]+)$/.exec(header.trim());
  if (!m) return 'malformed';
  const expected = (m[1] === 'sha256' ? signSha256(body, appSecret) : signSha1(body, appSecret)).slice(m[1]!.length + 1);
  const got = Buffer.from(m[2]!.toLowerCase(), 'utf8');
  const want = Buffer.from(expected, 'utf8');
  return got.length === want.length && timingSafeEqual(got, want) ? 'valid' : 'invalid';
}
