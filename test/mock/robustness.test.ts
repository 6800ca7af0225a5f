import { connect } from 'node:net';
import { Agent, request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { demoConfig } from '../../src/mock/demo.js';
import { startMockGraph } from '../../src/mock/server.js';
import { mulberry32 } from '../../src/webhooks/random.js';
import { call, PAGE, PSID } from './helpers.js';

const fuzzAgent = new Agent({ connections: 16, pipelining: 1 });
afterAll(() => fuzzAgent.close());

const HTTP_REQUESTS = 3000;
const RAW_SOCKETS = 60;
const LIMIT = 4096;

describe('robustness', () => {
  it(`survives ${HTTP_REQUESTS} random and malformed requests and ${RAW_SOCKETS} garbage connections, then still answers correctly`, async () => {
    const mock = await startMockGraph({ config: { ...demoConfig(), max_body_bytes: LIMIT } });
    const rnd = mulberry32(20261121);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const junk = (n: number): string => Array.from({ length: n }, () => String.fromCharCode(Math.floor(rnd() * 0x2fff))).join('');
    const segments = [
      'me',
      PAGE,
      PSID,
      '123',
      'messages',
      'thread_owner',
      'pass_thread_control',
      'take_thread_control',
      'extend_thread_control',
      'subscribed_apps',
      'conversations',
      'debug_token',
      'permissions',
      '__lead-kit',
      'clock',
      'calls',
      'state',
      'message',
      'lead-flow',
      'v26.0',
      'v6.0',
      '%zz',
      '..',
      '%00',
      'ü',
      '__proto__',
      'constructor',
      'x'.repeat(300),
    ];
    const values = [
      '',
      '{',
      "{'id':",
      '[]',
      '{"id":{}}',
      `{"id":"${PSID}"}`,
      `{'id':'${PSID}'}`,
      'null',
      '1e999',
      '-1',
      '25h',
      'soon',
      '{"__proto__":{"x":1}}',
      '[[[[[[[[',
      junk(20),
      'lead-kit-demo-page-token',
      'EAAbad',
    ];
    const keys = [
      'access_token',
      'recipient',
      'message',
      'thread_control',
      'fields',
      'target_app_id',
      'duration',
      'subscribed_fields',
      'method',
      'since',
      'advance',
      'set',
      'psid',
      'text',
      'scenario',
      'input_token',
      'appsecret_proof',
      '__proto__',
      junk(3),
    ];
    const bodies = [
      () => undefined,
      () =>
        JSON.stringify({
          [pick(keys)]: pick(values),
          recipient: pick([{ id: PSID }, { id: {} }, 5, 'x', null, [PSID]]),
          message: pick([{ text: 'hi' }, [], 'x', { attachment: null }, { text: '' }]),
        }),
      () => '{"recipient": {"id": "' + PSID,
      () => '['.repeat(5000) + ']'.repeat(5000),
      // issue 13: a deeply nested object body used to stay in the call log and crash every later /calls read
      // (2,000 levels: the 4,500 of the report do not fit under this test's body limit)
      () => '{"x":' + '['.repeat(2000) + ']'.repeat(2000) + '}',
      () => '{"recipient":' + '{"id":'.repeat(500) + '"1"' + '}'.repeat(501),
      () => new URLSearchParams({ [pick(keys)]: pick(values), [pick(keys)]: pick(values) }).toString(),
      () => junk(Math.floor(rnd() * 300)),
      () => 'x'.repeat(LIMIT + 1 + Math.floor(rnd() * 2000)),
      () =>
        JSON.stringify({
          thread_control: { payload: pick(values), app_id: pick(values), control_type: pick(['pass', 'release', 'steal']) },
          recipient: { id: PSID },
          message: { text: 'x' },
        }),
    ];
    const types = [
      undefined,
      'application/json',
      'application/x-www-form-urlencoded',
      'text/plain',
      'multipart/form-data; boundary=z',
      'application/json; charset=latin1',
    ];
    const statuses = new Map<number, number>();
    const problems: string[] = [];

    for (let done = 0; done < HTTP_REQUESTS; done += 50) {
      await Promise.all(
        Array.from({ length: 50 }, async () => {
          const method = pick(['GET', 'GET', 'POST', 'POST', 'DELETE', 'PUT', 'PATCH', 'OPTIONS', 'HEAD']);
          const path = '/' + Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => pick(segments)).join('/');
          const query = Array.from(
            { length: Math.floor(rnd() * 4) },
            () => `${encodeURIComponent(pick(keys))}=${encodeURIComponent(pick(values))}`,
          ).join('&');
          const body = method === 'GET' || method === 'HEAD' ? undefined : pick(bodies)();
          const type = pick(types);
          const headers: Record<string, string> = type ? { 'content-type': type } : {};
          if (rnd() < 0.2)
            headers.authorization = pick([
              'Bearer lead-kit-demo-page-token',
              'Bearer',
              'OAuth x',
              'Basic abc',
              'Bearer ' + junk(5).replace(/[^\x21-\x7e]/g, 'a'),
            ]);
          try {
            const res = await request(`${mock.url}${path}${query ? '?' + query : ''}`, {
              method: method as 'GET',
              headers,
              body,
              dispatcher: fuzzAgent,
            });
            const text = await res.body.text();
            statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
            if (res.statusCode >= 500) problems.push(`${res.statusCode} ${method} ${path}`);
            if (method !== 'HEAD') {
              const parsed = JSON.parse(text) as { error?: { code?: unknown } };
              if (res.statusCode >= 400 && typeof parsed.error?.code !== 'number')
                problems.push(`no envelope: ${method} ${path} ${text.slice(0, 80)}`);
            }
          } catch (err) {
            // Over the body limit the mock answers 413 and closes the connection, which may cut our upload short.
            if (!(typeof body === 'string' && body.length > LIMIT)) problems.push(`${method} ${path}: ${(err as Error).message}`);
          }
        }),
      );
    }
    await Promise.all(
      Array.from(
        { length: RAW_SOCKETS },
        (_, i) =>
          new Promise<void>((resolve) => {
            const s = connect(mock.port, '127.0.0.1', () => {
              s.write(
                i % 3 === 0
                  ? junk(200)
                  : i % 3 === 1
                    ? 'GET / HTTP/1.1\r\nContent-Length: -5\r\n\r\n'
                    : `POST /v26.0/me/messages HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n`,
              );
              setTimeout(() => s.destroy(), 50);
            });
            s.on('error', () => undefined);
            s.on('close', () => resolve());
          }),
      ),
    );
    expect(problems).toEqual([]);
    expect([...statuses.keys()].every((s) => s === 200 || s === 400 || s === 413)).toBe(true);
    expect(statuses.get(400)).toBeGreaterThan(HTTP_REQUESTS / 2);

    // Still correct afterwards: a fresh thread_owner call, a send, and the inspection routes.
    const owner = await call(mock, 'GET', `/v26.0/me/thread_owner?recipient=${PSID}`, { token: 'lead-kit-demo-default-app-token' });
    expect(owner.status).toBe(200);
    expect(Array.isArray(owner.body.data)).toBe(true);
    expect((await call(mock, 'GET', '/v26.0/me?fields=id,name')).body).toEqual({ id: PAGE, name: 'Lead-kit Demo Page' });
    expect((await call(mock, 'GET', '/v26.0/me/nope')).body.error.code).toBe(100);
    expect((await call(mock, 'GET', '/__lead-kit/state', { auth: 'none' })).status).toBe(200);
    const calls = await call(mock, 'GET', '/__lead-kit/calls', { auth: 'none' });
    expect(calls.status).toBe(200);
    expect(calls.body.data.length).toBeGreaterThan(100);
    const deepAnswered = calls.body.data.filter((c: { error?: { message: string } }) => /nested deeper than/.test(c.error?.message ?? ''));
    expect(deepAnswered.length).toBeGreaterThan(0);
    await mock.close();
  }, 60_000);
});
