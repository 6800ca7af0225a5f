import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { renderVerify } from '../../src/verify/render.js';
import type { VerifyCase, VerifyResult } from '../../src/verify/verify.js';

const c = new Chalk({ level: 0 });
const row = (status: number | null, ms: number): VerifyCase => ({
  id: 'handshake',
  title: 'handshake',
  expect: '200',
  status,
  ms,
  within_limit: status !== null && ms <= 5000,
  verdict: status === 200 ? 'pass' : 'fail',
});
const result = (cases: VerifyCase[]): VerifyResult => ({
  endpoint: 'http://127.0.0.1:9/webhook',
  limit_ms: 5000,
  cases,
  passed: 0,
  warnings: 0,
  failed: cases.length,
  ok: false,
});

describe('renderVerify (issue 13 item 11)', () => {
  it('never claims every answer came in time when the endpoint did not answer', () => {
    const none = renderVerify(result([row(null, 5000), row(null, 5000)]), c);
    expect(none).not.toMatch(/every answer came within/);
    expect(none).toMatch(/no case got an answer within 5 s/);
    const some = renderVerify(result([row(200, 12), row(null, 5000)]), c);
    expect(some).not.toMatch(/every answer came within/);
    expect(some).toMatch(/1 case got no answer within 5 s/);
    expect(renderVerify(result([row(200, 12)]), c)).toMatch(/every answer came within Meta's 5 s limit/);
  });
});
