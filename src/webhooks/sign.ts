import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';

/** `sha256=<lowercase hex HMAC-SHA256(appSecret, body)>`, the value of X-Hub-Signature-256 (https://developers.facebook.com/documentation/business-messaging/messenger-platform/webhooks). */
export function signSha256(body: Buffer | string, appSecret: string | KeyObject): string {
  return 'sha256=' + createHmac('sha256', appSecret).update(body).digest('hex');
}

/** `sha1=<hex HMAC-SHA1>`, the legacy X-Hub-Signature that older bot frameworks still check. */
export function signSha1(body: Buffer | string, appSecret: string | KeyObject): string {
  return 'sha1=' + createHmac('sha1', appSecret).update(body).digest('hex');
}

export type SignatureCheck = 'valid' | 'invalid' | 'missing' | 'malformed';

/**
 * Checks a signature header against the raw bytes received, in constant time. Each header carries one
 * algorithm: X-Hub-Signature-256 must be `sha256=`, X-Hub-Signature `sha1=`; a `sha1=` value in the SHA-256
 * header is malformed, never a valid signature. Meta sends lowercase hex and its reference receiver compares the
 * strings as they are (https://developers.facebook.com/docs/messenger-platform/webhooks#validate-payloads), so
 * uppercase hex is malformed too.
 */
export function checkSignature(
  body: Buffer,
  header: string | undefined,
  appSecret: string,
  algorithm: 'sha256' | 'sha1' = 'sha256',
): SignatureCheck {
  return check(body, header, appSecret, algorithm);
}

/**
 * `checkSignature` for a receiver that checks every request with the same secret: the HMAC key is prepared
 * once instead of for each of the two checks of every delivery.
 */
export function signatureChecker(
  appSecret: string,
): (body: Buffer, header: string | undefined, algorithm: 'sha256' | 'sha1') => SignatureCheck {
  const key = appSecret === '' ? appSecret : createSecretKey(Buffer.from(appSecret, 'utf8'));
  return (body, header, algorithm) => check(body, header, key, algorithm);
}

const SHA256_HEADER = /^sha256=([0-9a-f]{64})$/;
const SHA1_HEADER = /^sha1=([0-9a-f]{40})$/;

function check(body: Buffer, header: string | undefined, key: string | KeyObject, algorithm: 'sha256' | 'sha1'): SignatureCheck {
  if (header === undefined || header === '') return 'missing';
  const m = (algorithm === 'sha256' ? SHA256_HEADER : SHA1_HEADER).exec(header.trim());
  if (!m) return 'malformed';
  // Both sides as raw digests of the same length (the pattern allows exactly one digest of lowercase hex).
  const expected = createHmac(algorithm, key).update(body).digest();
  return timingSafeEqual(Buffer.from(m[1]!, 'hex'), expected) ? 'valid' : 'invalid';
}

/** Compares a secret the request supplied (a verify token) with the expected one in constant time. */
export function sameSecret(given: string | null | undefined, expected: string): boolean {
  if (given === null || given === undefined) return false;
  const a = createHmac('sha256', 'lead-kit').update(given).digest();
  const b = createHmac('sha256', 'lead-kit').update(expected).digest();
  // Comparing fixed-length digests hides the length of the expected token as well as its bytes.
  return timingSafeEqual(a, b);
}
