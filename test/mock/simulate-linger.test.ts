import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { DEMO } from '../../src/mock/demo.js';
import { runCli } from '../helpers/cli.js';
import { freePort } from '../helpers/ports.js';

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

/** An app that answers every delivery at once and replies to the person `lateMs` after the handover. */
async function lateReplier(
  graphUrl: string,
  lateMs: number,
): Promise<{ url: string; psids: string[]; answers: Promise<Array<number | string>> }> {
  const psids: string[] = [];
  let settle: (v: Array<number | string>) => void = () => undefined;
  const answers = new Promise<Array<number | string>>((r) => (settle = r));
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.writeHead(200).end('EVENT_RECEIVED');
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        entry: Array<{ messaging?: Array<{ sender: { id: string }; pass_thread_control?: unknown }> }>;
      };
      const event = body.entry[0]?.messaging?.[0];
      if (!event) return;
      psids.push(event.sender.id);
      if (event.pass_thread_control === undefined) return;
      setTimeout(() => {
        request(`${graphUrl}/v26.0/me/messages?access_token=${DEMO.token}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ recipient: { id: event.sender.id }, message: { text: 'late hello' } }),
        })
          .then(async (r) => settle([r.statusCode, (await r.body.text()).slice(0, 40)]))
          .catch((err: Error & { code?: string }) => settle([err.code ?? err.message]));
      }, lateMs);
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`, psids, answers };
}

describe('simulate --mock: the mock stays up for the whole --expect-within window', () => {
  it("answers an app's reply that comes after the expectations were already met", async () => {
    const port = await freePort();
    const app = await lateReplier(`http://127.0.0.1:${port}`, 700);
    // no-send-during-flow is met as soon as the flow ends; the reply comes 700 ms later, inside the 3 s window
    const r = await runCli([
      'simulate',
      '--mock',
      String(port),
      '--endpoint',
      app.url,
      '--app-secret',
      's3cret-linger',
      '--psid',
      'new',
      '--expect',
      'no-send-during-flow',
      '--expect-within',
      '3000',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(await app.answers).toEqual([200, expect.stringContaining('recipient_id')]);
    // --psid new: a made-up person, the same for every delivery of the run, not the default one
    expect(new Set(app.psids).size).toBe(1);
    expect(app.psids[0]).toMatch(/^\d{16}$/);
    expect(app.psids[0]).not.toBe('5794982867201265');
  });
});
