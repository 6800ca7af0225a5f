import { describe, expect, it } from 'vitest';
import type { MockAgent } from 'undici';
import { interceptThreadOwner, MY_APP, PSID, TOKEN, useGraphAgent } from '../helpers/graph-intercepts.js';
import { runCli } from '../helpers/cli.js';
import { FIXED_NOW } from '../helpers/deps.js';
import { localTime } from '../../src/text/time-format.js';

let agent: MockAgent;
useGraphAgent((a) => (agent = a));

// 3 h 12 min after the test clock
const IN_3H12 = FIXED_NOW.getTime() / 1000 + 3 * 3600 + 12 * 60;
const owner = (app_id: unknown, expiration: unknown): unknown => ({ data: [{ thread_owner: { app_id, expiration } }] });

describe('lead-kit page owner', () => {
  it('names the Messenger Leadgen app and shows the expiration as local time and "in 3 h 12 min"', async () => {
    interceptThreadOwner(agent, owner('413038776280800', IN_3H12));
    const r = await runCli(['page', 'owner', '--psid', PSID, '--token', TOKEN], { dispatcher: agent });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Thread owner of PSID ${PSID} on Page me`);
    expect(r.stdout).toContain('owner    Messenger Leadgen app (413038776280800)');
    expect(r.stdout).toContain(`expires  ${localTime(new Date(IN_3H12 * 1000))} (in 3 h 12 min)`);
    expect(r.stdout).toContain('the lead ad is still asking its questions');
  });

  it('names the Page Inbox and configured apps; numbers are read as ids', async () => {
    interceptThreadOwner(agent, owner(263902037430900, IN_3H12));
    interceptThreadOwner(agent, owner(MY_APP, IN_3H12));
    const a = await runCli(['page', 'owner', '--psid', PSID, '--token', TOKEN], { dispatcher: agent });
    expect(a.stdout).toContain('owner    Page Inbox (263902037430900)');
    const b = await runCli(['page', 'owner', '--psid', PSID, '--token', TOKEN, '--name', `${MY_APP}=My CRM`], { dispatcher: agent });
    expect(b.stdout).toContain(`owner    My CRM (${MY_APP})`);
  });

  it('says "idle" for every form of empty answer', async () => {
    for (const body of ['', '{}', '{"data":[]}', '{"data":[{}]}']) interceptThreadOwner(agent, body);
    for (let i = 0; i < 4; i++) {
      const r = await runCli(['page', 'owner', '--psid', PSID, '--token', TOKEN], { dispatcher: agent });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('owner    idle');
    }
  });

  it('shows "another app" when Meta gives only an expiration, and past expirations as expired', async () => {
    interceptThreadOwner(agent, { data: [{ thread_owner: { expiration: FIXED_NOW.getTime() / 1000 - 300 } }] });
    const r = await runCli(['page', 'owner', '--psid', PSID, '--token', TOKEN], { dispatcher: agent });
    expect(r.stdout).toContain('owner    another app (not named to you)');
    expect(r.stdout).toContain('(expired 5 min ago)');
  });

  it('reads millisecond expirations in auto mode, and obeys --expiration-unit', async () => {
    interceptThreadOwner(agent, owner(MY_APP, IN_3H12 * 1000));
    interceptThreadOwner(agent, owner(MY_APP, IN_3H12));
    const a = JSON.parse(
      (await runCli(['page', 'owner', '--psid', PSID, '--token', TOKEN, '--json'], { dispatcher: agent })).stdout,
    ) as Record<string, unknown>;
    expect(a).toMatchObject({ expiration_unit: 'ms', expires_in_seconds: 11520 });
    const b = JSON.parse(
      (await runCli(['page', 'owner', '--psid', PSID, '--token', TOKEN, '--json', '--expiration-unit', 'ms'], { dispatcher: agent }))
        .stdout,
    ) as Record<string, unknown>;
    expect(b).toMatchObject({ expiration_unit: 'ms' });
    expect(b.expires_in_seconds).toBeLessThan(-1_000_000);
  });

  it('prints one JSON document with --json', async () => {
    interceptThreadOwner(agent, owner('413038776280800', IN_3H12), { page: '42' });
    const r = await runCli(['page', 'owner', '--psid', PSID, '--token', TOKEN, '--json', '--page-id', '42'], { dispatcher: agent });
    expect(JSON.parse(r.stdout)).toEqual({
      page_id: '42',
      psid: PSID,
      state: 'owned',
      app_id: '413038776280800',
      app_name: 'Messenger Leadgen app',
      expiration: IN_3H12,
      expiration_unit: 's',
      expires_at: new Date(IN_3H12 * 1000).toISOString(),
      expires_local: localTime(new Date(IN_3H12 * 1000)),
      expires_in_seconds: 11520,
    });
  });

  it('requires a numeric --psid (exit 2, no request)', async () => {
    const a = await runCli(['page', 'owner', '--token', TOKEN], { dispatcher: agent });
    expect(a.code).toBe(2);
    expect(a.stderr).toContain("required option '--psid <psid>' not specified");
    const b = await runCli(['page', 'owner', '--psid', 'abc', '--token', TOKEN], { dispatcher: agent });
    expect(b.code).toBe(2);
  });
});
