import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { startAppServer, type AppServer } from '../helpers/app-server.js';
import { freePort } from '../helpers/ports.js';

const SECRET = 'app-secret-for-tests-0123456789';
let app: AppServer | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const kindOf = (body: Buffer): string => {
  const ev = JSON.parse(body.toString()).entry[0];
  const e = (ev.messaging ?? ev.standby)[0];
  return e.pass_thread_control
    ? 'handover'
    : e.message?.text?.startsWith('Lead summary:')
      ? 'summary'
      : e.referral
        ? 'referral'
        : e.message
          ? 'message'
          : '?';
};

describe('lead-kit simulate against your endpoint', () => {
  it('delivers the complete flow in order, signed over the exact bytes sent, and exits 0', async () => {
    app = await startAppServer({ appSecret: SECRET });
    const r = await runCli(['simulate', '--endpoint', app.url, '--app-secret', SECRET]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(app.received.map((x) => kindOf(x.body))).toEqual(['handover', 'summary', 'referral']);
    for (const x of app.received) {
      expect(x.signatureOk).toBe(true);
      expect(x.headers['content-type']).toBe('application/json');
      expect(x.headers['user-agent']).toBe('facebookexternalua');
      expect(x.headers['facebook-api-version']).toBe('v26.0');
      expect(x.headers['x-hub-signature']).toMatch(/^sha1=[0-9a-f]{40}$/);
      // Meta's escaped form: ASCII only on the wire
      expect(x.body.toString('latin1')).toMatch(/^[\x20-\x7e]*$/);
    }
    expect(app.received[2]!.body.toString()).toContain('Z\\u00fcrich');
    expect(r.stdout).toContain('3/3 deliveries accepted');
  });

  it('exits 1 and says so when the app rejects the signature', async () => {
    app = await startAppServer({ appSecret: 'the-app-has-another-secret' });
    const r = await runCli(['simulate', '--endpoint', app.url, '--app-secret', SECRET]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ +1 handover .*403/);
    expect(r.stdout).toContain('0/3 deliveries accepted');
  });

  it('exits 1 on a non-2xx answer and on an answer slower than --timeout', async () => {
    app = await startAppServer({ appSecret: SECRET, behaviour: 'status', status: 500 });
    expect((await runCli(['simulate', '--endpoint', app.url, '--app-secret', SECRET])).code).toBe(1);
    await app.close();
    app = await startAppServer({ appSecret: SECRET, behaviour: 'slow', delayMs: 150 });
    const r = await runCli(['simulate', '--endpoint', app.url, '--app-secret', SECRET, '--timeout', '50', '--json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.deliveries[0].status).toBe(200);
    expect(doc.deliveries[0].reason).toMatch(/over the 50 ms limit/);
  });

  it('exits 3 when the endpoint never answers', async () => {
    app = await startAppServer({ appSecret: SECRET, behaviour: 'hang' });
    const r = await runCli(['simulate', '--endpoint', app.url, '--app-secret', SECRET, '--timeout', '50', '--no-summary']);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('no answer within');
  });

  it('exits 3 with one line when nothing listens', async () => {
    const port = await freePort();
    const r = await runCli(['simulate', '--endpoint', `http://127.0.0.1:${port}/webhook`, '--app-secret', SECRET]);
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/cannot reach http:\/\/127\.0\.0\.1:\d+\/webhook .*ECONNREFUSED.* — start your app first/);
  });

  it('exits 4 when --endpoint is given without a secret, and reads LEAD_KIT_APP_SECRET', async () => {
    app = await startAppServer({ appSecret: SECRET });
    const missing = await runCli(['simulate', '--endpoint', app.url]);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toMatch(/app secret is needed.*LEAD_KIT_APP_SECRET/);
    const fromEnv = await runCli(['simulate', '--endpoint', app.url], { env: { LEAD_KIT_APP_SECRET: SECRET } });
    expect(fromEnv.code).toBe(0);
  });

  it('--json prints exactly one document with the documented fields', async () => {
    app = await startAppServer({ appSecret: SECRET });
    const r = await runCli(['simulate', 'incomplete', '--endpoint', app.url, '--app-secret', SECRET, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ scenario: 'incomplete', endpoint: app.url, ok: true });
    expect(doc.deliveries.map((d: { kind: string }) => d.kind)).toEqual(['handover', 'referral']);
    for (const d of doc.deliveries) expect(Object.keys(d)).toEqual(expect.arrayContaining(['step', 'kind', 'app', 'status', 'ms', 'ok']));
  });

  it('--duplicate delivers one step twice with identical bytes and signature; --shuffle --seed repeats an order', async () => {
    app = await startAppServer({ appSecret: SECRET });
    expect((await runCli(['simulate', '--endpoint', app.url, '--app-secret', SECRET, '--duplicate', '2'])).code).toBe(0);
    expect(app.received.map((x) => kindOf(x.body))).toEqual(['handover', 'summary', 'summary', 'referral']);
    expect(app.received[1]!.body.equals(app.received[2]!.body)).toBe(true);
    expect(app.received[1]!.headers['x-hub-signature-256']).toBe(app.received[2]!.headers['x-hub-signature-256']);
    const orders: string[][] = [];
    for (let i = 0; i < 2; i++) {
      app.received.length = 0;
      await runCli(['simulate', '--endpoint', app.url, '--app-secret', SECRET, '--shuffle', '--seed', '7']);
      orders.push(app.received.map((x) => kindOf(x.body)));
    }
    expect(orders[0]).toEqual(orders[1]);
    expect([...orders[0]!].sort()).toEqual(['handover', 'referral', 'summary']);
  });

  it('--body-encoding utf8 sends plain UTF-8 (still correctly signed); --no-legacy-signature drops sha1', async () => {
    app = await startAppServer({ appSecret: SECRET });
    await runCli(['simulate', '--endpoint', app.url, '--app-secret', SECRET, '--body-encoding', 'utf8', '--no-legacy-signature']);
    expect(app.received[2]!.body.toString('utf8')).toContain('Zürich');
    expect(app.received[2]!.signatureOk).toBe(true);
    expect(app.received[0]!.headers['x-hub-signature']).toBeUndefined();
  });

  it('runs the handshake first when --verify-token is given', async () => {
    app = await startAppServer({ appSecret: SECRET, verifyToken: 'tok-123456' });
    const r = await runCli(['simulate', '--endpoint', app.url, '--app-secret', SECRET, '--verify-token', 'tok-123456', '--json']);
    expect(r.code).toBe(0);
    expect(app.received[0]!.method).toBe('GET');
    expect(JSON.parse(r.stdout).handshake).toMatchObject({ status: 200, ok: true });
    const bad = await runCli(['simulate', '--endpoint', app.url, '--app-secret', SECRET, '--verify-token', 'wrong-token']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('handshake failed');
  });

  it('never prints the app secret, in text, JSON or errors', async () => {
    app = await startAppServer({ appSecret: 'another-secret-entirely' });
    const outputs = [
      await runCli(['simulate', '--endpoint', app.url, '--app-secret', SECRET]),
      await runCli(['simulate', '--endpoint', app.url, '--app-secret', SECRET, '--json']),
      await runCli(['simulate', '--endpoint', 'nope', '--app-secret', SECRET, '--debug']),
    ];
    for (const o of outputs) expect(o.stdout + o.stderr).not.toContain(SECRET);
  });
});

describe('lead-kit simulate with the embedded receiver', () => {
  it('runs every scenario with no set-up and shows what the receiver saw', async () => {
    for (const s of ['complete', 'incomplete', 'disqualified', 'keyword-exit', 'no-app']) {
      const r = await runCli(['simulate', s]);
      expect(r.code, `${s}: ${r.stderr}`).toBe(0);
      expect(r.stdout).toContain('The embedded receiver saw:');
      expect(r.stdout).not.toMatch(/sha256 (invalid|missing)/);
    }
  });

  it('the JSON result lists the signature checks of each received delivery', async () => {
    const r = await runCli(['simulate', '--json']);
    const doc = JSON.parse(r.stdout);
    expect(doc.embedded).toBe(true);
    expect(doc.handshake.ok).toBe(true);
    expect(doc.received).toHaveLength(3);
    for (const d of doc.received) expect(d).toMatchObject({ sha256: 'valid', sha1: 'valid', status: 200 });
  });

  it('colour only when asked for (not on a pipe)', async () => {
    expect((await runCli(['simulate'])).stdout).not.toMatch(/\x1b\[/);
  });
});

describe('bad input: one line on stderr, exit 2, no stack', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lead-kit-'));
  const bad = join(dir, 'answers.json');
  writeFileSync(bad, '[\n  {"question": "City?", "answer": "Zürich"},\n  {"question": "Name?" "answer": "x"}\n]\n');
  const wrongShape = join(dir, 'shape.json');
  writeFileSync(wrongShape, '[\n  {"question": "City?"}\n]\n');
  it.each([
    [['simulate', 'bogus'], /unknown scenario "bogus" — use one of complete, incomplete/],
    [['simulate', '--endpoint', 'localhost:3000', '--app-secret', 'x'], /--endpoint "localhost:3000" must be an http/],
    [['simulate', '--endpoint', 'not a url', '--app-secret', 'x'], /--endpoint "not a url" is not a URL/],
    [['simulate', '--answers', bad], /answers\.json:3:24: invalid JSON: expected ',' or '}'/],
    [['simulate', '--answers', wrongShape], /shape\.json:2:3: item 0 is not/],
    [['simulate', '--answers', join(dir, 'missing.json')], /cannot read --answers .*: no such file or directory/],
    [['simulate', '--answer', 'no equals sign'], /is not "Question=Answer"/],
    [['simulate', '--psid', 'abc'], /--psid "abc" is not a numeric id/],
    [['simulate', '--timeout', 'soon'], /--timeout "soon" must be a whole number/],
    [['simulate', '--nope'], /unknown option '--nope'/],
  ])('%j', async (argv, message) => {
    const r = await runCli(argv as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
