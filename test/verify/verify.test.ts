import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { runVerify } from '../../src/commands/verify-run.js';
import { startReceiver, type Receiver } from '../../src/receiver/server.js';
import { buildDeliveryCases } from '../../src/verify/cases.js';
import { judgeDelivery, type VerifyResult } from '../../src/verify/verify.js';
import { buildLeadReferral } from '../../src/webhooks/build.js';
import { runCli } from '../helpers/cli.js';
import { createTestDeps } from '../helpers/deps.js';
import { freePort } from '../helpers/ports.js';
import { SECRET, TOKEN, startEndpoint, type TestEndpoint } from '../replay/support.js';

let rx: Receiver | undefined;
let ep: TestEndpoint | undefined;
afterEach(async () => {
  await rx?.close();
  await ep?.close();
  rx = undefined;
  ep = undefined;
});

const args = (url: string): string[] => ['verify', url, '--app-secret', SECRET, '--verify-token', TOKEN, '--json'];
const verdicts = (r: VerifyResult): Record<string, string> => Object.fromEntries(r.cases.map((c) => [c.id, c.verdict]));

/** Meta's handshake, done right. */
function handshake(req: IncomingMessage, res: import('node:http').ServerResponse, checkToken: boolean): boolean {
  if (req.method !== 'GET') return false;
  const q = new URL(req.url ?? '/', 'http://x').searchParams;
  const ok = q.get('hub.mode') === 'subscribe' && (!checkToken || q.get('hub.verify_token') === TOKEN);
  res.writeHead(ok ? 200 : 403);
  res.end(ok ? (q.get('hub.challenge') ?? '') : 'no');
  return true;
}

const hmacOk = (data: Buffer | string, header: string | string[] | undefined, algo: 'sha256' | 'sha1'): boolean => {
  if (typeof header !== 'string') return false;
  const want = Buffer.from(`${algo}=` + createHmac(algo, SECRET).update(data).digest('hex'));
  const got = Buffer.from(header);
  return got.length === want.length && timingSafeEqual(got, want);
};

