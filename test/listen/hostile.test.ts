import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import type { ListenEvent } from '../../src/listen/listen.js';
import { webhookHeaders } from '../../src/webhooks/deliver.js';
import { runCli } from '../helpers/cli.js';
import { freePort } from '../helpers/ports.js';
import { isOwnAddress } from '../../src/listen/own-address.js';
import { SECRET, startListenRun, type RunningListen } from '../replay/support.js';

let listen: RunningListen | undefined;
afterEach(async () => {
  await listen?.stop();
  listen = undefined;
});

const body = Buffer.from('{"object":"page","entry":[]}');
const deliveries = (events: ListenEvent[]): Array<Extract<ListenEvent, { type: 'delivery' }>> =>
  events.filter((e): e is Extract<ListenEvent, { type: 'delivery' }> => e.type === 'delivery');

/** Runs `lead-kit listen …` in-process; Ctrl-C after `ms` if it is still running. */
async function runFor(argv: string[], env: Record<string, string> = {}, ms = 3000): Promise<{ code: number; stderr: string }> {
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), ms);
  try {
    return await runCli(argv, { signal: ac.signal, env });
  } finally {
    clearTimeout(timer);
  }
}

describe('listen refuses to fail open (issue 13 item 5)', () => {
  it('an empty --app-secret is exit 4, not a listener that accepts forged deliveries', async () => {
    const r = await runFor(['listen', '--port', '0', '--app-secret', '']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/app secret is empty/);
  });

  it('an empty LEAD_KIT_APP_SECRET is exit 4 too', async () => {
    const r = await runFor(['listen', '--port', '0'], { LEAD_KIT_APP_SECRET: '' });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/app secret is empty/);
  });
});

describe('listen --forward-to loops (issue 13 item 2)', () => {
  it("refuses a --forward-to that is listen's own address (exit 2)", async () => {
    const port = await freePort();
    for (const host of ['127.0.0.1', 'localhost']) {
      const r = await runFor(['listen', '--port', String(port), '--forward-to', `http://${host}:${port}/webhook`]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/own address/);
    }
  });

  it('cuts a loop through another proxy: the forwarded request carries a hop header and comes back 508', async () => {
    let passed = 0;
    let target = '';
    // A proxy that sends every request back to listen, headers included (stops after 20 to keep a failing run finite).
    const proxy: Server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        passed++;
        if (passed > 20) return void res.end('stop');
        const headers = { ...req.headers };
        delete headers.host;
        delete headers['content-length'];
        delete headers.connection;
        request(target, { method: 'POST', headers: headers as Record<string, string>, body: Buffer.concat(chunks) }).then(
          async (r) => {
            res.writeHead(r.statusCode);
            res.end(await r.body.text());
          },
          () => res.writeHead(502).end(),
        );
      });
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    try {
      listen = await startListenRun({ appSecret: SECRET, endpoint: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/hook` });
      target = listen.url;
      const res = await request(listen.url, { method: 'POST', body, headers: webhookHeaders(body, SECRET) });
      expect(res.statusCode).toBe(508);
      await res.body.text();
      expect(passed).toBe(1);
      const ds = deliveries(listen.events());
      expect(ds).toHaveLength(2);
      expect(ds[0]!.status).toBe(508);
      expect(listen.events().some((e) => e.type === 'error' && /loop/.test(e.message))).toBe(true);
    } finally {
      proxy.closeAllConnections();
      await new Promise<void>((r) => proxy.close(() => r()));
    }
  });
});

describe('listen reports an over-limit body honestly (issue 13 item 11)', () => {
  it('says the body was read and discarded, with its real size', async () => {
    listen = await startListenRun({ appSecret: SECRET, maxBodyBytes: 10 });
    const res = await request(listen.url, { method: 'POST', body, headers: webhookHeaders(body, SECRET) });
    expect(res.statusCode).toBe(413);
    await res.body.text();
    const d = deliveries(listen.events())[0]!;
    expect(d.event).not.toMatch(/not read/);
    expect(d.event).toMatch(/discarded/);
    expect(d.bytes).toBe(body.length);
  });
});

describe('listen signature checks (issue 13 item 6)', () => {
  it('answers 403 to a correct HMAC-SHA1 sent in X-Hub-Signature-256, and to uppercase hex', async () => {
    listen = await startListenRun({ appSecret: SECRET });
    const h = webhookHeaders(body, SECRET);
    const sha1 = h['x-hub-signature']!;
    expect((await post(listen.url, { ...h, 'x-hub-signature-256': sha1 })).status).toBe(403);
    expect(
      (await post(listen.url, { ...h, 'x-hub-signature-256': 'sha256=' + h['x-hub-signature-256']!.slice(7).toUpperCase() })).status,
    ).toBe(403);
    expect((await post(listen.url, h)).status).toBe(200);
    expect(deliveries(listen.events()).map((d) => d.sha256)).toEqual(['malformed', 'malformed', 'valid']);
  });
});

describe('isOwnAddress', () => {
  it('matches the same port on loopback names and the bind address, not other ports or hosts', () => {
    expect(isOwnAddress(new URL('http://127.0.0.1:3000/webhook'), '127.0.0.1', 3000)).toBe(true);
    expect(isOwnAddress(new URL('http://localhost:3000/x'), '127.0.0.1', 3000)).toBe(true);
    expect(isOwnAddress(new URL('http://[::1]:3000/x'), '127.0.0.1', 3000)).toBe(true);
    expect(isOwnAddress(new URL('http://127.0.0.2:3000/x'), '0.0.0.0', 3000)).toBe(true);
    expect(isOwnAddress(new URL('http://127.0.0.1:3001/webhook'), '127.0.0.1', 3000)).toBe(false);
    expect(isOwnAddress(new URL('http://192.0.2.10:3000/webhook'), '127.0.0.1', 3000)).toBe(false);
    expect(isOwnAddress(new URL('https://127.0.0.1:3000/webhook'), '127.0.0.1', 3000)).toBe(false);
  });
});

async function post(url: string, headers: Record<string, string>): Promise<{ status: number }> {
  const res = await request(url, { method: 'POST', body, headers });
  await res.body.text();
  return { status: res.statusCode };
}
