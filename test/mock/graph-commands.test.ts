import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/mock/demo.js';
import type { MockGraph } from '../../src/mock/server.js';
import { runCli } from '../helpers/cli.js';
import { agent, demoMock } from './helpers.js';

// lead-kit's own Graph-backed commands (page, doctor, thread) end to end against the mock, as a user would run
// them with --graph-url: the mock must answer everything they ask, and records what they did.
let mock: MockGraph;
beforeEach(async () => {
  mock = await demoMock();
});
afterEach(() => mock.close());
afterAll(() => agent.close());

const graph = () => ['--graph-url', mock.url, '--token', DEMO.token];

describe('page, doctor and thread against the mock', () => {
  it('page status / owner / subscriptions / permissions and doctor all pass against the demo setup', async () => {
    for (const argv of [
      ['page', 'status'],
      ['page', 'owner', '--psid', DEMO.psid],
      ['page', 'subscriptions'],
      ['page', 'permissions'],
      ['doctor', '--psid', DEMO.psid, '--app-id', DEMO.appId],
    ]) {
      const r = await runCli([...argv, ...graph()]);
      expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBe(0);
      expect(r.stdout + r.stderr).not.toContain(DEMO.token);
    }
    const routes = new Set(mock.calls.map((c) => c.route));
    expect([...routes]).toEqual(expect.arrayContaining(['GET /me', 'GET /me/thread_owner', 'GET /me/subscribed_apps', 'GET /debug_token']));
    expect(mock.calls.every((c) => c.status === 200)).toBe(true);
  });

  it('thread pass moves control in the mock, and the default app can release it', async () => {
    const pass = await runCli([
      'thread',
      'pass',
      '--psid',
      DEMO.psid,
      '--app-id',
      DEMO.defaultAppId,
      '--text',
      'An agent will reply',
      ...graph(),
    ]);
    expect(pass.code, pass.stderr).toBe(0);
    const thread = mock.state.pages.get(DEMO.pageId)!.threads.get(DEMO.psid)!;
    expect(thread.ownerAppId).toBe(DEMO.defaultAppId);
    expect(mock.calls.at(-1)).toMatchObject({ route: 'POST /me/messages', status: 200 });
    const release = await runCli([
      'thread',
      'release',
      '--psid',
      DEMO.psid,
      '--via',
      'handover',
      '--graph-url',
      mock.url,
      '--token',
      DEMO.defaultAppToken,
    ]);
    expect(release.code, release.stderr).toBe(0);
    expect(mock.calls.at(-1)).toMatchObject({ route: 'POST /me/release_thread_control', status: 200, app_id: DEMO.defaultAppId });
  });
});
