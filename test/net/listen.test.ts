import { describe, expect, it } from 'vitest';
import { advertisedOrigin, wildcardWarning } from '../../src/net/listen.js';

describe('bind addresses (issue 13 item 11)', () => {
  it('advertises a reachable loopback origin for a wildcard bind, the address itself otherwise', () => {
    expect(advertisedOrigin('0.0.0.0', 4010)).toBe('http://127.0.0.1:4010');
    expect(advertisedOrigin('::', 4010)).toBe('http://[::1]:4010');
    expect(advertisedOrigin('127.0.0.1', 3000)).toBe('http://127.0.0.1:3000');
    expect(advertisedOrigin('::1', 3000)).toBe('http://[::1]:3000');
  });

  it('warns for 0.0.0.0 and :: only', () => {
    expect(wildcardWarning('0.0.0.0', 'the mock')).toMatch(/every network interface/);
    expect(wildcardWarning('::', 'the mock')).toMatch(/every network interface/);
    expect(wildcardWarning('[::]', 'listen')).toMatch(/every network interface/);
    expect(wildcardWarning('127.0.0.1', 'the mock')).toBeUndefined();
    expect(wildcardWarning('localhost', 'the mock')).toBeUndefined();
  });
});
