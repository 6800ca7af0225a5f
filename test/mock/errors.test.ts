import { connect } from 'node:net';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoConfig } from '../../src/mock/demo.js';
import { startMockGraph, type MockGraph } from '../../src/mock/server.js';
import { agent, call, demoMock, PAGE, PSID } from './helpers.js';

let mock: MockGraph;
beforeEach(async () => {
  mock = await demoMock();
});
afterEach(() => mock.close());
afterAll(() => agent.close());

/** Every error answer must be exactly Meta's envelope shape. */
function expectEnvelope(r: { status: number; body: unknown; headers: Record<string, unknown> }, code: number, subcode?: number): void {
  expect(r.headers['content-type']).toMatch(/^application\/json/);
  const e = (r.body as { error: Record<string, unknown> }).error;
  expect(Object.keys(e)).toEqual([
    'message',
    'type',
    'code',
    ...(subcode === undefined ? [] : ['error_subcode']),
    'is_transient',
    'fbtrace_id',
  ]);
  expect(e.code).toBe(code);
  if (subcode !== undefined) expect(e.error_subcode).toBe(subcode);
  expect(e.fbtrace_id).toMatch(/^[\w-]{8,}$/);
}

describe('Graph error envelopes', () => {
  it('190 for a missing, unknown or malformed token', async () => {
    const none = await call(mock, 'GET', '/v26.0/me', { auth: 'none' });
    expect(none.status).toBe(400);
    expectEnvelope(none, 190);
    expect(none.body.error.type).toBe('OAuthException');
    expectEnvelope(await call(mock, 'GET', '/v26.0/me', { token: 'EAAnot-a-token' }), 190);
    expectEnvelope(await call(mock, 'GET', '/v26.0/me', { auth: 'bearer', token: '' }), 190);
  });

  it('100 for unknown routes, never HTML', async () => {
    for (const path of [
      '/',
      '/v26.0',
      '/v26.0/me/feed',
      '/v26.0/me/messages/extra',
      '/favicon.ico',
      '/v26.0/graphql',
      '/__lead-kit/nope',
      '/v26.0/debug_token/x',
    ]) {
      const r = await call(mock, 'GET', path);
      expect(r.status, path).toBe(400);
      expectEnvelope(r, 100);
      expect(r.text).not.toMatch(/<html|<!DOCTYPE/i);
    }
    expect((await call(mock, 'GET', '/v26.0/me/feed')).body.error.message).toBe('Unknown path components: /feed');
  });

  it('100/33 for another Page or an unknown object id', async () => {
    const r = await call(mock, 'POST', '/v26.0/111222333/messages', { json: { recipient: { id: PSID }, message: { text: 'x' } } });
    expectEnvelope(r, 100, 33);
    expect(r.body.error.type).toBe('GraphMethodException');
  });

  it('100 for a wrong HTTP method on a known edge', async () => {
    for (const [method, path] of [
      ['GET', '/v26.0/me/messages'],
      ['POST', '/v26.0/me/thread_owner'],
      ['DELETE', '/v26.0/me/conversations'],
      ['PUT', '/v26.0/me/messages'],
      ['PATCH', '/v26.0/me'],
    ] as const) {
      const r = await call(mock, method, path);
      expectEnvelope(r, 100);
      expect(r.body.error.message).toMatch(/^Unsupported \w+ request\.$/);
    }
  });

  it('100 for malformed bodies: bad JSON, a non-object, bad JSON-ish form values, multipart', async () => {
    expectEnvelope(
      await call(mock, 'POST', '/v26.0/me/messages', { raw: '{"recipient": {', headers: { 'content-type': 'application/json' } }),
      100,
    );
    expectEnvelope(await call(mock, 'POST', '/v26.0/me/messages', { raw: '[1,2]', headers: { 'content-type': 'application/json' } }), 100);
    const form = await call(mock, 'POST', '/v26.0/me/messages', { form: { recipient: "{'id':", message: "{'text':'x'}" } });
    expectEnvelope(form, 100);
    expect(form.body.error.message).toMatch(/param recipient must be a JSON object/);
    expectEnvelope(
      await call(mock, 'POST', '/v26.0/me/messages', { raw: '--x\r\n', headers: { 'content-type': 'multipart/form-data; boundary=x' } }),
      100,
    );
    expectEnvelope(await call(mock, 'GET', '/v26.0/me/%E0%A4%A'), 100);
    expectEnvelope(await call(mock, 'GET', '/v26.0/me/conversations?fields=messages{message'), 100);
    expectEnvelope(await call(mock, 'GET', '/v26.0/me?fields=nonexisting'), 100);
  });

  it('413 with the envelope for a body over the limit, and the server keeps answering', async () => {
    const m = await startMockGraph({ config: { ...demoConfig(), max_body_bytes: 2048 } });
    try {
      const r = await call(m, 'POST', '/v26.0/me/messages', { json: { recipient: { id: PSID }, message: { text: 'x'.repeat(5000) } } });
      expect(r.status).toBe(413);
      expectEnvelope(r, 100);
      expect((await call(m, 'GET', '/v26.0/me?fields=id')).body).toEqual({ id: PAGE });
    } finally {
      await m.close();
    }
  });

  it('a request Node cannot parse still gets a JSON envelope', async () => {
    const text = await new Promise<string>((resolve, reject) => {
      const socket = connect(mock.port, '127.0.0.1', () => socket.write('BLAH /\u0001 HTTP/9\r\n\r\n'));
      let out = '';
      socket.on('data', (d) => (out += d.toString()));
      socket.on('end', () => resolve(out));
      socket.on('error', reject);
    });
    expect(text).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)).error.code).toBe(100);
  });

  it('100 when the app requires appsecret_proof and the call has none', async () => {
    const c = demoConfig({ appSecret: 'the-secret' });
    c.apps[0]!.require_appsecret_proof = true;
    const m = await startMockGraph({ config: c });
    try {
      const r = await call(m, 'GET', '/v26.0/me?fields=id');
      expectEnvelope(r, 100);
      expect(r.body.error.message).toBe('API calls from the server require an appsecret_proof argument');
    } finally {
      await m.close();
    }
  });

  it('unconfirmed codes and the error status can be changed per Page', async () => {
    const c = demoConfig();
    c.apps.push({ id: '555', name: 'Other' });
    c.pages[0]!.connected_apps!.push({ app_id: '555', token: 'other-token-555' });
    c.pages[0]!.unconfirmed = { error_status: 403, errors: { another_app_controls: { code: 2018300 } } };
    const m = await startMockGraph({ config: c });
    try {
      const r = await call(m, 'POST', '/v26.0/me/messages', {
        token: 'other-token-555',
        json: { recipient: { id: PSID }, message: { text: 'x' } },
      });
      expect(r.status).toBe(403);
      expectEnvelope(r, 2018300);
      expect(r.body.error.message).toMatch(/another app is controlling this thread/);
    } finally {
      await m.close();
    }
  });
});
