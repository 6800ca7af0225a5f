import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { parseRecordLine, type RecordLine } from '../../src/listen/record-format.js';
import type { ListenEvent } from '../../src/listen/listen.js';
import { webhookHeaders } from '../../src/webhooks/deliver.js';
import { serializeBody } from '../../src/webhooks/serialize.js';
import { buildLeadReferral } from '../../src/webhooks/build.js';
import { runCli } from '../helpers/cli.js';
import { createTestIO } from '../helpers/deps.js';
import {
  SECRET,
  TOKEN,
  startEndpoint,
  startListenRun,
  tempDir,
  waitFor,
  type RunningListen,
  type TestEndpoint,
} from '../replay/support.js';

let listen: RunningListen | undefined;
let target: TestEndpoint | undefined;
afterEach(async () => {
  await listen?.stop();
  await target?.close();
  listen = undefined;
  target = undefined;
});

const lead = buildLeadReferral({
  pageId: '542998526103632',
  psid: '5794982867201265',
  time: 1795243782811,
  timestamp: 1795243782,
  type: 'LEAD_COMPLETE',
  adId: '6302572858686',
  adTitle: 'Find Wholesalers Ad',
  postId: '559217392549680',
  answers: [{ question: 'What city is your store located?', answer: 'Zürich' }],
});
const body = serializeBody(lead, 'meta');

async function post(url: string, b: Buffer, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  const res = await request(url, { method: 'POST', body: b, headers });
  return { status: res.statusCode, text: await res.body.text() };
}

const deliveries = (events: ListenEvent[]): Array<Extract<ListenEvent, { type: 'delivery' }>> =>
  events.filter((e): e is Extract<ListenEvent, { type: 'delivery' }> => e.type === 'delivery');

describe('lead-kit listen: handshake', () => {
  it('echoes the exact challenge for the right token and refuses wrong tokens and modes', async () => {
    listen = await startListenRun({ verifyToken: TOKEN, appSecret: SECRET });
    const get = async (q: string): Promise<[number, string]> => {
      const res = await request(`${listen!.url}?${q}`);
      return [res.statusCode, await res.body.text()];
    };
    expect(await get(`hub.mode=subscribe&hub.verify_token=${TOKEN}&hub.challenge=1158201444`)).toEqual([200, '1158201444']);
    expect((await get('hub.mode=subscribe&hub.verify_token=nope&hub.challenge=5'))[0]).toBe(403);
    expect((await get(`hub.mode=unsubscribe&hub.verify_token=${TOKEN}&hub.challenge=5`))[0]).toBe(403);
    expect((await get('hub.challenge=5'))[0]).toBe(403);
    const hs = listen.events().filter((e) => e.type === 'handshake');
    expect(hs.map((e) => (e as { status: number }).status)).toEqual([200, 403, 403, 403]);
    expect(listen.io.stdout() + listen.io.stderr()).not.toContain(TOKEN);
  });

  it('refuses every handshake without a verify token and says so', async () => {
    listen = await startListenRun({});
    const res = await request(`${listen.url}?hub.mode=subscribe&hub.verify_token=anything&hub.challenge=5`);
    expect(res.statusCode).toBe(403);
    await res.body.dump();
    expect(listen.events()[0]).toMatchObject({ type: 'ready', handshake: 'refused', signatures: 'unchecked' });
  });
});

