import { describe, expect, it } from 'vitest';
import type { MockAgent } from 'undici';
import {
  graphError,
  interceptDebugToken,
  interceptFeatureStatus,
  interceptSubscribedApps,
  interceptThreadOwner,
  MY_APP,
  PSID,
  TOKEN,
  validTokenData,
  useGraphAgent,
} from '../helpers/graph-intercepts.js';
import { runCli } from '../helpers/cli.js';
import { FIXED_NOW } from '../helpers/deps.js';

let agent: MockAgent;
useGraphAgent((a) => (agent = a));

const ALL = ['messages', 'messaging_postbacks', 'messaging_referrals', 'messaging_handovers', 'standby'];
const status = { messaging_feature_status: { hop_v2: false, msgr_multi_app: true, ig_multi_app: false }, id: '42' };
const healthy = (): void => {
  interceptDebugToken(agent, validTokenData());
  interceptFeatureStatus(agent, status);
  interceptSubscribedApps(agent, { data: [{ id: MY_APP, name: 'My CRM', subscribed_fields: ALL }] });
};

interface Doc {
  checks: Array<{ id: string; ok: boolean; detail: string; fix: string | null; skipped?: boolean }>;
  ok: boolean;
}

describe('lead-kit doctor', () => {
  it('passes every check on a healthy Page (text)', async () => {
    healthy();
    const r = await runCli(['doctor', '--token', TOKEN, '--app-id', MY_APP], { dispatcher: agent });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('lead-kit doctor — Page me via https://graph.facebook.com v26.0');
    for (const id of ['graph-version', 'token', 'permissions', 'conversation-routing', `subscriptions:${MY_APP}`])
      expect(r.stdout).toMatch(new RegExp(` ✓ ${id} `));
    expect(r.stdout).toContain('all 5 checks passed');
    expect(r.stdout).not.toContain('fix:');
  });

  it('gives {checks: [{id, ok, detail, fix}]} with --json, and checks the owner with --psid', async () => {
    healthy();
    interceptThreadOwner(agent, { data: [{ thread_owner: { app_id: MY_APP, expiration: FIXED_NOW.getTime() / 1000 + 3600 } }] });
    const r = await runCli(['doctor', '--token', TOKEN, '--app-id', MY_APP, '--psid', PSID, '--json'], { dispatcher: agent });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Doc;
    expect(doc.ok).toBe(true);
    expect(doc.checks.map((c) => c.id)).toEqual([
      'graph-version',
      'token',
      'permissions',
      'conversation-routing',
      `subscriptions:${MY_APP}`,
      'thread-owner',
    ]);
    for (const c of doc.checks) expect(Object.keys(c).sort()).toEqual(['detail', 'fix', 'id', 'ok']);
    expect(doc.checks[5]?.detail).toContain(`PSID ${PSID}: My CRM (${MY_APP}), control expires in 1 h`);
  });

  it('exits 1 and prints one fix per failure', async () => {
    const version = 'v20.0';
    interceptDebugToken(agent, validTokenData({ scopes: ['pages_messaging'] }), { version });
    interceptFeatureStatus(agent, { messaging_feature_status: { hop_v2: false, msgr_multi_app: false, ig_multi_app: false } }, { version });
    interceptSubscribedApps(agent, { data: [{ id: MY_APP, name: 'My CRM', subscribed_fields: ['messages'] }] }, { version });
    interceptThreadOwner(
      agent,
      { data: [{ thread_owner: { app_id: '413038776280800', expiration: FIXED_NOW.getTime() / 1000 + 600 } }] },
      { version },
    );
    const r = await runCli(['doctor', '--token', TOKEN, '--app-id', MY_APP, '--psid', PSID, '--api-version', 'v20.0'], {
      dispatcher: agent,
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ graph-version +v20\.0 has expired \(available until 2026-09-24\)/);
    expect(r.stdout).toContain('fix: use --api-version v26.0');
    expect(r.stdout).toMatch(/✗ permissions +pages_manage_metadata is not granted/);
    expect(r.stdout).toMatch(/✗ conversation-routing .*Conversation Routing looks off/);
    expect(r.stdout).toContain('fix: set a default app under Page settings');
    expect(r.stdout).toMatch(
      /✗ subscriptions:1234567890 +My CRM \(1234567890\) is missing messaging_postbacks, messaging_referrals, messaging_handovers, standby/,
    );
    expect(r.stdout).toContain(
      'subscribed_fields=messages,messaging_postbacks,messaging_referrals,messaging_handovers,standby&access_token=<PAGE_ACCESS_TOKEN>',
    );
    expect(r.stdout).toMatch(/✗ thread-owner +PSID \d+: Messenger Leadgen app \(413038776280800\), control expires in 10 min/);
    expect(r.stdout).toContain('5 of 6 checks failed');
    expect(r.stdout.match(/fix:/g)).toHaveLength(5);
  });

  it('turns a Graph error of one check into a failed check with its hint', async () => {
    interceptDebugToken(agent, validTokenData());
    interceptFeatureStatus(agent, status);
    interceptSubscribedApps(agent, graphError(4, 'Application request limit reached'), { status: 400 });
    const r = await runCli(['doctor', '--token', TOKEN, '--json'], { dispatcher: agent });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as Doc;
    expect(doc.checks.find((c) => c.id === 'subscriptions')).toMatchObject({
      ok: false,
      detail: '[GET] /v26.0/me/subscribed_apps: 400 (#4) Application request limit reached (fbtrace_id AbCdEfGhIjK)',
    });
    expect(doc.checks.find((c) => c.id === 'subscriptions')?.fix).toMatch(/request limit.*slow down/);
  });

  it('exits 4 when Graph rejects the token, skipping the checks that need it', async () => {
    interceptDebugToken(agent, graphError(190, 'Invalid OAuth access token - Cannot parse access token'), { status: 400 });
    const r = await runCli(['doctor', '--token', TOKEN, '--psid', PSID, '--json'], { dispatcher: agent });
    expect(r.code).toBe(4);
    const doc = JSON.parse(r.stdout) as Doc;
    expect(doc.checks.map((c) => [c.id, c.ok, c.skipped ?? false])).toEqual([
      ['graph-version', true, false],
      ['token', false, false],
      ['conversation-routing', false, true],
      ['subscriptions', false, true],
      ['thread-owner', false, true],
    ]);
    expect(r.stderr).toContain('Graph rejected the Page access token');
  });

  it('exits 4 without a token, before any request', async () => {
    const r = await runCli(['doctor'], { dispatcher: agent });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('no Page access token');
  });
});
