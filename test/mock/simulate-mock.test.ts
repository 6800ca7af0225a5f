import { describe, expect, it } from 'vitest';
import { DEMO } from '../../src/mock/demo.js';
import { runCli } from '../helpers/cli.js';
import { closeAfterEach } from './helpers.js';
import { startTestApp, type AppAction, type TestApp } from './fixtures/test-app.js';
import { freePort } from '../helpers/ports.js';

const SECRET = 'test-app-secret-7c1f';
const closing = closeAfterEach();
let app: TestApp | undefined;

/** Starts the test app pointed at a mock port, then runs `lead-kit simulate --mock <port> …` against it. */
async function simulateAgainst(behaviour: { onHandover?: AppAction[]; onMessage?: AppAction[]; onReferral?: AppAction[] }, args: string[]) {
  const port = await freePort();
  app = closing(
    await startTestApp({ appId: DEMO.appId, appSecret: SECRET, graphUrl: `http://127.0.0.1:${port}`, token: DEMO.token, ...behaviour }),
  );
  const r = await runCli(['simulate', ...args, '--mock', String(port), '--endpoint', app.url, '--app-secret', SECRET]);
  expect(r.stdout + r.stderr).not.toContain(SECRET);
  return r;
}

describe('simulate --mock --expect', () => {
  it('passes when the app replies and passes control to the default app after the handover', async () => {
    const r = await simulateAgainst({ onHandover: [{ type: 'reply' }, { type: 'pass', via: 'send-api' }] }, [
      '--expect',
      'reply',
      '--expect',
      `pass:${DEMO.defaultAppId}`,
      '--expect',
      'no-send-during-flow',
      '--expect-within',
      '3000',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^mock Graph API on http:\/\/127\.0\.0\.1:\d+ — start your app with GRAPH_API_URL=http:\/\/127\.0\.0\.1:\d+ and the Page token lead-kit-demo-page-token/,
    );
    expect(r.stdout).toMatch(/✓ reply\s+#1 POST \/v26\.0\/me\/messages/);
    expect(r.stdout).toMatch(new RegExp(`✓ pass:${DEMO.defaultAppId}\\s+#2 POST /v26\\.0/me/messages`));
    expect(r.stdout).toContain('✓ 3/3 expectations met');
    // The app verified every delivery's signature and its Graph calls all succeeded.
    await app!.idle();
    expect(app!.signatures.every((s) => s === 'valid')).toBe(true);
    expect(app!.graphAnswers.map((a) => a.status)).toEqual([200, 200]);
  });

  it('fails (exit 1) with a near-miss diff when the app passes control to the wrong app', async () => {
    const r = await simulateAgainst({ onHandover: [{ type: 'pass', target: '777000' }] }, [
      '--standby-app',
      '777000:Other app',
      '--expect',
      `pass:${DEMO.defaultAppId}`,
      '--expect-within',
      '300',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`✗ pass:${DEMO.defaultAppId}`);
    expect(r.stdout).toMatch(/nearest #1 POST \/v26\.0\/me\/pass_thread_control\n\s+target\s+expected 498721317747541, got 777000/);
    expect(r.stdout).toMatch(/#1\s+POST \/v26\.0\/me\/pass_thread_control\?access_token=<PAGE_ACCESS_TOKEN> → 200/);
    expect(r.stdout).toContain('✗ 1 of 1 expectations not met');
  });

  it('fails when the app makes no call, and says so', async () => {
    const r = await simulateAgainst({}, ['--expect', 'reply', '--expect-within', '200']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗ reply');
    expect(r.stdout).toContain('the app made no call that comes close');
    expect(r.stdout).toMatch(/Calls the app made to the mock \(0\):\n\s+none — was the app started with GRAPH_API_URL=/);
  });

  it('release: met through the handover API', async () => {
    const r = await simulateAgainst({ onHandover: [{ type: 'release' }] }, ['--expect', 'release', '--expect-within', '3000']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✓ release\s+#1 POST \/v26\.0\/me\/release_thread_control/);
  });

  it('no-send-during-flow fails when the app acts on an early referral while the Leadgen app still owns the thread', async () => {
    // --seed 8 delivers referral, summary, handover: webhook order is not guaranteed, and the app must wait for the handover.
    const r = await simulateAgainst({ onReferral: [{ type: 'reply' }] }, [
      '--shuffle',
      '--seed',
      '8',
      '--delay',
      '150',
      '--expect',
      'no-send-during-flow',
      '--expect-within',
      '300',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ no-send-during-flow/);
    expect(r.stdout).toMatch(/#1 POST \/v26\.0\/me\/messages → 400 \(sent while the Leadgen app owned the thread\)/);
    expect(r.stdout).toMatch(/\[10\/2018321\] \(during the lead flow\)/);
  });

  it('after the stop keyword the business owns the thread: a reply is not during the flow, but it is refused (2018300)', async () => {
    const r = await simulateAgainst({ onMessage: [{ type: 'reply' }] }, [
      'keyword-exit',
      '--expect',
      'no-send-during-flow',
      '--expect',
      'reply',
      '--expect-within',
      '300',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✓ no-send-during-flow/);
    expect(r.stdout).toMatch(/✗ reply .*\n\s+nearest #1 POST \/v26\.0\/me\/messages\n\s+status\s+expected 200, got 400 .*\[10\/2018300\]/);
  });

  it('--json: one document with the deliveries, the calls and the expectations; the mock URL goes to stderr', async () => {
    const r = await simulateAgainst({ onHandover: [{ type: 'reply' }] }, [
      '--json',
      '--expect',
      'reply',
      '--expect',
      'pass',
      '--expect-within',
      '300',
    ]);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.deliveries.map((d: { kind: string; ok: boolean }) => [d.kind, d.ok])).toEqual([
      ['handover', true],
      ['summary', true],
      ['referral', true],
    ]);
    expect(doc.mock.calls).toEqual([expect.objectContaining({ route: 'POST /me/messages', status: 200, during_lead_flow: false })]);
    expect(doc.mock.expectations.map((e: { expect: string; ok: boolean }) => [e.expect, e.ok])).toEqual([
      ['reply', true],
      ['pass', false],
    ]);
    expect(doc.mock.expectations[1].near_misses[0].differences).toEqual([{ field: 'action', expected: 'pass', actual: 'send' }]);
    expect(r.stderr).toMatch(/^mock Graph API on http:\/\/127\.0\.0\.1:\d+/);
  });

  it('usage errors: --expect without --mock, or an unknown expectation', async () => {
    const without = await runCli(['simulate', '--expect', 'reply']);
    expect(without.code).toBe(2);
    expect(without.stderr).toMatch(/--expect checks the Graph calls your app makes, so it needs --mock/);
    const bogus = await runCli(['simulate', '--mock', '0', '--expect', 'pass:abc']);
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toMatch(
      /--expect "pass:abc" is not an expectation — use reply \| reply:once \| no-reply \| pass \| pass:<app-id> \| release \| no-send-during-flow/,
    );
  });
});
