import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/mock/demo.js';
import { packEvents } from '../../src/webhooks/batch.js';
import { buildMessage } from '../../src/webhooks/build.js';
import { retryGap } from '../../src/webhooks/retry-policy.js';
import { runCli } from '../helpers/cli.js';
import { freePort } from '../helpers/ports.js';
import { agent } from '../mock/helpers.js';
import { startTestApp, type TestApp, type TestAppOptions } from '../mock/fixtures/test-app.js';

const SECRET = 'delivery-semantics-secret';
/** lead-kit with the app secret that signs the deliveries. */
const cli = (...args: string[]) => runCli([...args, '--app-secret', SECRET]);
afterAll(() => agent.close());

/** An endpoint that answers each POST as `answers` says (status, after delay ms), recording bytes and headers. */
interface Endpoint {
  url: string;
  got: Array<{ body: Buffer; headers: IncomingHttpHeaders; at: number }>;
  close(): Promise<void>;
}
async function endpoint(answer: (n: number) => { status: number; delayMs?: number }): Promise<Endpoint> {
  const got: Endpoint['got'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({ body: Buffer.concat(chunks), headers: req.headers, at: Date.now() });
      const a = answer(got.length);
      setTimeout(() => res.writeHead(a.status).end(a.status === 200 ? 'EVENT_RECEIVED' : 'nope'), a.delayMs ?? 0);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`,
    got,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

let ep: Endpoint | undefined;
let app: TestApp | undefined;
afterEach(async () => {
  await ep?.close();
  await app?.close();
  ep = undefined;
  app = undefined;
});

/** The test app, pointed at a mock port that `simulateWithApp` then starts with `simulate --mock`. */
async function appOnMock(o: Pick<TestAppOptions, 'onReferral' | 'onMessage' | 'firstEventOnly'>): Promise<TestApp & { port: number }> {
  const port = await freePort();
  const a = await startTestApp({ appId: DEMO.appId, appSecret: SECRET, graphUrl: `http://127.0.0.1:${port}`, token: DEMO.token, ...o });
  return Object.assign(a, { port });
}
const simulateWithApp = (a: TestApp & { port: number }, ...args: string[]) =>
  cli('simulate', ...args, '--mock', String(a.port), '--endpoint', a.url);

const message = (n: number, page = '1') => buildMessage({ pageId: page, psid: '7', time: n, timestamp: n, mid: `m_${n}`, text: `t${n}` });

describe('packEvents', () => {
  it('mixed: two messaging[] items in the first entry, then one entry per event; entries and one-entry shapes', () => {
    const mixed = packEvents([message(1), message(2), message(3), message(4)], 'mixed');
    expect(mixed.body.entry.map((e) => (e.messaging as unknown[]).length)).toEqual([2, 1, 1]);
    expect(mixed.positions).toEqual([
      { entry: 0, array: 'messaging', index: 0 },
      { entry: 0, array: 'messaging', index: 1 },
      { entry: 1, array: 'messaging', index: 0 },
      { entry: 2, array: 'messaging', index: 0 },
    ]);
    expect(packEvents([message(1), message(2)], 'entries').body.entry).toHaveLength(2);
    expect(packEvents([message(1), message(2), message(3)], 'one-entry').body.entry).toHaveLength(1);
    // Events of different Pages never share an entry.
    expect(packEvents([message(1, '1'), message(2, '2')], 'one-entry').body.entry.map((e) => e.id)).toEqual(['1', '2']);
  });

  it('packs generic Graph changes[] the same way (reusable for leadgen)', () => {
    const change = (n: number) => ({
      object: 'page',
      entry: [{ id: '1', time: n, changes: [{ field: 'leadgen', value: { leadgen_id: String(n) } }] }],
    });
    const packed = packEvents([change(1), change(2), change(3)], 'mixed');
    expect(packed.body.entry.map((e) => (e.changes as unknown[]).length)).toEqual([2, 1]);
  });

  it('retry gaps grow past the configured list', () => {
    expect([1, 2, 3, 4].map((n) => retryGap({ count: 4, intervalsMs: [10, 20] }, n))).toEqual([10, 20, 80, 320]);
  });
});

describe('simulate --batch', () => {
  it('the embedded receiver shows every event of a batched POST with its place', async () => {
    const r = await runCli(['simulate', '--batch', '3', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.deliveries).toHaveLength(1);
    expect(out.deliveries[0].kind).toBe('batch');
    expect(out.deliveries[0].events.map((e: string) => e.split(' ')[0])).toEqual([
      'entry[0].messaging[0]',
      'entry[0].messaging[1]',
      'entry[1].messaging[0]',
    ]);
    expect(out.received[0].events).toHaveLength(3);
    expect(out.received[0].events[2]).toMatch(/^entry\[1\]\.messaging\[0\] LEAD_COMPLETE/);
  });

  it('a receiver that reads only entry[0].messaging[0] is shown missing the events after it; one that loops is not', async () => {
    const run = async (firstEventOnly: boolean) => {
      const a = await appOnMock({ onReferral: [{ type: 'reply' }], firstEventOnly });
      app = a;
      const r = await simulateWithApp(a, '--batch', '3', '--expect', 'reply', '--expect-within', '1500');
      await app.close();
      app = undefined;
      return r;
    };
    const naive = await run(true);
    expect(naive.code).toBe(1);
    // The POST was accepted, but the referral at entry[1].messaging[0] was never acted on.
    expect(naive.stdout).toMatch(/✓\s+1 batch/);
    expect(naive.stdout).toMatch(/entry\[1\]\.messaging\[0\] referral/);
    expect(naive.stdout).toContain('✗ reply');
    const looping = await run(false);
    expect(looping.code).toBe(0);
    expect(looping.stdout).toMatch(/✓ reply\s+#1 POST/);
  });
});

describe('simulate --retries meta', () => {
  it('resends a failed delivery with identical bytes and signature, with growing gaps, and reports each attempt', async () => {
    ep = await endpoint((n) => ({ status: n <= 2 ? 500 : 200 }));
    const r = await cli('simulate', 'incomplete', '--endpoint', ep.url, '--retries', 'meta', '--retry-intervals', '30,120', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const first = out.deliveries.filter((d: { step: number }) => d.step === 1);
    expect(first.map((d: { attempt: number; status: number; retried?: boolean }) => [d.attempt, d.status, d.retried ?? false])).toEqual([
      [1, 500, true],
      [2, 500, true],
      [3, 200, false],
    ]);
    expect(first.map((d: { waited_ms: number }) => d.waited_ms)).toEqual([0, 30, 120]);
    expect(new Set(first.map((d: { bytes_sha256: string }) => d.bytes_sha256)).size).toBe(1);
    // The endpoint saw the same bytes and the same signatures three times.
    const three = ep.got.slice(0, 3);
    expect(three.every((g) => g.body.equals(three[0]!.body))).toBe(true);
    expect(new Set(three.map((g) => g.headers['x-hub-signature-256'])).size).toBe(1);
    expect(new Set(three.map((g) => g.headers['x-hub-signature'])).size).toBe(1);
    // Gaps only grow (no speed is asserted: the machine may be slow, never fast).
    expect(three[2]!.at - three[1]!.at).toBeGreaterThanOrEqual(120);
    expect(out.ok).toBe(true);
    expect(out.verdict).toBeUndefined();
  });

  it("an answer over the time limit is a failure and is retried; every attempt failing gives Meta's verdict", async () => {
    // The limit is Meta's 5 s by default; here 150 ms against an app that answers after 600 ms.
    ep = await endpoint(() => ({ status: 200, delayMs: 600 }));
    const r = await cli(
      'simulate',
      'incomplete',
      '--endpoint',
      ep.url,
      '--timeout',
      '150',
      '--retries',
      'meta',
      '--retry-count',
      '1',
      '--retry-intervals',
      '10',
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/answered after \d+ ms, over the 150 ms limit/);
    expect(r.stdout).toMatch(/attempt 2 after 10 ms, same bytes/);
    expect(ep.got.length).toBe(4);
    expect(r.stdout).toContain("Meta's verdict: every delivery failed");
    expect(r.stdout).toMatch(/alerts the developer after 15 minutes and disables the webhook subscription after 1 hour/);
  });

  it('without --retries a failure is reported once', async () => {
    ep = await endpoint(() => ({ status: 500 }));
    const r = await cli('simulate', 'incomplete', '--endpoint', ep.url, '--json');
    expect(r.code).toBe(1);
    expect(ep.got.length).toBe(2);
    expect(JSON.parse(r.stdout).verdict.summary).toMatch(/^every delivery failed/);
  });

  it('webhook --send --retries meta reports every attempt; bad values are usage errors (exit 2)', async () => {
    ep = await endpoint((n) => ({ status: n === 1 ? 503 : 200 }));
    const r = await cli('webhook', 'message', '--send', ep.url, '--retries', 'meta', '--retry-intervals', '20', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.attempts.map((a: { status: number }) => a.status)).toEqual([503, 200]);
    expect(ep.got[0]!.body.equals(ep.got[1]!.body)).toBe(true);
    expect(r.stderr).toContain('attempt 2 after 20 ms (same bytes and signature)');
    expect(r.stdout + r.stderr).not.toContain(SECRET);
    expect((await runCli(['webhook', 'message', '--retry-intervals', 'soon'])).code).toBe(2);
    expect((await runCli(['simulate', '--batch', '0'])).code).toBe(2);
  });
});

describe('webhook --batch', () => {
  it('prints n events of the kind packed into one body', async () => {
    const r = await runCli(['webhook', 'message', '--batch', '3', '--text', 'hi']);
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout);
    expect(body.entry.map((e: { messaging: unknown[] }) => e.messaging.length)).toEqual([2, 1]);
    const mids = body.entry.flatMap((e: { messaging: Array<{ message: { mid: string } }> }) => e.messaging.map((m) => m.message.mid));
    expect(new Set(mids).size).toBe(3);
  });
});

describe('simulate --mock --interrupt', () => {
  it('the app answers a message while the Leadgen app owns the thread and is refused with 10/2018321', async () => {
    const a = await appOnMock({ onMessage: [{ type: 'reply' }] });
    app = a;
    const r = await simulateWithApp(a, '--interrupt', '--expect', 'no-send-during-flow', '--expect-within', '3000');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/the app answered during the lead flow and was refused: .*\[10\/2018321\]/);
    expect(r.stdout).toContain('✗ no-send-during-flow');
    await app.idle();
    expect(app.graphAnswers[0]).toMatchObject({ status: 400, body: { error: { code: 10, error_subcode: 2018321 } } });
    expect((await runCli(['simulate', '--interrupt'])).code).toBe(2);
  });
});
