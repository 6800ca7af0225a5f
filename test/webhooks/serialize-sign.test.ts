import { describe, expect, it } from 'vitest';
import { serializeBody, serializeJson } from '../../src/webhooks/serialize.js';
import { checkSignature, sameSecret, signSha1, signSha256, signatureChecker } from '../../src/webhooks/sign.js';
import { webhookHeaders } from '../../src/webhooks/deliver.js';

const SECRET = 'lead-kit-test-secret';
// Vectors computed independently with `openssl dgst -sha256 -hmac lead-kit-test-secret` over the bytes shown.
const ESCAPED = '{"text":"Z\\u00fcrich \\u00e4\\u00f6\\u00e5 https:\\/\\/x.test\\/a"}';
const ESCAPED_SHA256 = 'sha256=47e30bd4058c4479949239436257e029c4dfddff4be91a3d182cd60c9ddd83e5';
const ESCAPED_SHA1 = 'sha1=815453d7d852816d4c17c53a92a210cb5c248cee';
const UTF8_SHA256 = 'sha256=c5a93ccf372a74bc870e728e3fd9638590a31267eed80b3ba403d40107de769f';

describe("Meta's body form", () => {
  it('writes non-ASCII as lowercase \\uXXXX and / as \\/', () => {
    expect(serializeJson({ text: 'Zürich äöå https://x.test/a' })).toBe(ESCAPED);
  });

  it('writes astral characters (emoji) as a lowercase surrogate pair', () => {
    expect(serializeJson({ t: 'hi 👋' })).toBe('{"t":"hi \\ud83d\\udc4b"}');
  });

  it('keeps ASCII, quotes and existing escapes intact and parses back to the same value', () => {
    const value = { q: 'He said "São Paulo?"\nYes: 100% <b>&</b> @me', n: 413038776280800, nested: [{ a: null, b: true }] };
    const text = serializeJson(value);
    expect(text).toMatch(/^[\x20-\x7e]*$/);
    expect(JSON.parse(text)).toEqual(value);
    expect(text).toContain('100% <b>&<\\/b> @me');
  });

  it('meta-html also escapes < > & % @; utf8 is plain JSON.stringify', () => {
    expect(serializeJson({ t: '<a>&%@/é' }, 'meta-html')).toBe('{"t":"\\u003ca\\u003e\\u0026\\u0025\\u0040\\/\\u00e9"}');
    expect(serializeJson({ t: '<a>/é' }, 'utf8')).toBe('{"t":"<a>/é"}');
  });

  it('returns the UTF-8 bytes of that text', () => {
    expect(serializeBody({ t: 'é' }).equals(Buffer.from('{"t":"\\u00e9"}'))).toBe(true);
    expect(serializeBody({ t: 'é' }, 'utf8').equals(Buffer.from('{"t":"é"}', 'utf8'))).toBe(true);
  });
});

describe('signatures', () => {
  it('match the independent sha256 and sha1 vectors over the escaped bytes', () => {
    expect(signSha256(Buffer.from(ESCAPED), SECRET)).toBe(ESCAPED_SHA256);
    expect(signSha1(Buffer.from(ESCAPED), SECRET)).toBe(ESCAPED_SHA1);
  });

  it('differ when the decoded UTF-8 text is signed instead: the bug Meta receivers hit', () => {
    const utf8 = Buffer.from('{"text":"Zürich äöå https://x.test/a"}', 'utf8');
    expect(signSha256(utf8, SECRET)).toBe(UTF8_SHA256);
    expect(UTF8_SHA256).not.toBe(ESCAPED_SHA256);
  });

  it('webhookHeaders signs exactly the body it is given and names the version and agent', () => {
    const h = webhookHeaders(Buffer.from(ESCAPED), SECRET, { apiVersion: 'v25.0' });
    expect(h).toEqual({
      'content-type': 'application/json',
      'user-agent': 'facebookexternalua',
      'facebook-api-version': 'v25.0',
      'x-hub-signature-256': ESCAPED_SHA256,
      'x-hub-signature': ESCAPED_SHA1,
    });
    expect(webhookHeaders(Buffer.from(ESCAPED), SECRET, { legacySignature: false })).not.toHaveProperty('x-hub-signature');
  });

  it('checkSignature tells valid, invalid, missing and malformed apart', () => {
    const body = Buffer.from(ESCAPED);
    expect(checkSignature(body, ESCAPED_SHA256, SECRET)).toBe('valid');
    expect(checkSignature(body, ESCAPED_SHA1, SECRET, 'sha1')).toBe('valid');
    expect(checkSignature(body, UTF8_SHA256, SECRET)).toBe('invalid');
    expect(checkSignature(body, ESCAPED_SHA256, 'other-secret')).toBe('invalid');
    expect(checkSignature(body, undefined, SECRET)).toBe('missing');
    expect(checkSignature(body, 'md5=abc', SECRET)).toBe('malformed');
    expect(checkSignature(body, 'sha256=zz', SECRET)).toBe('malformed');
  });

  it('signatureChecker (the key prepared once) gives the same verdict as checkSignature for every header', () => {
    const body = Buffer.from(ESCAPED);
    const headers = [
      ESCAPED_SHA256,
      ESCAPED_SHA1,
      UTF8_SHA256,
      ESCAPED_SHA256.toUpperCase(),
      ` ${ESCAPED_SHA256} `,
      undefined,
      '',
      'md5=abc',
      'sha256=zz',
    ];
    for (const secret of [SECRET, 'other-secret']) {
      const check = signatureChecker(secret);
      for (const header of headers)
        for (const algorithm of ['sha256', 'sha1'] as const)
          expect([header, algorithm, check(body, header, algorithm)]).toEqual([
            header,
            algorithm,
            checkSignature(body, header, secret, algorithm),
          ]);
    }
    expect(signatureChecker(SECRET)(body, ESCAPED_SHA256, 'sha256')).toBe('valid');
    expect(signatureChecker(SECRET)(body, ESCAPED_SHA1, 'sha1')).toBe('valid');
  });

  it('issue 13: X-Hub-Signature-256 accepts only sha256= with 64 lowercase hex digits (a valid sha1= is malformed there)', () => {
    const body = Buffer.from(ESCAPED);
    // Before: a correct HMAC-SHA1 in the SHA-256 header was accepted as a valid signature.
    expect(checkSignature(body, ESCAPED_SHA1, SECRET)).toBe('malformed');
    expect(checkSignature(body, ESCAPED_SHA256, SECRET, 'sha1')).toBe('malformed');
    // Meta sends lowercase hex; uppercase cannot come from Meta.
    expect(checkSignature(body, ESCAPED_SHA256.toUpperCase().replace('SHA256', 'sha256'), SECRET)).toBe('malformed');
    expect(checkSignature(body, 'SHA256=' + ESCAPED_SHA256.slice(7), SECRET)).toBe('malformed');
    expect(checkSignature(body, ESCAPED_SHA256.slice(0, -2), SECRET)).toBe('malformed');
    expect(checkSignature(body, ` ${ESCAPED_SHA256} `, SECRET)).toBe('valid');
  });

  it('issue 13: verify tokens are compared in constant time and exactly', () => {
    expect(sameSecret('tok-123', 'tok-123')).toBe(true);
    expect(sameSecret('tok-124', 'tok-123')).toBe(false);
    expect(sameSecret('tok-12', 'tok-123')).toBe(false);
    expect(sameSecret('', 'tok-123')).toBe(false);
    expect(sameSecret(null, 'tok-123')).toBe(false);
  });
});
