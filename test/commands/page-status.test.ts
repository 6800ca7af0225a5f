import { describe, expect, it } from 'vitest';
import type { MockAgent } from 'undici';
import { interceptFeatureStatus, TOKEN, useGraphAgent } from '../helpers/graph-intercepts.js';
import { runCli } from '../helpers/cli.js';

let agent: MockAgent;
useGraphAgent((a) => (agent = a));

const metaSample = { messaging_feature_status: { hop_v2: false, msgr_multi_app: true, ig_multi_app: false }, id: '100200300400500' };

describe('lead-kit page status', () => {
  it('shows the three flags and what they suggest, saying the meaning is unconfirmed', async () => {
    interceptFeatureStatus(agent, metaSample);
    const r = await runCli(['page', 'status', '--token', TOKEN], { dispatcher: agent });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('messaging_feature_status of Page 100200300400500');
    expect(r.stdout).toMatch(/hop_v2 +false/);
    expect(r.stdout).toMatch(/msgr_multi_app +true/);
    expect(r.stdout).toMatch(/ig_multi_app +false/);
    expect(r.stdout).toContain('Conversation Routing on (unconfirmed reading)');
    expect(r.stdout).toContain('use the Send API thread_control form');
    expect(r.stdout).toContain('Meta does not document what hop_v2, msgr_multi_app and ig_multi_app mean');
    expect(r.stderr).toBe('');
  });

  it('prints one JSON document with --json', async () => {
    interceptFeatureStatus(agent, metaSample, { page: '100200300400500' });
    const r = await runCli(['page', 'status', '--json', '--page-id', '100200300400500'], {
      dispatcher: agent,
      env: { LEAD_KIT_PAGE_TOKEN: TOKEN },
    });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(doc).toMatchObject({
      page_id: '100200300400500',
      flags: { hop_v2: false, msgr_multi_app: true, ig_multi_app: false },
      cr_flag: 'msgr_multi_app',
      conversation_routing: true,
      unconfirmed: true,
    });
  });

  it('--cr-flag changes the reading: hop_v2 false means routing off', async () => {
    interceptFeatureStatus(agent, metaSample);
    const r = await runCli(['page', 'status', '--json', '--cr-flag', 'hop_v2', '--token', TOKEN], { dispatcher: agent });
    const doc = JSON.parse(r.stdout) as { conversation_routing: boolean; implications: string[] };
    expect(doc.conversation_routing).toBe(false);
    expect(doc.implications.join(' ')).toMatch(/take_thread_control is blocked/);
  });

  it('takes the page id from LEAD_KIT_PAGE_ID and the version from --api-version', async () => {
    interceptFeatureStatus(agent, metaSample, { page: '42', version: 'v25.0' });
    const r = await runCli(['page', 'status', '--api-version', '25', '--token', TOKEN], {
      dispatcher: agent,
      env: { LEAD_KIT_PAGE_ID: '42' },
    });
    expect(r.code).toBe(0);
  });

  it('--debug (a global flag) traces each request on stderr with the token redacted', async () => {
    interceptFeatureStatus(agent, metaSample);
    const r = await runCli(['--debug', 'page', 'status', '--token', TOKEN], { dispatcher: agent });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      '→ GET https://graph.facebook.com/v26.0/me?fields=messaging_feature_status&access_token=<PAGE_ACCESS_TOKEN>\n',
    );
    expect(r.stderr).toMatch(/← 200 \[GET\] \/v26\.0\/me \(\d+ ms\)/);
  });
});
