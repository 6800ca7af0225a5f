import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { startReceiver } from '../../src/receiver/server.js';
import { runCli, type CliRun } from '../helpers/cli.js';
import { createTestIO, type TestIO } from '../helpers/deps.js';
import { agent, call, PSID, until } from './helpers.js';

afterAll(() => agent.close());

/** Starts `lead-kit mock …` in-process and returns once its ready line is out, with a stop function (Ctrl-C). */
async function startCli(
  argv: string[],
  env: Record<string, string> = {},
): Promise<{ io: TestIO; url: string; stop: () => Promise<CliRun> }> {
  const io = createTestIO();
  const controller = new AbortController();
  const running = runCli(['mock', ...argv], { io, signal: controller.signal, env });
  let finished: CliRun | undefined;
  void running.then((r) => (finished = r));
  await until(() => /http:\/\/127\.0\.0\.1:\d+/.test(io.stdout()) || finished !== undefined);
  if (finished) throw new Error(`mock exited early: ${finished.code} ${finished.stderr}`);
  const url = /http:\/\/127\.0\.0\.1:\d+/.exec(io.stdout())![0];
  return { io, url, stop: async () => (controller.abort(), running) };
}

const F = 'test/mock/fixtures';

describe('lead-kit mock', () => {
  it('--json: a ready line naming the demo Page, token and apps, then one NDJSON line per request; Ctrl-C stops cleanly', async () => {
    const { io, url, stop } = await startCli(['--port', '0', '--json']);
    const ready = JSON.parse(io.stdout().split('\n')[0]!);
    expect(ready).toEqual({
      type: 'ready',
      url,
      page_id: '542998526103632',
      token: 'lead-kit-demo-page-token',
      apps: [
        { id: '2262510160704936', name: 'Your app', role: 'connected' },
        { id: '498721317747541', name: 'Default app', role: 'default' },
      ],
      setup: 'demo',
    });
    expect((await call({ url }, 'GET', `/v26.0/me/thread_owner?recipient=${PSID}`)).status).toBe(200);
    expect((await call({ url }, 'GET', '/v26.0/me/bogus')).status).toBe(400);
    const r = await stop();
    expect(r.code).toBe(130);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.type)).toEqual(['ready', 'request', 'request']);
    expect(lines[1]).toMatchObject({
      method: 'GET',
      path: `/v26.0/me/thread_owner?recipient=${PSID}&access_token=<PAGE_ACCESS_TOKEN>`,
      status: 200,
      app_id: '2262510160704936',
    });
    expect(lines[2]).toMatchObject({ status: 400, error: { code: 100 } });
    expect(r.stdout.split('lead-kit-demo-page-token').length).toBe(2); // only in the ready line
    expect(r.stderr).toBe('');
    await expect(call({ url }, 'GET', '/v26.0/me')).rejects.toThrow();
  });

  it('text mode: one ready line on stdout, hints on stderr, a line per request', async () => {
    const { io, url, stop } = await startCli(['--port', '0']);
    expect(io.stdout().split('\n')[0]).toBe(
      `lead-kit mock ready on ${url} — Page 542998526103632, token lead-kit-demo-page-token (fake, local), apps 2262510160704936 Your app (connected), 498721317747541 Default app (default)`,
    );
    await call({ url }, 'POST', '/v26.0/me/messages', { json: { recipient: { id: PSID }, message: { text: 'hi' } } });
    const r = await stop();
    expect(r.stdout).toMatch(/ 200 POST \/v26\.0\/me\/messages\?access_token=<PAGE_ACCESS_TOKEN> [\d.]+ ms/);
    expect(r.stderr).toContain(`GRAPH_API_URL=${url}`);
    expect(r.stderr).toContain('lead-kit mock stopped');
  });

  it('--config and --start-time: the configured setup, no token printed, the clock where it was told to start', async () => {
    const { io, url, stop } = await startCli([
      '--port',
      '0',
      '--json',
      '--config',
      `${F}/mock-valid.json`,
      '--start-time',
      '2026-12-24T18:00:00Z',
    ]);
    expect(JSON.parse(io.stdout().split('\n')[0]!)).toMatchObject({
      page_id: '104508901353867',
      setup: 'config',
      apps: [
        { id: '1278416343931139', role: 'connected' },
        { id: '263902037430901', role: 'default' },
      ],
    });
    expect((await call({ url }, 'GET', '/__lead-kit/clock', { auth: 'none' })).body.now).toMatch(/^2026-12-24T18:00:0/);
    expect(
      (await call({ url }, 'GET', '/v26.0/me/subscribed_apps', { token: 'fixture-page-token-1' })).body.data[0].subscribed_fields,
    ).toEqual(['messages', 'messaging_handovers', 'standby']);
    const r = await stop();
    expect(r.stdout + r.stderr).not.toMatch(/fixture-page-token|fixture-app-secret/);
  });

  it('--scenario complete runs the lead flow: the app gets the handover, summary and referral, signed with its secret', async () => {
    const secret = 'scenario-secret-42';
    const receiver = await startReceiver({ appSecret: secret });
    try {
      const { url, stop } = await startCli(['--port', '0', '--scenario', 'complete', '--endpoint', receiver.url, '--app-secret', secret]);
      await until(() => receiver.deliveries.length >= 3);
      expect(receiver.deliveries.map((d) => d.sha256)).toEqual(['valid', 'valid', 'valid']);
      const owner = await call({ url }, 'GET', `/v26.0/me/thread_owner?recipient=${PSID}`);
      expect(owner.body.data[0].thread_owner.app_id).toBe('2262510160704936');
      const history = await call({ url }, 'GET', '/v26.0/me/conversations?fields=messages{message}');
      expect(history.body.data[0].messages.data.map((m: { message: string }) => m.message)).toContain('Zürich');
      const r = await stop();
      expect(r.stdout).toMatch(/lead flow complete for PSID 5794982867201265: control passed to 2262510160704936, 3\/3 deliveries/);
      expect(r.stdout).toMatch(
        /→ webhook messaging_handovers to Your app \(2262510160704936\): pass_thread_control 413038776280800 → 2262510160704936/,
      );
      expect(r.stdout + r.stderr).not.toContain(secret);
    } finally {
      await receiver.close();
    }
  });

  it('bad input: one stderr line and exit 2 (config errors name file:line:column and the JSON path) or 4 (no secret)', async () => {
    const cases: Array<[string[], number, RegExp]> = [
      [
        ['--config', `${F}/mock-bad-syntax.json`],
        2,
        /^lead-kit: test\/mock\/fixtures\/mock-bad-syntax\.json:3:31: invalid JSON: trailing comma before \} — /,
      ],
      [
        ['--config', `${F}/mock-bad-schema.json`],
        2,
        /^lead-kit: test\/mock\/fixtures\/mock-bad-schema\.json:8:108: \/pages\/0\/connected_apps\/0\/subscribed_fields\/1: "messaging_handovrs" is not a Messenger webhook field/,
      ],
      [['--config', `${F}/mock-bad-ref.json`], 2, /mock-bad-ref\.json:6:25: \/pages\/0\/default_app_id: app 999 is not in "apps"/],
      [['--config', `${F}/missing.json`], 2, /cannot read --config .*missing\.json: ENOENT/],
      [['--start-time', 'yesterday'], 2, /--start-time "yesterday" is not a date/],
      [['--port', '70000'], 2, /--port "70000"/],
      [['--scenario', 'nope'], 2, /lead-kit:/],
      [['--endpoint', 'http://127.0.0.1:9/webhook'], 4, /must be signed with your app secret/],
      [
        ['--endpoint', 'http://127.0.0.1:9/webhook', '--config', `${F}/mock-bad-ref.json`],
        2,
        /option '--endpoint <url>' cannot be used with option '--config <file>'/,
      ],
    ];
    for (const [argv, code, re] of cases) {
      const r = await runCli(['mock', '--port', '0', ...argv]);
      expect(r.code, argv.join(' ')).toBe(code);
      expect(r.stderr, argv.join(' ')).toMatch(re);
      expect(r.stderr.trim().split('\n'), argv.join(' ')).toHaveLength(1);
      expect(r.stdout).toBe('');
    }
  });

  it('a port in use is a usage error with a hint', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = await runCli(['mock', '--port', String(port)]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/cannot listen on 127\.0\.0\.1:\d+ \(EADDRINUSE\) — pass another --port/);
    } finally {
      blocker.close();
    }
  });
});
