import { describe, expect, it } from 'vitest';
import type { MockAgent } from 'undici';
import { interceptMessages, interceptThreadControl, PSID, TOKEN, useGraphAgent } from '../helpers/graph-intercepts.js';
import { runCli } from '../helpers/cli.js';

let agent: MockAgent;
useGraphAgent((a) => (agent = a));

const INBOX = '263902037430900';
const sent = { recipient_id: PSID, message_id: 'm_AbC123' };

describe('lead-kit thread', () => {
  it('pass: the Send API form with app_id, control_type and --text (text)', async () => {
    interceptMessages(agent, sent, {
      expectBody: {
        messaging_type: 'RESPONSE',
        recipient: { id: PSID },
        message: { text: 'An agent will reply' },
        thread_control: { app_id: INBOX, control_type: 'pass' },
      },
    });
    const r = await runCli(['thread', 'pass', '--psid', PSID, '--target', INBOX, '--text', 'An agent will reply', '--token', TOKEN], {
      dispatcher: agent,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`✓ passed thread control for PSID ${PSID} on Page me (Send API thread_control)`);
    expect(r.stdout).toContain('message  m_AbC123');
    expect(r.stdout).toContain('control passes to Page Inbox (263902037430900), which gets a pass_thread_control webhook');
  });

  it('release: the Send API form in JSON', async () => {
    interceptMessages(agent, sent, {
      page: '42',
      expectBody: { messaging_type: 'RESPONSE', recipient: { id: PSID }, thread_control: { control_type: 'release' } },
    });
    const r = await runCli(['thread', 'release', '--psid', PSID, '--page-id', '42', '--json', '--token', TOKEN], { dispatcher: agent });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      action: 'release',
      via: 'send-api',
      page_id: '42',
      psid: PSID,
      dry_run: false,
      request: { method: 'POST', url: 'https://graph.facebook.com/v26.0/42/messages?access_token=<PAGE_ACCESS_TOKEN>' },
      response: sent,
      effect: 'control returns to the default app; no webhook is sent',
    });
  });

  it('--via payload sends thread_control.payload', async () => {
    interceptMessages(agent, sent, {
      expectBody: { messaging_type: 'RESPONSE', recipient: { id: PSID }, thread_control: { payload: 'pass_thread_control' } },
    });
    const r = await runCli(['thread', 'pass', '--psid', PSID, '--via', 'payload', '--token', TOKEN], { dispatcher: agent });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(Send API thread_control.payload)');
    expect(r.stdout).toContain("control passes to the Page's default app");
  });

  it('--via payload refuses --app-id with the platform rule (exit 2, nothing sent)', async () => {
    const r = await runCli(['thread', 'pass', '--psid', PSID, '--via', 'payload', '--target', INBOX, '--token', TOKEN], {
      dispatcher: agent,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--via payload cannot be combined with --target');
    expect(r.stderr).toContain('payload-based and id-based thread_control parameters cannot be combined');
  });

  it('--via handover: pass with target_app_id and metadata, as form fields with --form', async () => {
    interceptThreadControl(
      agent,
      'pass',
      { success: true },
      { expectBody: { recipient: JSON.stringify({ id: PSID }), target_app_id: INBOX, metadata: 'to inbox' } },
    );
    const r = await runCli(
      ['thread', 'pass', '--psid', PSID, '--via', 'handover', '--app-id', INBOX, '--metadata', 'to inbox', '--form', '--token', TOKEN],
      { dispatcher: agent },
    );
    expect(r.code).toBe(0);
    // --app-id is the old spelling of pass's --target: it still works, with a one-line deprecation
    expect(r.stderr).toBe('lead-kit: warning: --app-id is deprecated; use --target\n');
    expect(r.stdout).toContain('(POST /pass_thread_control)');
  });

  it('release via handover, take and extend use their endpoints', async () => {
    interceptThreadControl(agent, 'release', { success: true }, { expectBody: { recipient: { id: PSID } } });
    interceptThreadControl(agent, 'take', { success: true }, { expectBody: { recipient: { id: PSID }, metadata: 'agent' } });
    interceptThreadControl(agent, 'extend', { success: true }, { expectBody: { recipient: { id: PSID }, duration: 86400 } });
    const a = await runCli(['thread', 'release', '--psid', PSID, '--via', 'handover', '--token', TOKEN], { dispatcher: agent });
    const b = await runCli(['thread', 'take', '--psid', PSID, '--metadata', 'agent', '--token', TOKEN, '--json'], { dispatcher: agent });
    const c = await runCli(['thread', 'extend', '--psid', PSID, '--duration', '86400', '--token', TOKEN], { dispatcher: agent });
    expect([a.code, b.code, c.code]).toEqual([0, 0, 0]);
    expect(a.stdout).toContain('released thread control');
    expect(JSON.parse(b.stdout)).toMatchObject({ action: 'take', via: 'handover', response: { success: true } });
    expect(c.stdout).toContain('extended thread control');
  });

  it('take has no Send API form (exit 2)', async () => {
    // take and extend do not offer --via: only the Handover Protocol endpoint exists
    const r = await runCli(['thread', 'take', '--psid', PSID, '--via', 'send-api', '--token', TOKEN], { dispatcher: agent });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--via'");
  });

  it('reports {"success": false} as a Graph error (exit 5)', async () => {
    interceptThreadControl(agent, 'take', { success: false });
    const r = await runCli(['thread', 'take', '--psid', PSID, '--token', TOKEN], { dispatcher: agent });
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('Graph answered {"success": false}');
  });

  it('--dry-run prints the exact request as curl, token redacted, and sends nothing (no token needed)', async () => {
    const r = await runCli(['thread', 'pass', '--psid', PSID, '--target', INBOX, '--dry-run'], { dispatcher: agent });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      `curl -X POST 'https://graph.facebook.com/v26.0/me/messages?access_token=<PAGE_ACCESS_TOKEN>' \\\n` +
        `  -H 'Content-Type: application/json' \\\n` +
        `  -d '${JSON.stringify({ messaging_type: 'RESPONSE', recipient: { id: PSID }, thread_control: { app_id: INBOX, control_type: 'pass' } }, null, 2)}'\n`,
    );
  });

  it('--dry-run --json with a token and app secret shows placeholders only', async () => {
    const r = await runCli(
      [
        'thread',
        'extend',
        '--psid',
        PSID,
        '--duration',
        '3600',
        '--dry-run',
        '--json',
        '--token',
        TOKEN,
        '--app-secret',
        'sekrit-app-secret',
      ],
      { dispatcher: agent },
    );
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { curl: string; dry_run: boolean; request: { url: string } };
    expect(doc.dry_run).toBe(true);
    expect(doc.request.url).toBe(
      'https://graph.facebook.com/v26.0/me/extend_thread_control?access_token=<PAGE_ACCESS_TOKEN>&appsecret_proof=<APPSECRET_PROOF>',
    );
    expect(doc.curl).toContain('"duration": 3600');
  });
});
