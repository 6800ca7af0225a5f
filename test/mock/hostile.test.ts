import { connect } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { startMockGraph } from '../../src/mock/server.js';
import { agent, call, PSID } from './helpers.js';

afterAll(() => agent.close());

const deep = (n: number): string => '{"x":' + '['.repeat(n) + ']'.repeat(n) + '}';

describe('mock under hostile requests (issue 13)', () => {
  it('answers a 4,500-level JSON body with the Graph error envelope, and /__lead-kit/calls still answers', async () => {
    const mock = await startMockGraph();
    try {
      const res = await call(mock, 'POST', '/v26.0/me/messages', { raw: deep(4500), headers: { 'content-type': 'application/json' } });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe(100);
      expect(res.body.error.message).toMatch(/nested deeper than/);
      // The next read of the call log used to throw inside a promise and take the process down.
      for (let i = 0; i < 2; i++) {
        const calls = await call(mock, 'GET', '/__lead-kit/calls', { auth: 'none' });
        expect(calls.status).toBe(200);
        expect(calls.body.data.at(-1).status).toBe(400);
      }
      // Nesting within the bound is still parsed and recorded whole.
      const ok = await call(mock, 'POST', '/v26.0/me/messages', {
        raw: `{"recipient":{"id":"${PSID}"},"message":{"text":"hi"},"x":${'['.repeat(40)}${']'.repeat(40)}}`,
        headers: { 'content-type': 'application/json' },
      });
      expect(ok.status).toBe(200);
      const calls = await call(mock, 'GET', '/__lead-kit/calls', { auth: 'none' });
      let v: unknown = calls.body.data.at(-1).body.x;
      let depth = 0;
      while (Array.isArray(v)) [v, depth] = [v[0], depth + 1];
      expect(depth).toBe(40);
    } finally {
      await mock.close();
    }
  });

  it('a handler that throws answers 500 with the envelope, is logged, and the server keeps serving', async () => {
    const errors: string[] = [];
    const mock = await startMockGraph({ onError: (err) => errors.push(String(err)) });
    try {
      // A call-log listener that throws stands in for any bug on the answer path.
      mock.onCall(() => {
        throw new Error('listener bug');
      });
      const res = await call(mock, 'GET', `/v26.0/me/thread_owner?recipient=${PSID}`);
      expect([200, 500]).toContain(res.status);
      const state = await call(mock, 'GET', '/__lead-kit/state', { auth: 'none' });
      expect(state.status).toBe(200);
      expect(errors.join('\n')).toMatch(/listener bug/);
    } finally {
      await mock.close();
    }
  });

  it('POST /__lead-kit/clock with a nested or out-of-range value is a 400 Graph error, not a 500', async () => {
    const mock = await startMockGraph();
    try {
      for (const body of [
        { advance: { toString: 1 } },
        { set: { toString: 1 } },
        { advance: 1e300 },
        { set: 1e300 },
        { advance: '99999999999999999999d' },
        { advance: { h: [1] } },
      ]) {
        const res = await call(mock, 'POST', '/__lead-kit/clock', { json: body, auth: 'none' });
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(res.body.error.code).toBe(100);
      }
      expect((await call(mock, 'GET', '/__lead-kit/clock', { auth: 'none' })).status).toBe(200);
    } finally {
      await mock.close();
    }
  });

  it('answers CONNECT with a Graph error instead of closing the connection silently', async () => {
    const mock = await startMockGraph();
    try {
      const answer = await new Promise<string>((resolve, reject) => {
        let text = '';
        const s = connect(mock.port, '127.0.0.1', () => s.write('CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n'));
        s.setEncoding('utf8');
        s.on('data', (d: string) => (text += d));
        s.on('end', () => resolve(text));
        s.on('error', reject);
        setTimeout(() => s.destroy(), 5000).unref();
      });
      expect(answer).toMatch(/^HTTP\/1\.1 405 /);
      expect(answer).toMatch(/"code":100/);
    } finally {
      await mock.close();
    }
  });
});
