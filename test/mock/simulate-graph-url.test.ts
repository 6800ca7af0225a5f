import { describe, expect, it } from 'vitest';
import { request } from 'undici';
import { DEMO, demoConfig } from '../../src/mock/demo.js';
import { startMockGraph } from '../../src/mock/server.js';
import { runCli } from '../helpers/cli.js';
import { freePort } from '../helpers/ports.js';
import { closeAfterEach } from './helpers.js';
import { startTestApp, type TestAppOptions } from './fixtures/test-app.js';

const SECRET = 'test-app-secret-attach';
const closing = closeAfterEach();

/** A mock already running (as in another terminal) and the test app pointed at it. */
async function mockAndApp(behaviour: Pick<TestAppOptions, 'onHandover' | 'onReferral'>) {
  const mock = closing(await startMockGraph({ config: demoConfig({ appSecret: SECRET }), port: 0 }));
  const app = closing(await startTestApp({ appId: DEMO.appId, appSecret: SECRET, graphUrl: mock.url, token: DEMO.token, ...behaviour }));
  return { mock, app };
}

describe('simulate --graph-url: a lead-kit mock already running in another terminal', () => {
  it('drives its state, reads its calls for --expect, and leaves it running', async () => {
    const { mock, app } = await mockAndApp({ onHandover: [{ type: 'reply' }, { type: 'pass' }], onReferral: [] });
    const r = await runCli([
      'simulate',
      '--graph-url',
      mock.url,
      '--endpoint',
      app.url,
      '--app-secret',
      SECRET,
      '--psid',
      'new',
      '--expect',
      'reply:once',
      '--expect',
      `pass:${DEMO.defaultAppId}`,
      '--expect',
      'no-send-during-flow',
      '--expect-within',
      '3000',
    ]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain(`mock Graph API at ${mock.url} (already running)`);
    expect(r.stdout).toContain('✓ 3/3 expectations met');
    // The flow's person went through the mock's lead flow: it owned the thread by the time the app replied.
    const psid = mock.calls[0]!.psid!;
    expect(psid).toMatch(/^\d{16}$/);
    expect(psid).not.toBe(DEMO.psid);
    expect(mock.calls.map((c) => [c.route, c.status, c.during_lead_flow])).toEqual([
      ['POST /me/messages', 200, false],
      ['POST /me/pass_thread_control', 200, false],
    ]);
    // Still up after simulate finished.
    const clock = await request(`${mock.url}/__lead-kit/clock`);
    expect(clock.statusCode).toBe(200);
    await clock.body.dump();
  });

  it('fails the expectation when the app writes during the flow on that mock', async () => {
    const { mock, app } = await mockAndApp({ onReferral: [{ type: 'reply' }] });
    const r = await runCli([
      'simulate',
      '--graph-url',
      mock.url,
      '--endpoint',
      app.url,
      '--app-secret',
      SECRET,
      '--psid',
      'new',
      '--shuffle',
      '--seed',
      '8',
      '--delay',
      '150',
      '--expect',
      'no-send-during-flow',
      '--expect-within',
      '500',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ no-send-during-flow/);
  });

  it('a --graph-url nothing listens on: exit 3; with --mock too: exit 2', async () => {
    const port = await freePort();
    const dead = await runCli([
      'simulate',
      '--graph-url',
      `http://127.0.0.1:${port}`,
      '--endpoint',
      'http://127.0.0.1:9/webhook',
      '--app-secret',
      SECRET,
      '--expect',
      'reply',
    ]);
    expect(dead.code).toBe(3);
    expect(dead.stderr).toContain(`cannot reach the mock at --graph-url http://127.0.0.1:${port}`);
    const both = await runCli(['simulate', '--graph-url', `http://127.0.0.1:${port}`, '--mock', '0', '--app-secret', SECRET]);
    expect(both.code).toBe(2);
  });
});