describe('lead-kit listen: deliveries', () => {
  it('answers 200 to a signed delivery, 403 to a bad signature, and prints kind, PSID and answers', async () => {
    listen = await startListenRun({ appSecret: SECRET });
    expect(await post(listen.url, body, webhookHeaders(body, SECRET))).toEqual({ status: 200, text: 'EVENT_RECEIVED' });
    expect((await post(listen.url, body, webhookHeaders(body, 'another-secret'))).status).toBe(403);
    const [good, bad] = deliveries(listen.events());
    expect(good).toMatchObject({ status: 200, signature_ok: true, sha256: 'valid', sha1: 'valid', kinds: ['referral'] });
    expect(good!.event).toContain('psid 5794982867201265');
    expect(good!.event).toContain('Zürich');
    expect(bad).toMatchObject({ status: 403, signature_ok: false, sha256: 'invalid' });
  });

  it('without an app secret accepts deliveries and reports the signature as unchecked', async () => {
    listen = await startListenRun({});
    expect((await post(listen.url, body, { 'content-type': 'application/json' })).status).toBe(200);
    expect(deliveries(listen.events())[0]).toMatchObject({ status: 200, signature_ok: null, sha256: 'unchecked' });
  });

  it('limits the body size (413, not recorded)', async () => {
    const file = join(tempDir(), 'rec.jsonl');
    listen = await startListenRun({ appSecret: SECRET, maxBodyBytes: 100, record: file });
    expect((await post(listen.url, body, webhookHeaders(body, SECRET))).status).toBe(413);
    expect(deliveries(listen.events())[0]).toMatchObject({ status: 413, recorded: false });
    expect(readFileSync(file, 'utf8')).toBe('');
  });

  it('prints one readable line per delivery in text mode, the header on stderr', async () => {
    const io = createTestIO();
    const ac = new AbortController();
    const run = runCli(['listen', '--port', '0', '--app-secret', SECRET], { io, signal: ac.signal });
    await waitFor(() => io.stderr().includes('Ctrl-C to stop'));
    const url = /http:\/\/127\.0\.0\.1:\d+\/webhook/.exec(io.stderr())![0];
    await post(url, body, webhookHeaders(body, SECRET));
    await waitFor(() => io.stdout().includes('referral'));
    ac.abort();
    const { code, stdout, stderr } = await run;
    expect(code).toBe(130);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(stdout).toMatch(
      /^\d\d:\d\d:\d\d\.\d{3} {2}200 {2}sig ✓ \+sha1 {2}referral {2}LEAD_COMPLETE ad 6302572858686, psid 5794982867201265: What city is your store located\? Zürich\n$/,
    );
    expect(stderr).toContain('stopped: 1 delivery, 0 rejected, 0 handshakes');
    expect(stderr).not.toContain(SECRET);
  });
});

