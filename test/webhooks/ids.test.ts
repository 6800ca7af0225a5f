import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { messageId } from '../../src/webhooks/ids.js';

describe('messageId', () => {
  it('is m_ and the first 86 characters of the base64url SHA-512 of its parts joined by NUL, so ids repeat across runs and versions', () => {
    const parts = ['542998526103632', '5794982867201265', 1796081794536, 7];
    const want = 'm_' + createHash('sha512').update(parts.join('\u0000')).digest('base64url').slice(0, 86);
    expect(messageId(...parts)).toBe(want);
    expect(messageId('é', '😀')).toBe('m_' + createHash('sha512').update('é\u0000😀').digest('base64url').slice(0, 86));
    expect(messageId(...parts)).toMatch(/^m_[\w-]{86}$/);
  });
});
