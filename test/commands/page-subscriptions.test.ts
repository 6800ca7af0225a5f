import { describe, expect, it } from 'vitest';
import type { MockAgent } from 'undici';
import { interceptSubscribedApps, MY_APP, TOKEN, useGraphAgent } from '../helpers/graph-intercepts.js';
import { runCli } from '../helpers/cli.js';

let agent: MockAgent;
useGraphAgent((a) => (agent = a));

const ALL = ['messages', 'messaging_postbacks', 'messaging_referrals', 'messaging_handovers', 'standby'];
const apps = {
  data: [
    { category: 'Business', link: 'https://example.com', name: 'My CRM', id: MY_APP, subscribed_fields: [...ALL, 'message_reads'] },
    {
      category: 'Business',
      link: 'https://example.com',
      name: 'Old Bot',
      id: '555',
      subscribed_fields: ['messages', 'messaging_postbacks'],
    },
  ],
};

describe('lead-kit page subscriptions', () => {
  it("lists each app's fields and the missing lead-ad fields", async () => {
    interceptSubscribedApps(agent, apps);
    const r = await runCli(['page', 'subscriptions', '--token', TOKEN, '--app-id', MY_APP], { dispatcher: agent });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      `✓ My CRM (${MY_APP}) ← your app: messages, messaging_postbacks, messaging_referrals, messaging_handovers, standby, message_reads`,
    );
    expect(r.stdout).toContain('✗ Old Bot (555): messages, messaging_postbacks');
    expect(r.stdout).toContain('missing: messaging_referrals, messaging_handovers, standby');
  });

  it('prints one JSON document with --json, and says when nothing is subscribed', async () => {
    interceptSubscribedApps(agent, apps);
    interceptSubscribedApps(agent, { data: [] });
    const a = JSON.parse((await runCli(['page', 'subscriptions', '--token', TOKEN, '--json'], { dispatcher: agent })).stdout) as {
      apps: Array<{ id: string; missing: string[] }>;
      ok: boolean;
      required: string[];
    };
    expect(a.required).toEqual(ALL);
    expect(a.apps.map((x) => [x.id, x.missing])).toEqual([
      [MY_APP, []],
      ['555', ['messaging_referrals', 'messaging_handovers', 'standby']],
    ]);
    expect(a.ok).toBe(false);
    const b = await runCli(['page', 'subscriptions', '--token', TOKEN, '--app-id', MY_APP], { dispatcher: agent });
    expect(b.code).toBe(0);
    expect(b.stdout).toContain('no app is subscribed');
    expect(b.stdout).toContain(`app ${MY_APP} (--app-id) is not subscribed to this Page`);
  });
});
