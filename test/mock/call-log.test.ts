// The call log keeps each request as it was answered and builds its record (redacted, body decoded, answer
// parsed back from the JSON sent) only when read: these tests pin that a record read late is the call as it
// was, that the log line and the record never carry a secret, and that the hot routes' hand-written answers are
// the JSON Graph clients expect.
import { createServer, type IncomingMessage } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { headerOf } from '../../src/mock/request.js';
import { demoConfig, DEMO } from '../../src/mock/demo.js';
import { startMockGraph, type MockGraph } from '../../src/mock/server.js';
import type { CallLine, RecordedCall } from '../../src/mock/calls.js';
import { renderRequest, requestLine } from '../../src/commands/mock.js';
import { Chalk } from 'chalk';
import { agent, call, demoMock, PSID } from './helpers.js';

let mock: MockGraph | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});
afterAll(() => agent.close());

const calls = async (m: MockGraph): Promise<RecordedCall[]> => (await call(m, 'GET', '/__lead-kit/calls', { auth: 'none' })).body.data;
const send = (m: MockGraph, text: string, token: string = DEMO.token) =>
  call(m, 'POST', '/v26.0/me/messages', { token, json: { recipient: { id: PSID }, messaging_type: 'RESPONSE', message: { text } } });

describe('call log', () => {
  it('a record read after later calls still shows its own call: query, body, answer, route and status', async () => {
    mock = await demoMock();
    const first = await send(mock, 'first message');
    expect(first.status).toBe(200);
    // Later calls change the thread (a pass), the profile and the history; the first record must not move.
    await call(mock, 'POST', '/v26.0/me/messenger_profile', { json: { get_started: { payload: 'GO' } } });
    await call(mock, 'POST', '/v26.0/me/messenger_profile', { json: { get_started: { payload: 'CHANGED' } } });
    await send(mock, 'second message');
    const owner = await call(mock, 'GET', `/v26.0/me/thread_owner?recipient=${PSID}`);
    const all = await calls(mock);
    expect(all.map((c) => c.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(all[0]).toMatchObject({
      method: 'POST',
      path: '/v26.0/me/messages',
      version: 'v26.0',
      route: 'POST /me/messages',
      query: { access_token: '<PAGE_ACCESS_TOKEN>' },
      body: { recipient: { id: PSID }, messaging_type: 'RESPONSE', message: { text: 'first message' } },
      psid: PSID,
      status: 200,
      response: first.body,
    });
    expect(all[1]!.body).toEqual({ get_started: { payload: 'GO' } });
    expect(all[4]!.response).toEqual(owner.body);
    // The in-process view is the same data, and reading it twice gives the same objects.
    expect(JSON.parse(JSON.stringify(mock.calls))).toEqual(all);
    expect(mock.calls[0]).toBe(mock.calls[0]);
  });

  it('records form bodies with their JSON-ish values decoded, as the handlers saw them', async () => {
    mock = await demoMock();
    const r = await call(mock, 'POST', '/v26.0/me/messages', {
      form: { recipient: `{'id':'${PSID}'}`, messaging_type: 'RESPONSE', message: '{"text":"hi"}' },
    });
    expect(r.status).toBe(200);
    const [c] = await calls(mock);
    expect(c!.body).toEqual({
      recipient: { id: PSID },
      messaging_type: 'RESPONSE',
      message: { text: 'hi' },
      access_token: '<PAGE_ACCESS_TOKEN>',
    });
    // A value that cannot be decoded fails the call; its record keeps the body as it came.
    const bad = await call(mock, 'POST', '/v26.0/me/messages', { form: { recipient: '{not json', message: '{"text":"x"}' } });
    expect(bad.status).toBe(400);
    expect((await calls(mock))[1]).toMatchObject({ status: 400, body: { recipient: '{not json' }, error: { code: 100 } });
  });

  it('never lets a token or an app secret reach a record or a log line, wherever it is in the call', async () => {
    const lines: CallLine[] = [];
    const secret = 'app-secret-never-shown-123';
    const config = demoConfig({ appSecret: secret });
    mock = await startMockGraph({ config, onLine: (c) => lines.push(c) });
    await send(mock, `my token is ${DEMO.token} and the secret ${secret}`);
    await call(mock, 'GET', `/v26.0/me/thread_owner?recipient=${PSID}&note=${DEMO.token}`);
    await call(mock, 'POST', '/v26.0/me/messages', { json: { recipient: { id: PSID }, message: { text: 'x' }, access_token: DEMO.token } });
    const text = [
      JSON.stringify(await calls(mock)),
      JSON.stringify(mock.calls),
      ...lines.map((l) => JSON.stringify(requestLine(l))),
      ...lines.map((l) => renderRequest(l, new Chalk({ level: 0 }))),
    ].join('\n');
    expect(text).not.toContain(DEMO.token);
    expect(text).not.toContain(secret);
    const all = await calls(mock);
    expect((all[0]!.body.message as { text: string }).text).toBe('my token is <REDACTED> and the secret <REDACTED>');
    expect(all[1]!.query).toEqual({ recipient: PSID, note: '<REDACTED>', access_token: '<PAGE_ACCESS_TOKEN>' });
    expect(lines[1]!.target).toBe(`/v26.0/me/thread_owner?recipient=${PSID}&note=<REDACTED>&access_token=<PAGE_ACCESS_TOKEN>`);
  });

  it('the log hears every call in order, and trimming to max_calls keeps records and their numbers together', async () => {
    const seen: number[] = [];
    mock = await startMockGraph({ config: { ...demoConfig(), max_calls: 10 }, onLine: (c) => seen.push(c.seq) });
    for (let i = 0; i < 60; i++) {
      await call(mock, 'GET', `/v26.0/me/thread_owner?recipient=${PSID}&n=${i}`);
      // Read some records along the way, so the log holds both built and unbuilt ones when it trims.
      if (i % 7 === 0) expect(mock.calls.at(-1)!.query.n).toBe(String(i));
    }
    for (let i = 0; i < 60; i++) await call(mock, 'GET', `/v26.0/me/thread_owner?recipient=${PSID}&n=${60 + i}`);
    expect(seen).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    const kept = mock.calls;
    expect(kept.length).toBeGreaterThanOrEqual(10);
    expect(kept.length).toBeLessThanOrEqual(110);
    for (const c of kept) expect(c.query.n).toBe(String(c.seq - 1));
    expect(kept.at(-1)!.seq).toBe(120);
  });
});

describe('request log line', () => {
  it('without colour is the text a colourless painter writes, errors included', () => {
    const ok: CallLine = { seq: 1, at: '', method: 'GET', target: '/v26.0/me?x=1', route: 'GET /me', app_id: null, status: 200, ms: 0.4 };
    const bad: CallLine = { ...ok, status: 400, error: { code: 100, error_subcode: 2018001, message: 'No matching user found' } };
    for (const c of [ok, bad]) expect(renderRequest(c, undefined)).toBe(renderRequest(c, new Chalk({ level: 0 })));
    expect(renderRequest(bad, undefined)).toBe('  400 GET /v26.0/me?x=1 No matching user found [100/2018001] 0.4 ms');
    expect(renderRequest(ok, new Chalk({ level: 1 }))).toContain('\u001b[32m200');
  });
});

describe('hot routes answer the JSON JSON.stringify would write', () => {
  it('POST /me/messages and GET /me/thread_owner, with app_id as a string or a number', async () => {
    for (const type of ['string', 'number'] as const) {
      const config = demoConfig();
      config.pages[0]!.unconfirmed = { ...config.pages[0]!.unconfirmed, thread_owner_app_id: type };
      mock = await startMockGraph({ config });
      const sent = await send(mock, 'hello');
      expect(sent.text).toBe(JSON.stringify({ recipient_id: PSID, message_id: sent.body.message_id }));
      expect(sent.body.message_id).toMatch(/^m_[\w-]{86}$/);
      const owner = await call(mock, 'GET', `/v26.0/me/thread_owner?recipient=${PSID}`);
      const app = mock.state.pages.values().next().value!.threads.get(PSID)!.ownerAppId!;
      expect(owner.text).toBe(
        JSON.stringify({
          data: [
            { thread_owner: { app_id: type === 'number' ? Number(app) : app, expiration: owner.body.data[0].thread_owner.expiration } },
          ],
        }),
      );
      expect(Number.isInteger(owner.body.data[0].thread_owner.expiration)).toBe(true);
      // The same answers inside a batch, where the operation's body is the JSON text.
      const batch = await call(mock, 'POST', '/v26.0/', {
        json: { batch: [{ method: 'GET', relative_url: `me/thread_owner?recipient=${PSID}` }], include_headers: false },
      });
      expect(batch.body[0]).toEqual({ code: 200, body: owner.text });
      expect(mock.calls.find((c) => c.batch)!.response).toEqual(owner.body);
      await mock.close();
      mock = undefined;
    }
  });

  it('thread_owner follows every change of control, whoever asks, though its last answer is reused', async () => {
    mock = await demoMock();
    const ask = async (token: string = DEMO.token) =>
      (await call(mock!, 'GET', `/v26.0/me/thread_owner?recipient=${PSID}`, { token })).body;
    const first = await ask();
    expect(first.data[0].thread_owner.app_id).toBe(DEMO.appId);
    expect(await ask()).toEqual(first);
    // The default app sees the owner too; after 25 virtual hours control is back with the default app.
    expect((await ask(DEMO.defaultAppToken)).data[0].thread_owner.app_id).toBe(DEMO.appId);
    await call(mock, 'POST', '/__lead-kit/clock', { json: { advance: '25h' }, auth: 'none' });
    const later = await ask();
    expect(later.data[0].thread_owner.app_id).toBeUndefined();
    expect(later.data[0].thread_owner.expiration).toBe(first.data[0].thread_owner.expiration);
    expect((await ask(DEMO.defaultAppToken)).data[0].thread_owner.app_id).toBe(DEMO.defaultAppId);
    // The log's targets follow the URLs, repeated or not.
    const targets = (await calls(mock)).map((c) => c.path + (c.query.recipient ? `?recipient=${c.query.recipient}` : ''));
    expect(targets.filter((t) => t.endsWith(PSID))).toHaveLength(5);
  });

  it('an idle thread has no owner: {"data":[]}', async () => {
    const config = demoConfig();
    config.pages[0]!.persons![0]!.owner_app_id = null;
    mock = await startMockGraph({ config });
    const owner = await call(mock, 'GET', `/v26.0/me/thread_owner?recipient=${PSID}`);
    expect(owner.text).toBe('{"data":[]}');
  });
});

describe('headerOf', () => {
  it('reads a header from the raw list as req.headers has it: any case, the first of repeated ones', async () => {
    const seen: IncomingMessage[] = [];
    const server = createServer((req, res) => {
      seen.push(req);
      req.resume();
      req.on('end', () => res.end('ok'));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const raw = [
      'POST /v26.0/me/messages HTTP/1.1',
      'HOST: 127.0.0.1',
      'Content-TYPE: Application/JSON',
      'content-type: text/plain',
      'AUTHORIZATION: Bearer first',
      'Authorization: Bearer second',
      'Transfer-Encoding: chunked',
      'X-Content-Length: 12',
      'Connection: close',
      '',
      '2',
      '{}',
      '0',
      '',
      '',
    ].join('\r\n');
    await new Promise<void>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.end(raw));
      socket.on('error', reject);
      socket.on('close', () => resolve());
      socket.resume();
    });
    await new Promise<void>((r) => server.close(() => r()));
    const req = seen[0]!;
    for (const name of ['host', 'content-type', 'authorization', 'transfer-encoding', 'content-length'])
      expect(headerOf(req, name), name).toBe(req.headers[name]);
    expect(headerOf(req, 'content-type')).toBe('Application/JSON');
    expect(headerOf(req, 'content-length')).toBeUndefined();
  });
});