describe('lead-kit listen --record', () => {
  it('appends one complete line per delivery with the exact bytes, and no secrets', async () => {
    const file = join(tempDir(), 'rec.jsonl');
    listen = await startListenRun({ appSecret: SECRET, verifyToken: TOKEN, record: file });
    const raw = Buffer.from('{"object":"page","text":"Zürich — 🙂"}', 'utf8');
    const notUtf8 = Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    // Still JSON once decoded (the bad byte becomes U+FFFD), so it is accepted: the recording must keep the byte.
    const jsonNotUtf8 = Buffer.concat([Buffer.from('{"object":"page","text":"'), Buffer.from([0xfc]), Buffer.from('"}')]);
    await post(listen.url, body, webhookHeaders(body, SECRET));
    await post(listen.url, raw, { ...webhookHeaders(raw, SECRET), authorization: `Bearer ${SECRET}`, 'x-debug': `secret=${SECRET}` });
    await post(listen.url, notUtf8, webhookHeaders(notUtf8, SECRET));
    expect((await post(listen.url, jsonNotUtf8, webhookHeaders(jsonNotUtf8, SECRET))).status).toBe(200);
    await (await request(`${listen.url}?hub.mode=subscribe&hub.verify_token=${TOKEN}&hub.challenge=1`)).body.dump();
    const text = readFileSync(file, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(4); // the handshake is not a delivery
    const parsed = lines.map((l) => parseRecordLine(l));
    const bodies = parsed.map((p) => (p.ok ? p.body : Buffer.alloc(0)));
    expect(bodies[0]!.equals(body)).toBe(true);
    expect(bodies[1]!.equals(raw)).toBe(true);
    expect(bodies[2]!.equals(notUtf8)).toBe(true);
    expect(bodies[3]!.equals(jsonNotUtf8)).toBe(true);
    const records = lines.map((l) => JSON.parse(l) as RecordLine);
    expect(records.map((r) => r.body_encoding)).toEqual(['utf8', 'utf8', 'base64', 'base64']);
    expect(records[0]).toMatchObject({ method: 'POST', path: '/webhook', signature_ok: true, sha256: 'valid', sha1: 'valid' });
    expect(records[0]!.headers['x-hub-signature-256']).toBe(webhookHeaders(body, SECRET)['x-hub-signature-256']);
    expect(records[1]!.headers.authorization).toBe('<REDACTED>');
    expect(records[1]!.headers['x-debug']).toBe('secret=<APP_SECRET>');
    expect(Object.keys(records[0]!)).toEqual([
      'received_at',
      'method',
      'path',
      'signature_ok',
      'sha256',
      'sha1',
      'headers',
      'body_encoding',
      'body',
    ]);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(TOKEN);
  });

  it('reports a partial last line left by a crash and keeps every new line whole', async () => {
    const file = join(tempDir(), 'rec.jsonl');
    const partial = '{"received_at":"2026-11-21T10:00:00.000Z","body":"{\\"obj';
    writeFileSync(file, `{"received_at":"x","body":"{}"}\n${partial}`);
    listen = await startListenRun({ appSecret: SECRET, record: file });
    expect(listen.events()[0]).toMatchObject({ type: 'ready', torn_line: { line: 2, bytes: Buffer.byteLength(partial) } });
    expect(listen.io.stderr()).toContain(`rec.jsonl:2 is a partial line (${Buffer.byteLength(partial)} bytes)`);
    await post(listen.url, body, webhookHeaders(body, SECRET));
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe(partial);
    expect(parseRecordLine(lines[2]!)).toMatchObject({ ok: true });
    expect(lines[3]).toBe('');
  });
});

describe('lead-kit listen --forward-to', () => {
  it('passes the exact bytes and headers on and answers what the target answered', async () => {
    target = await startEndpoint((_req, _body, res) => {
      res.writeHead(202, { 'content-type': 'text/plain' });
      res.end('queued by the app');
    });
    listen = await startListenRun({ appSecret: SECRET, endpoint: target.url });
    const headers = { ...webhookHeaders(body, SECRET), 'X-Custom-Trace': 'abc' };
    expect(await post(listen.url, body, headers)).toEqual({ status: 202, text: 'queued by the app' });
    expect(target.received).toHaveLength(1);
    const got = target.received[0]!;
    expect(got.body.equals(body)).toBe(true);
    for (const name of ['x-hub-signature-256', 'x-hub-signature', 'facebook-api-version', 'user-agent', 'content-type'])
      expect(got.headers[name]).toBe(headers[name as keyof typeof headers]);
    expect(got.headers['x-custom-trace']).toBe('abc');
    expect(deliveries(listen.events())[0]).toMatchObject({ status: 202, forward: { status: 202, ok: true } });
  });

  it('does not forward a delivery whose signature fails, and answers 502 when the target is down', async () => {
    target = await startEndpoint((_req, _body, res) => res.end('ok'));
    listen = await startListenRun({ appSecret: SECRET, endpoint: target.url });
    expect((await post(listen.url, body, webhookHeaders(body, 'wrong'))).status).toBe(403);
    expect(target.received).toHaveLength(0);
    await target.close();
    const down = await post(listen.url, body, webhookHeaders(body, SECRET));
    expect(down.status).toBe(502);
    const last = deliveries(listen.events()).at(-1)!;
    expect(last.forward).toMatchObject({ status: null, ok: false });
    expect(last.forward!.reason).toMatch(/ECONNREFUSED/);
    target = undefined;
  });
});
