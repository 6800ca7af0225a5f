import { createHmac } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { deliver, webhookHeaders } from '../../src/webhooks/deliver.js';
import { handshake } from '../../src/webhooks/handshake.js';
import { serializeBody } from '../../src/webhooks/serialize.js';
import { freePort } from '../helpers/ports.js';

/** A raw TCP server on 127.0.0.1 that keeps every byte a client sends and answers with `reply` (or never). */
async function rawServer(
  reply: ((request: Buffer) => string) | undefined,
): Promise<{ url: string; received: () => Buffer; server: Server }> {
  const chunks: Buffer[] = [];
  const server = createServer((socket: Socket) => {
    socket.on('data', (d) => {
      chunks.push(d);
      const all = Buffer.concat(chunks);
      const end = all.indexOf('\r\n\r\n');
      if (end === -1 || !reply) return;
      const length = Number(/content-length: (\d+)/i.exec(all.subarray(0, end).toString('latin1'))?.[1] ?? 0);
      if (all.length >= end + 4 + length) socket.end(reply(all));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`, received: () => Buffer.concat(chunks), server };
}

const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

describe('webhook deliveries on the wire', () => {
  it('sends exactly the signed bytes, with a Content-Length (never chunked) and the signature headers', async () => {
    const body = serializeBody(
      { object: 'page', entry: [{ id: '1', messaging: [{ message: { text: 'São Paulo / Zürich 🎉' } }] }] },
      'meta',
    );
    const headers = webhookHeaders(body, 'the-secret');
    const s = await rawServer(() => 'HTTP/1.1 200 OK\r\ncontent-length: 14\r\nconnection: close\r\n\r\nEVENT_RECEIVED');
    servers.push(s.server);
    const o = await deliver({ url: s.url, body, headers });
    expect(o).toMatchObject({ status: 200, ok: true, bodySnippet: 'EVENT_RECEIVED' });
    const raw = s.received();
    const split = raw.indexOf('\r\n\r\n');
    const head = raw.subarray(0, split).toString('latin1');
    expect(head.split('\r\n')[0]).toBe('POST /webhook HTTP/1.1');
    expect(head).toMatch(new RegExp(`\\r\\ncontent-length: ${body.length}\\r\\n`));
    expect(head).not.toMatch(/transfer-encoding/i);
    expect(head).toContain(`\r\nx-hub-signature-256: sha256=${createHmac('sha256', 'the-secret').update(body).digest('hex')}\r\n`);
    expect(head).toContain(`\r\nx-hub-signature: sha1=${createHmac('sha1', 'the-secret').update(body).digest('hex')}\r\n`);
    expect(head).toContain('\r\nuser-agent: facebookexternalua\r\n');
    expect(raw.subarray(split + 4).equals(body)).toBe(true);
  });

  it('reports a refused connection as a connect failure and a silent endpoint as a timeout', async () => {
    const refused = await deliver({ url: `http://127.0.0.1:${await freePort()}/webhook`, body: Buffer.from('{}'), headers: {} });
    expect(refused).toMatchObject({ status: null, ok: false, failure: 'connect' });
    expect(refused.reason).toMatch(/ECONNREFUSED/);
    const silent = await rawServer(undefined);
    servers.push(silent.server);
    const late = await deliver({ url: silent.url, body: Buffer.from('{}'), headers: {}, timeoutMs: 100, giveUpMs: 300 });
    expect(late).toMatchObject({ status: null, ok: false, failure: 'timeout', reason: 'no answer within 300 ms' });
  });

  it('stops at once when interrupted', async () => {
    const silent = await rawServer(undefined);
    servers.push(silent.server);
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 50);
    const o = await deliver({ url: silent.url, body: Buffer.from('{}'), headers: {}, signal: ctl.signal });
    expect(o).toMatchObject({ failure: 'aborted', reason: 'interrupted' });
  });

  it('the handshake is a GET with the hub parameters, passed only when the challenge comes back exactly', async () => {
    const echo = await rawServer((req) => {
      const challenge = /hub\.challenge=(\d+)/.exec(req.toString('latin1'))![1]!;
      return `HTTP/1.1 200 OK\r\ncontent-length: ${challenge.length}\r\nconnection: close\r\n\r\n${challenge}`;
    });
    servers.push(echo.server);
    const ok = await handshake(echo.url, 'tok en', { challenge: '1234567890' });
    expect(ok).toMatchObject({ ok: true, status: 200, body: '1234567890' });
    expect(echo.received().toString('latin1')).toMatch(
      /^GET \/webhook\?hub\.mode=subscribe&hub\.verify_token=tok\+en&hub\.challenge=1234567890 HTTP\/1\.1\r\n/,
    );
    const refused = await handshake(`http://127.0.0.1:${await freePort()}/webhook`, 't');
    expect(refused).toMatchObject({ ok: false, failure: 'connect' });
    expect(refused.reason).toMatch(/^ECONNREFUSED: /);
  });

  it('the handshake fails the way a delivery does: silent endpoint, interruption, refused connection', async () => {
    const silent = await rawServer(undefined);
    servers.push(silent.server);
    expect(await handshake(silent.url, 't', { timeoutMs: 200 })).toMatchObject({
      ok: false,
      failure: 'timeout',
      reason: 'no answer within 200 ms',
    });
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 50);
    expect(await handshake(silent.url, 't', { signal: ctl.signal })).toMatchObject({
      ok: false,
      failure: 'aborted',
      reason: 'interrupted',
    });
    const url = `http://127.0.0.1:${await freePort()}/webhook`;
    const viaHandshake = await handshake(url, 't');
    const viaDelivery = await deliver({ url, body: Buffer.from('{}'), headers: {} });
    expect(viaHandshake.reason).toBe(viaDelivery.reason);
  });
});

