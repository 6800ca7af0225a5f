import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockGraph, type MockGraph } from '../../src/mock/server.js';
import { runBin, type BinRun } from '../helpers/bin.js';

// Each command end to end: the built binary, spawned as a shell would, against lead-kit's own mock Graph API
// on 127.0.0.1 (src/mock/server.ts), configured through lead-kit.config.json and the environment.
const PAGE = '542998526103632';
const MY_APP = '2262510160704936';
const DEFAULT_APP = '498721317747541';
const PSID = '5794982867201265';
const TOKEN = 'EAAe2eSecretPageToken0123456789';
const APP_SECRET = 'e2e-app-secret-0123456789';

let mock: MockGraph;
let cwd: string;
const outputs: BinRun[] = [];

beforeAll(async () => {
  mock = await startMockGraph({
    config: {
      apps: [
        { id: MY_APP, name: 'My CRM', secret: APP_SECRET, require_appsecret_proof: true },
        { id: DEFAULT_APP, name: 'Default app' },
      ],
      pages: [
        {
          id: PAGE,
          default_app_id: DEFAULT_APP,
          connected_apps: [
            { app_id: MY_APP, token: TOKEN },
            { app_id: DEFAULT_APP, token: 'EAAe2eDefaultAppToken0123456789', subscribed_fields: ['messages'] },
          ],
          persons: [{ psid: PSID, owner_app_id: MY_APP }],
        },
      ],
    },
  });
  cwd = await mkdtemp(join(tmpdir(), 'lead-kit-page-e2e-'));
  await writeFile(
    join(cwd, 'lead-kit.config.json'),
    JSON.stringify({ pageId: PAGE, graphUrl: mock.url, apps: [{ id: MY_APP, name: 'My CRM' }] }),
  );
});

afterAll(async () => {
  await mock.close();
  await rm(cwd, { recursive: true, force: true });
  // every byte any spawned command printed
  const all = outputs.map((o) => o.stdout + o.stderr).join('\n');
  expect(all).not.toContain(TOKEN);
  expect(all).not.toContain(APP_SECRET);
});

async function lk(args: string[], env: Record<string, string> = {}): Promise<BinRun> {
  const r = await runBin(args, { cwd, env: { LEAD_KIT_PAGE_TOKEN: TOKEN, LEAD_KIT_APP_SECRET: APP_SECRET, TZ: 'UTC', ...env } });
  outputs.push(r);
  return r;
}

describe('page, doctor and thread against lead-kit mock (built bin)', () => {
  it('page status', async () => {
    const r = await lk(['page', 'status']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`messaging_feature_status of Page ${PAGE}`);
    expect(r.stdout).toMatch(/msgr_multi_app +true/);
    const j = await lk(['page', 'status', '--json']);
    expect(JSON.parse(j.stdout)).toMatchObject({ page_id: PAGE, conversation_routing: true });
    // the mock checked appsecret_proof on every call (require_appsecret_proof)
    expect(mock.calls.at(-1)?.path).toContain(`/v26.0/${PAGE}`);
  });

  it('page owner names the configured app and shows the expiration', async () => {
    const r = await lk(['page', 'owner', '--psid', PSID]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`owner    My CRM (${MY_APP})`);
    expect(r.stdout).toMatch(/expires  \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\+00:00 \(in 2[34] h( \d+ min)?\)/);
    const j = JSON.parse((await lk(['page', 'owner', '--psid', PSID, '--json'])).stdout) as Record<string, unknown>;
    expect(j).toMatchObject({ state: 'owned', app_id: MY_APP, app_name: 'My CRM', expiration_unit: 's' });
  });

  it('page subscriptions shows the fields the default app is missing', async () => {
    const r = await lk(['page', 'subscriptions']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`✓ My CRM \\(${MY_APP}\\)`));
    expect(r.stdout).toContain(`✗ Default app (${DEFAULT_APP}): messages`);
    expect(r.stdout).toContain('missing: messaging_postbacks, messaging_referrals, messaging_handovers, standby');
    const j = JSON.parse((await lk(['page', 'subscriptions', '--json'])).stdout) as { apps: unknown[] };
    expect(j.apps).toHaveLength(2);
  });

  it('page permissions', async () => {
    const r = await lk(['page', 'permissions']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('valid      yes');
    expect(r.stdout).toMatch(/pages_messaging +granted/);
    expect(JSON.parse((await lk(['page', 'permissions', '--json'])).stdout)).toMatchObject({ valid: true, missing: [] });
  });

  it('doctor: a checklist with one fix, exit 1; --json {checks}', async () => {
    const r = await lk(['doctor', '--psid', PSID, '--app-id', MY_APP]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✓ thread-owner +PSID \d+: My CRM/);
    expect(r.stdout).toMatch(/✗ subscriptions:498721317747541 +Default app \(498721317747541\) is missing/);
    expect(r.stdout).toContain('1 of 7 checks failed');
    const j = JSON.parse((await lk(['doctor', '--json'])).stdout) as { checks: Array<{ id: string; ok: boolean; fix: string | null }> };
    expect(j.checks.filter((c) => !c.ok).map((c) => c.id)).toEqual([`subscriptions:${DEFAULT_APP}`]);
  });

  it('thread --dry-run sends nothing', async () => {
    const before = mock.calls.length;
    const r = await lk(['thread', 'pass', '--psid', PSID, '--app-id', DEFAULT_APP, '--text', 'hi', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      `curl -X POST '${mock.url}/v26.0/${PAGE}/messages?access_token=<PAGE_ACCESS_TOKEN>&appsecret_proof=<APPSECRET_PROOF>'`,
    );
    expect(mock.calls.length).toBe(before);
  });

  it('thread pass → release → take → extend, and the Graph errors they meet', async () => {
    const pass = await lk(['thread', 'pass', '--psid', PSID, '--app-id', DEFAULT_APP, '--text', 'Passing you on', '--json']);
    expect(pass.code).toBe(0);
    expect(JSON.parse(pass.stdout)).toMatchObject({ action: 'pass', via: 'send-api', response: { recipient_id: PSID } });
    expect((await lk(['page', 'owner', '--psid', PSID])).stdout).toContain('another app (not named to you)');
    // no longer the owner: Meta's 100/2534037
    const release = await lk(['thread', 'release', '--psid', PSID, '--via', 'handover']);
    expect(release.code).toBe(5);
    expect(release.stderr).toContain('(#100) This action is invalid because your app is not the thread owner');
    expect(release.stderr).toContain('subcode 2534037');
    // "Take control of conversations" is off for this app in the mock
    const take = await lk(['thread', 'take', '--psid', PSID]);
    expect(take.code).toBe(5);
    const extend = await lk(['thread', 'extend', '--psid', PSID, '--duration', '3600']);
    expect(extend.code).toBe(5);
  });

  it('an invalid token exits 4; an unknown PSID exits 5', async () => {
    const bad = await lk(['page', 'status'], { LEAD_KIT_PAGE_TOKEN: 'EAAnotAtokenTheMockKnows' });
    expect(bad.code).toBe(4);
    expect(bad.stderr).toContain('(#190)');
    const nobody = await lk(['page', 'owner', '--psid', '1111111111']);
    expect(nobody.code).toBe(5);
  });
});
