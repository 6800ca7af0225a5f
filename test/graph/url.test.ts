import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { graphBaseUrl, graphVersion, isLoopbackHost, redactUrl } from '../../src/graph/url.js';

describe('graphBaseUrl', () => {
  it('keeps https and loopback http, without a trailing slash', () => {
    expect(graphBaseUrl('https://graph.facebook.com/')).toBe('https://graph.facebook.com');
    expect(graphBaseUrl('http://127.0.0.1:4010')).toBe('http://127.0.0.1:4010');
    expect(graphBaseUrl('http://localhost:4010/graph/')).toBe('http://localhost:4010/graph');
    expect(graphBaseUrl('http://[::1]:4010')).toBe('http://[::1]:4010');
  });

  it('refuses plain http off loopback, other schemes and credentials', () => {
    expect(() => graphBaseUrl('http://graph.facebook.com')).toThrow(/must use https/);
    expect(() => graphBaseUrl('http://10.0.0.5:4010')).toThrow(UsageError);
    expect(() => graphBaseUrl('ftp://127.0.0.1')).toThrow(/http\(s\)/);
    expect(() => graphBaseUrl('not a url')).toThrow(/is not a URL/);
    expect(() => graphBaseUrl('https://u:p@graph.facebook.com')).toThrow(/credentials/);
  });

  it('knows loopback hosts', () => {
    expect(isLoopbackHost('127.8.9.10')).toBe(true);
    expect(isLoopbackHost('localhost')).toBe(true);
    expect(isLoopbackHost('128.0.0.1')).toBe(false);
    expect(isLoopbackHost('127.0.0.1.example.com')).toBe(false);
  });
});

describe('graphVersion', () => {
  it('normalizes loose spellings', () => {
    expect(graphVersion('26')).toBe('v26.0');
    expect(graphVersion('v25.0')).toBe('v25.0');
    expect(graphVersion('24.0')).toBe('v24.0');
    expect(() => graphVersion('latest')).toThrow(/not a Graph API version/);
  });
});

describe('redactUrl', () => {
  it('replaces the token, the input token and the proof', () => {
    const url = 'https://graph.facebook.com/v26.0/debug_token?input_token=SECRET1&access_token=SECRET2&appsecret_proof=abc&x=1';
    const out = redactUrl(url);
    expect(out).toBe(
      'https://graph.facebook.com/v26.0/debug_token?input_token=<PAGE_ACCESS_TOKEN>&access_token=<PAGE_ACCESS_TOKEN>&appsecret_proof=<APPSECRET_PROOF>&x=1',
    );
  });
});
