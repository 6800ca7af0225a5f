import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runReplay } from '../../src/commands/replay-run.js';
import { startReceiver, type Receiver } from '../../src/receiver/server.js';
import { encodeBody } from '../../src/listen/record-format.js';
import { webhookHeaders } from '../../src/webhooks/deliver.js';
import { serializeBody } from '../../src/webhooks/serialize.js';
import { signSha256 } from '../../src/webhooks/sign.js';
import { buildHandover, buildLeadReferral, buildMessage } from '../../src/webhooks/build.js';
import { runCli } from '../helpers/cli.js';
import { createTestDeps } from '../helpers/deps.js';
import { freePort } from '../helpers/ports.js';
import { SECRET, startEndpoint, tempDir, type TestEndpoint } from './support.js';

let rx: Receiver | undefined;
let ep: TestEndpoint | undefined;
afterEach(async () => {
  await rx?.close();
  await ep?.close();
  rx = undefined;
  ep = undefined;
});

const base = { pageId: '542998526103632', psid: '5794982867201265', time: 1795243782811, timestamp: 1795243782 };
const referral = serializeBody(
  buildLeadReferral({
    ...base,
    type: 'LEAD_COMPLETE',
    adId: '6302572858686',
    adTitle: 'Ad',
    postId: '1',
    answers: [{ question: 'City?', answer: 'São Paulo' }],
  }),
);
const handover = serializeBody(
  buildHandover({ ...base, newOwnerAppId: '2262510160704936', metadata: 'messenger_lead_gen_complete', hopContext: true }),
);
const message = serializeBody(buildMessage({ ...base, mid: 'm_1', text: 'support' }));

/** A recording line as listen writes it. */
const recordLine = (body: Buffer, headers: Record<string, string>): string =>
  JSON.stringify({
    received_at: '2026-11-21T10:00:00.000Z',
    method: 'POST',
    path: '/webhook',
    signature_ok: true,
    sha256: 'valid',
    sha1: 'valid',
    headers,
    ...encodeBody(body),
  });

const summaryOf = (stdout: string): Record<string, unknown> => JSON.parse(stdout) as Record<string, unknown>;

