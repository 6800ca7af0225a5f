import { afterEach, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { startReceiver, type Receiver } from '../../src/receiver/server.js';
import { webhookHeaders } from '../../src/webhooks/deliver.js';
import { serializeBody } from '../../src/webhooks/serialize.js';

let rx: Receiver | undefined;
afterEach(async () => {
  await rx?.close();
  rx = undefined;
});
const SECRET = 'receiver-secret';

describe('the embedded receiver', () => {
  it('answers the handshake only with the right token, echoing the challenge', async () => {
    rx = await startReceiver({ appSecret: SECRET, verifyToken: 'vt' });
    const ok = await request(`${rx.url}?hub.mode=subscribe&hub.verify_token=vt&hub.challenge=1158201444`);
    expect(ok.statusCode).toBe(200);
    expect(await ok.body.text()).toBe('1158201444');
    const bad = await request(`${rx.url}?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1`);
    expect(bad.statusCode).toBe(403);
    await bad.body.dump();
  });

  it('accepts a correctly signed body and rejects a tampered one with 403', async () => {
    rx = await startReceiver({ appSecret: SECRET });
    const body = serializeBody({ object: 'page', entry: [{ text: 'São Paulo' }] });
    const headers = webhookHeaders(body, SECRET);
    const good = await request(rx.url, { method: 'POST', body, headers });
    expect([good.statusCode, await good.body.text()]).toEqual([200, 'EVENT_RECEIVED']);
    const tampered = Buffer.from(body.toString().replace('Paulo', 'Paula'));
    const bad = await request(rx.url, { method: 'POST', body: tampered, headers });
    expect(bad.statusCode).toBe(403);
    await bad.body.dump();
    expect(rx.deliveries.map((d) => [d.sha256, d.sha1, d.status])).toEqual([
      ['valid', 'valid', 200],
      ['invalid', 'invalid', 403],
    ]);
    expect(rx.deliveries[0]!.body.equals(body)).toBe(true);
  });

  it('limits the body size and answers 404 elsewhere', async () => {
    rx = await startReceiver({ appSecret: SECRET, maxBodyBytes: 100 });
    const big = await request(rx.url, { method: 'POST', body: Buffer.alloc(500, 97) });
    expect(big.statusCode).toBe(413);
    await big.body.dump();
    const other = await request(rx.url.replace('/webhook', '/other'));
    expect(other.statusCode).toBe(404);
    await other.body.dump();
  });

  it('binds to 127.0.0.1 by default and close() can be called twice', async () => {
    rx = await startReceiver();
    expect(rx.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webhook$/);
    await rx.close();
    await rx.close();
  });
});