describe('lead-kit verify', () => {
  it('passes every case against a careful endpoint (the embedded receiver)', async () => {
    rx = await startReceiver({ appSecret: SECRET, verifyToken: TOKEN });
    const r = await runCli(args(rx.url));
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as VerifyResult;
    expect(result.cases.map((c) => c.id)).toEqual([
      'handshake',
      'handshake-wrong-token',
      'signed',
      'tampered',
      'wrong-secret',
      'no-signature',
      'sha1-only',
      'reserialized',
    ]);
    expect(result.cases.every((c) => c.verdict === 'pass' && c.within_limit)).toBe(true);
    expect(result).toMatchObject({ passed: 8, warnings: 0, failed: 0, ok: true, limit_ms: 5000 });
    expect(result.cases.find((c) => c.id === 'signed')!.status).toBe(200);
    // the signed delivery carried Meta's escaped form of non-ASCII answers
    expect(rx.deliveries.find((d) => d.status === 200 && d.kind === 'event')!.body.toString()).toContain('Z\\u00fcrich');
  });

  it('fails a naive endpoint that accepts everything, naming each forgery, and exits 1', async () => {
    ep = await startEndpoint((req, _b, res) => {
      if (handshake(req, res, false)) return;
      res.end('EVENT_RECEIVED');
    });
    const r = await runCli(args(ep.url));
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout) as VerifyResult;
    expect(verdicts(result)).toEqual({
      handshake: 'pass',
      'handshake-wrong-token': 'fail',
      signed: 'pass',
      tampered: 'fail',
      'wrong-secret': 'fail',
      'no-signature': 'fail',
      'sha1-only': 'warn',
      reserialized: 'fail',
    });
    expect(result.cases.find((c) => c.id === 'sha1-only')!.reason).toContain('legacy HMAC-SHA1');
    expect(result.cases.find((c) => c.id === 'no-signature')!.reason).toContain('anyone who knows the URL can post fake leads');
    expect(result).toMatchObject({ passed: 2, warnings: 1, failed: 5, ok: false });
  });

  it('catches an endpoint that hashes the re-serialized body instead of the raw bytes', async () => {
    ep = await startEndpoint((req, body, res) => {
      if (handshake(req, res, true)) return;
      const reserialized = JSON.stringify(JSON.parse(body.toString('utf8')));
      const ok = hmacOk(reserialized, req.headers['x-hub-signature-256'], 'sha256');
      res.writeHead(ok ? 200 : 403);
      res.end(ok ? 'EVENT_RECEIVED' : 'bad signature');
    });
    const r = await runCli(args(ep.url));
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout) as VerifyResult;
    expect(verdicts(result)).toMatchObject({
      signed: 'fail',
      reserialized: 'fail',
      tampered: 'pass',
      'wrong-secret': 'pass',
      'no-signature': 'pass',
    });
    expect(result.cases.find((c) => c.id === 'signed')!.reason).toContain('hash the raw request bytes');
    expect(result.cases.find((c) => c.id === 'reserialized')!.reason).toContain('JSON.stringify(JSON.parse(body))');
  });

  it('only warns when the endpoint falls back to the legacy sha1 header (exit 0)', async () => {
    ep = await startEndpoint((req, body, res) => {
      if (handshake(req, res, true)) return;
      const sha256 = req.headers['x-hub-signature-256'];
      const ok = sha256 !== undefined ? hmacOk(body, sha256, 'sha256') : hmacOk(body, req.headers['x-hub-signature'], 'sha1');
      res.writeHead(ok ? 200 : 401);
      res.end();
    });
    const r = await runCli([...args(ep.url).filter((a) => a !== '--json')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/! only the legacy X-Hub-Signature \(sha1\) +not 2xx +200/);
    expect(r.stdout).toContain('✓ 7 passed, 1 warning, 0 failed');
    expect(r.stdout).toContain("every answer came within Meta's 5 s limit");
  });

  it('fails the handshake when the challenge is not echoed exactly', async () => {
    ep = await startEndpoint((req, _b, res) => {
      if (req.method === 'GET') {
        res.end(`${new URL(req.url ?? '/', 'http://x').searchParams.get('hub.challenge')}\n`);
        return;
      }
      res.writeHead(403);
      res.end();
    });
    const r = await runCli(args(ep.url));
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout) as VerifyResult;
    expect(result.cases[0]).toMatchObject({ id: 'handshake', verdict: 'fail', status: 200 });
    expect(result.cases[0]!.reason).toContain('instead of the challenge');
  });

  it("judges answers slower than Meta's 5 s limit", () => {
    const value = buildLeadReferral({
      pageId: '1',
      psid: '2',
      time: 3,
      timestamp: 3,
      type: 'LEAD_COMPLETE',
      adId: '4',
      adTitle: 't',
      postId: '5',
      answers: [{ question: 'q', answer: 'Zürich' }],
    });
    const [signed, tampered] = buildDeliveryCases(value, SECRET, 'v26.0');
    expect(judgeDelivery(signed!, 200, 6200, undefined)).toMatchObject({ verdict: 'fail', within_limit: false });
    expect(judgeDelivery(signed!, 200, 6200, undefined).reason).toContain('after 6200 ms');
    expect(judgeDelivery(signed!, 204, 10, undefined)).toMatchObject({ verdict: 'warn' });
    expect(judgeDelivery(tampered!, 403, 6200, undefined)).toMatchObject({ verdict: 'pass', within_limit: false });
    expect(judgeDelivery(tampered!, null, 10_000, 'no answer within 10000 ms')).toMatchObject({ verdict: 'pass', status: null });
  });

  it('needs the secret and the token (exit 4) and a reachable endpoint (exit 3)', async () => {
    const missing = await runCli(['verify', 'http://127.0.0.1:9/webhook', '--verify-token', TOKEN]);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toContain('--app-secret');
    const noToken = await runCli(['verify', 'http://127.0.0.1:9/webhook', '--app-secret', SECRET]);
    expect(noToken.code).toBe(4);
    const down = await runCli(args(`http://127.0.0.1:${await freePort()}/webhook`));
    expect(down.code).toBe(3);
    expect(down.stderr).toContain('cannot reach');
  });

  it("never prints the secret or the token (without main()'s redactor)", async () => {
    ep = await startEndpoint((req, _b, res) => {
      if (handshake(req, res, false)) return;
      res.end(`echo ${req.headers['x-hub-signature-256'] ?? ''}`);
    });
    for (const json of [true, false]) {
      const deps = createTestDeps();
      await runVerify({ endpoint: ep.url, appSecret: SECRET, verifyToken: TOKEN, json, apiVersion: 'v26.0', timeoutMs: 10_000 }, deps);
      expect(deps.io.stdout() + deps.io.stderr()).not.toContain(SECRET);
      expect(deps.io.stdout() + deps.io.stderr()).not.toContain(TOKEN);
    }
  });
});