describe('through an undici dispatcher a caller passes (net/send-via.ts): the same outcomes', () => {
  const dispatcher = new Agent();
  afterAll(() => dispatcher.close());

  it('the exact bytes, the answer, a refused connection, a silent endpoint, an interruption and the handshake', async () => {
    const body = serializeBody({ object: 'page', entry: [{ id: '1', messaging: [{ message: { text: 'Zürich 🎉' } }] }] }, 'meta');
    const s = await rawServer(() => 'HTTP/1.1 200 OK\r\ncontent-length: 14\r\nconnection: close\r\n\r\nEVENT_RECEIVED');
    servers.push(s.server);
    expect(await deliver({ url: s.url, body, headers: webhookHeaders(body, 'k'), dispatcher })).toMatchObject({
      status: 200,
      ok: true,
      bodySnippet: 'EVENT_RECEIVED',
    });
    const raw = s.received();
    expect(raw.subarray(raw.indexOf('\r\n\r\n') + 4).equals(body)).toBe(true);

    const refused = await deliver({ url: `http://127.0.0.1:${await freePort()}/webhook`, body, headers: {}, dispatcher });
    expect(refused).toMatchObject({ status: null, ok: false, failure: 'connect' });
    const silent = await rawServer(undefined);
    servers.push(silent.server);
    const late = await deliver({ url: silent.url, body, headers: {}, timeoutMs: 100, giveUpMs: 300, dispatcher });
    expect(late).toMatchObject({ status: null, ok: false, failure: 'timeout', reason: 'no answer within 300 ms' });
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 50);
    expect(await deliver({ url: silent.url, body, headers: {}, signal: ctl.signal, dispatcher })).toMatchObject({
      failure: 'aborted',
      reason: 'interrupted',
    });

    const echo = await rawServer((req) => {
      const challenge = /hub\.challenge=(\d+)/.exec(req.toString('latin1'))![1]!;
      return `HTTP/1.1 200 OK\r\ncontent-length: ${challenge.length}\r\nconnection: close\r\n\r\n${challenge}`;
    });
    servers.push(echo.server);
    expect(await handshake(echo.url, 't', { challenge: '42', dispatcher })).toMatchObject({ ok: true, status: 200, body: '42' });
    expect(await handshake(silent.url, 't', { timeoutMs: 200, dispatcher })).toMatchObject({ ok: false, failure: 'timeout' });
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 50);
    expect(await handshake(silent.url, 't', { signal: stop.signal, dispatcher })).toMatchObject({
      failure: 'aborted',
      reason: 'interrupted',
    });
  });
});