describe('lead-kit replay: inputs', () => {
  it('sends a JSON file byte for byte, signed over exactly those bytes', async () => {
    rx = await startReceiver({ appSecret: SECRET });
    const dir = tempDir();
    const file = join(dir, 'lead.json');
    const pretty = Buffer.from(JSON.stringify({ object: 'page', entry: [{ text: 'Zürich' }] }, null, 2) + '\n');
    writeFileSync(file, pretty);
    const r = await runCli(['replay', file, '--endpoint', rx.url, '--app-secret', SECRET]);
    expect(r.code).toBe(0);
    expect(rx.deliveries).toHaveLength(1);
    const d = rx.deliveries[0]!;
    expect(d.body.equals(pretty)).toBe(true);
    expect([d.sha256, d.sha1]).toEqual(['valid', 'valid']);
    expect(d.headers['facebook-api-version']).toBe('v26.0');
    expect(r.stdout).toContain('sent 1   accepted 1   rejected 0   errors 0');
    expect(r.stdout).toMatch(/latency p50 [\d.]+ ms {3}p95 [\d.]+ ms {3}p99 [\d.]+ ms/);
    expect(r.stdout).toContain('✓ all 1 accepted');
  });

  it('reads directories in name order; recordings keep their bytes and headers and are re-signed', async () => {
    rx = await startReceiver({ appSecret: SECRET });
    const dir = tempDir();
    writeFileSync(join(dir, 'a.json'), handover);
    writeFileSync(join(dir, 'notes.txt'), 'ignored');
    const odd = Buffer.from([0x7b, 0x7d, 0x0a, 0xff]);
    const recorded = [
      recordLine(referral, {
        'content-type': 'application/json',
        'facebook-api-version': 'v19.0',
        'x-hub-signature-256': signSha256(referral, 'old-secret'),
        host: 'example:1',
        'content-length': '1',
      }),
      recordLine(odd, { 'content-type': 'application/json' }),
    ];
    writeFileSync(join(dir, 'b.jsonl'), recorded.join('\n') + '\n');
    const r = await runCli(['replay', dir, '--endpoint', rx.url, '--app-secret', SECRET, '--json']);
    expect(r.code).toBe(1); // the receiver answers 400 to the body that is not JSON
    expect(rx.deliveries.map((d) => d.body)).toEqual([handover, referral, odd]);
    expect(rx.deliveries.every((d) => d.sha256 === 'valid')).toBe(true);
    expect(rx.deliveries[1]!.headers['facebook-api-version']).toBe('v19.0');
    expect(summaryOf(r.stdout)).toMatchObject({ sent: 3, accepted: 2, rejected: 1, errors: 0, statuses: { '200': 2, '400': 1 } });
  });

  it('without --app-secret replays recordings with their recorded signatures, and refuses payload files', async () => {
    rx = await startReceiver({ appSecret: SECRET });
    const dir = tempDir();
    writeFileSync(join(dir, 'rec.jsonl'), recordLine(referral, webhookHeaders(referral, SECRET)) + '\n');
    writeFileSync(join(dir, 'lead.json'), referral);
    const r = await runCli(['replay', join(dir, 'rec.jsonl'), '--endpoint', rx.url]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('recordings are replayed with the signatures they were recorded with');
    expect(rx.deliveries[0]!.headers['x-hub-signature-256']).toBe(webhookHeaders(referral, SECRET)['x-hub-signature-256']);
    const refused = await runCli(['replay', join(dir, 'lead.json'), '--endpoint', rx.url]);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain('an app secret is needed to sign');
  });

  it('--filter, --repeat and --concurrency', async () => {
    rx = await startReceiver({ appSecret: SECRET });
    const dir = tempDir();
    writeFileSync(join(dir, 'r.jsonl'), [handover, referral, message].map((b) => recordLine(b, {})).join('\n'));
    const r = await runCli([
      'replay',
      join(dir, 'r.jsonl'),
      '--endpoint',
      rx.url,
      '--app-secret',
      SECRET,
      '--filter',
      'referral,message',
      '--repeat',
      '3',
      '--concurrency',
      '4',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(summaryOf(r.stdout)).toMatchObject({ sent: 6, accepted: 6 });
    expect(rx.deliveries.filter((d) => d.body.equals(referral))).toHaveLength(3);
    expect(rx.deliveries.filter((d) => d.body.equals(handover))).toHaveLength(0);
    const bad = await runCli(['replay', join(dir, 'r.jsonl'), '--endpoint', rx.url, '--filter', 'leads']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--filter "leads" is not an event kind');
  });

  it('--concurrency N keeps at most N requests in flight over at most N kept-alive connections; 1 keeps the input order', async () => {
    const dir = tempDir();
    const bodies = Array.from({ length: 40 }, (_, i) => Buffer.from(JSON.stringify({ object: 'page', entry: [{ id: String(i) }] })));
    writeFileSync(join(dir, 'r.jsonl'), bodies.map((b) => recordLine(b, {})).join('\n') + '\n');
    for (const concurrency of [1, 4]) {
      let inFlight = 0;
      let most = 0;
      const sockets = new Set<unknown>();
      const ep = await startEndpoint((req, _body, res) => {
        sockets.add(req.socket);
        most = Math.max(most, ++inFlight);
        // Answer a little later, so requests overlap when the client lets them.
        setTimeout(() => {
          inFlight--;
          res.end('EVENT_RECEIVED');
        }, 2);
      });
      try {
        const r = await runCli([
          'replay',
          join(dir, 'r.jsonl'),
          '--endpoint',
          ep.url,
          '--app-secret',
          SECRET,
          '--concurrency',
          String(concurrency),
          '--json',
        ]);
        expect(r.code).toBe(0);
        expect(summaryOf(r.stdout)).toMatchObject({ sent: 40, accepted: 40 });
        expect(ep.received).toHaveLength(40);
        expect(most).toBeLessThanOrEqual(concurrency);
        expect(sockets.size).toBeLessThanOrEqual(concurrency);
        if (concurrency === 1) expect(ep.received.map((x) => x.body.toString())).toEqual(bodies.map((b) => b.toString()));
        else expect(most).toBeGreaterThan(1);
      } finally {
        await ep.close();
      }
    }
  });

  it('--rate spaces the requests out', async () => {
    rx = await startReceiver({ appSecret: SECRET });
    const file = join(tempDir(), 'm.json');
    writeFileSync(file, message);
    const t = performance.now();
    const r = await runCli([
      'replay',
      file,
      '--endpoint',
      rx.url,
      '--app-secret',
      SECRET,
      '--repeat',
      '11',
      '--rate',
      '50',
      '--concurrency',
      '4',
    ]);
    expect(r.code).toBe(0);
    expect(performance.now() - t).toBeGreaterThanOrEqual(190);
    expect(rx.deliveries).toHaveLength(11);
  });
});

describe('lead-kit replay: malformed recording lines', () => {
  const write = (): string => {
    const file = join(tempDir(), 'rec.jsonl');
    writeFileSync(
      file,
      [recordLine(handover, {}), '{"received_at": "x", "body": ', '{"received_at":"x"}', recordLine(referral, {})].join('\n') + '\n',
    );
    return file;
  };

  it('--on-error fail (default) stops at the bad line with file:line, after sending the lines before it', async () => {
    rx = await startReceiver({ appSecret: SECRET });
    const r = await runCli(['replay', write(), '--endpoint', rx.url, '--app-secret', SECRET]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/lead-kit: \S*rec\.jsonl:2:30: not valid JSON/);
    expect(r.stderr).toContain('--on-error skip');
    expect(rx.deliveries.map((d) => d.body)).toEqual([handover]);
    expect(r.stdout).toContain('sent 1');
  });

  it('--on-error skip warns with file:line and sends the rest', async () => {
    rx = await startReceiver({ appSecret: SECRET });
    const r = await runCli(['replay', write(), '--endpoint', rx.url, '--app-secret', SECRET, '--on-error', 'skip', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/skipped \S*rec\.jsonl:2:30: not valid JSON/);
    expect(r.stderr).toMatch(/skipped \S*rec\.jsonl:3: no "body" string/);
    expect(rx.deliveries.map((d) => d.body)).toEqual([handover, referral]);
    expect(summaryOf(r.stdout)).toMatchObject({ sent: 2, accepted: 2, skipped: 2 });
  });
});

describe('lead-kit replay: exit codes', () => {
  it('exits 1 when any delivery is rejected, showing why', async () => {
    ep = await startEndpoint((_req, _b, res, n) => {
      res.writeHead(n === 2 ? 403 : 200);
      res.end(n === 2 ? 'bad signature' : 'ok');
    });
    const file = join(tempDir(), 'm.json');
    writeFileSync(file, message);
    const r = await runCli(['replay', file, '--endpoint', ep.url, '--app-secret', SECRET, '--repeat', '3']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗ answered 403 "bad signature" (first: ');
    expect(r.stdout).toContain('✗ 1 of 3 not accepted');
  });

  it('exits 3 when the endpoint cannot be reached', async () => {
    const file = join(tempDir(), 'm.json');
    writeFileSync(file, message);
    const r = await runCli([
      'replay',
      file,
      '--endpoint',
      `http://127.0.0.1:${await freePort()}/webhook`,
      '--app-secret',
      SECRET,
      '--repeat',
      '1000',
      '--concurrency',
      '8',
      '--json',
    ]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/cannot reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
    expect((summaryOf(r.stdout).sent as number) < 100).toBe(true);
  });

  it('exits 3 when the endpoint stops answering half way, after counting what it accepted', async () => {
    ep = await startEndpoint((_req, _b, res, n) => {
      if (n <= 5) res.end('EVENT_RECEIVED');
      // after five deliveries it never answers again
    });
    const file = join(tempDir(), 'm.json');
    writeFileSync(file, message);
    const r = await runCli([
      'replay',
      file,
      '--endpoint',
      ep.url,
      '--app-secret',
      SECRET,
      '--repeat',
      '1000',
      '--timeout',
      '150',
      '--concurrency',
      '5',
      '--json',
    ]);
    expect(r.code).toBe(3);
    const s = summaryOf(r.stdout);
    expect(s).toMatchObject({ accepted: 5, rejected: 0 });
    // it stops after 10 in a row; the others in flight then are waited for and time out too
    expect(s.errors).toBeGreaterThanOrEqual(10);
    expect(s.errors).toBeLessThan(15);
    expect(s.stopped_early).toBe('the endpoint stopped answering: 10 requests in a row got no answer');
    expect(r.stderr).toContain('the endpoint stopped answering');
  });
});

describe('lead-kit replay: secrets', () => {
  it("never prints the app secret (without main()'s redactor)", async () => {
    rx = await startReceiver({ appSecret: SECRET });
    const dir = tempDir();
    mkdirSync(join(dir, 'in'));
    writeFileSync(join(dir, 'in', 'a.json'), referral);
    writeFileSync(join(dir, 'in', 'b.jsonl'), `${recordLine(message, { authorization: '<REDACTED>' })}\nnot json\n`);
    for (const json of [true, false]) {
      const deps = createTestDeps();
      await runReplay(
        {
          inputs: [join(dir, 'in')],
          endpoint: rx.url,
          appSecret: SECRET,
          json,
          onError: 'skip',
          maxLineBytes: 16 * 1024 * 1024,
          concurrency: 1,
          repeat: 1,
          rate: undefined,
          filter: undefined,
          timeoutMs: 5000,
          legacySignature: true,
          apiVersion: 'v26.0',
        },
        deps,
      );
      expect(deps.io.stdout() + deps.io.stderr()).not.toContain(SECRET);
    }
    expect(rx.deliveries.every((d) => d.headers.authorization === undefined)).toBe(true);
  });
});
