import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { MockAgent } from 'undici';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { GRAPH, TOKEN, useGraphAgent } from '../helpers/graph-intercepts.js';

const PAGE = '104508901353867';
let agent: MockAgent;
useGraphAgent((a) => (agent = a));

const msg = (from: string, message: string, minute: number) => ({
  message,
  from: { id: from },
  created_time: `2026-01-01T00:${String(minute).padStart(2, '0')}:00+0000`,
});
const people = (psid: string, name: string) => ({
  data: [
    { id: psid, name },
    { id: PAGE, name: 'Shop' },
  ],
});

function interceptConversations(a: MockAgent, after: string | undefined, body: unknown, psid?: string): void {
  a.get(GRAPH)
    .intercept({
      method: 'GET',
      path: (p: string) => {
        const u = new URL(p, 'http://x');
        return (
          u.pathname === `/v26.0/${PAGE}/conversations` &&
          u.searchParams.get('platform') === 'messenger' &&
          u.searchParams.get('fields') === 'participants,messages{message,created_time,from}' &&
          u.searchParams.get('after') === (after ?? null) &&
          u.searchParams.get('user_id') === (psid ?? null) &&
          u.searchParams.get('access_token') === TOKEN
        );
      },
    })
    .reply(200, JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
}

const page1 = {
  data: [
    {
      id: 't_1',
      participants: people('200', 'Ana Müller'),
      // newest first; more messages behind the cursor
      messages: {
        data: [msg('200', 'Zürich', 3), msg(PAGE, 'What city is your store located?', 2)],
        paging: { cursors: { after: 'm1' }, next: 'https://graph.facebook.com/next' },
      },
    },
  ],
  paging: { cursors: { after: 'c1' }, next: 'https://graph.facebook.com/next' },
};
const olderMessages = {
  data: [msg('200', 'Yes', 1), msg(PAGE, 'Are you interested in becoming a reseller?', 0)],
  paging: { cursors: { after: 'm2' } },
};
const page2 = {
  data: [
    {
      id: 't_2',
      participants: people('300', 'João'),
      messages: { data: [msg('300', 'line 1, "quoted"\nline 2', 5), msg(PAGE, 'Notes?', 4)] },
    },
  ],
  paging: { cursors: { after: 'c2' } },
};

function interceptAll(a: MockAgent): void {
  interceptConversations(a, undefined, page1);
  a.get(GRAPH)
    .intercept({ method: 'GET', path: (p) => p.startsWith('/v26.0/t_1/messages?') && p.includes('after=m1') })
    .reply(200, JSON.stringify(olderMessages), { headers: { 'content-type': 'application/json' } });
  interceptConversations(a, 'c1', page2);
}

describe('lead-kit leads', () => {
  it('follows both paging cursors and pairs questions with answers (JSON)', async () => {
    interceptAll(agent);
    const r = await runCli(['leads', '--page-id', PAGE, '--token', TOKEN, '--json', '--rate', '50'], { dispatcher: agent });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.conversations).toBe(2);
    expect(doc.leads[0]).toMatchObject({ psid: '200', name: 'Ana Müller', source: 'history', complete: true });
    expect(doc.leads[0].answers).toEqual([
      { question: 'Are you interested in becoming a reseller?', answer: 'Yes' },
      { question: 'What city is your store located?', answer: 'Zürich' },
    ]);
    expect(doc.leads[1].answers).toEqual([{ question: 'Notes?', answer: 'line 1, "quoted"\nline 2' }]);
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });

  it('writes RFC 4180 CSV atomically with --out, one column per question', async () => {
    interceptAll(agent);
    const dir = mkdtempSync(join(tmpdir(), 'lead-kit-leads-'));
    const r = await runCli(['leads', '--page-id', PAGE, '--token', TOKEN, '--format', 'csv', '--out', 'leads.csv', '--rate', '50'], {
      dispatcher: agent,
      cwd: dir,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('wrote 2 leads to leads.csv\n');
    expect(readdirSync(dir)).toEqual(['leads.csv']);
    const rows = parse(readFileSync(join(dir, 'leads.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((x) => x.psid)).toEqual(['200', '300']);
    expect(rows[0]!['What city is your store located?']).toBe('Zürich');
    expect(rows[1]!['Notes?']).toBe('line 1, "quoted"\nline 2');
  });

  it('prints a table by default', async () => {
    interceptAll(agent);
    const r = await runCli(['leads', '--page-id', PAGE, '--token', TOKEN, '--rate', '50'], { dispatcher: agent });
    expect(r.stdout.split('\n')[0]).toMatch(/^psid\s+name\s+status\s+Are you interested in becom…/);
    expect(r.stdout).toContain('line 1, "quoted" ⏎ line 2');
    expect(r.stdout).toContain('2 leads from 2 conversations on Page 104508901353867');
  });

  it('paces calls to --rate per second', async () => {
    interceptAll(agent);
    const started = performance.now();
    await runCli(['leads', '--page-id', PAGE, '--token', TOKEN, '--json', '--rate', '10'], { dispatcher: agent });
    // three calls at 10 per second: the second and third wait ~100 ms each
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('exits 1 when --psid has no conversation, 4 on a bad token, 2 on a bad PSID', async () => {
    interceptConversations(agent, undefined, { data: [] }, '999');
    const none = await runCli(['leads', '--page-id', PAGE, '--token', TOKEN, '--psid', '999'], { dispatcher: agent });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no Messenger conversation with PSID 999/);
    agent
      .get(GRAPH)
      .intercept({ method: 'GET', path: (p) => p.startsWith(`/v26.0/${PAGE}/conversations`) })
      .reply(
        400,
        JSON.stringify({ error: { message: 'Invalid OAuth access token.', type: 'OAuthException', code: 190, fbtrace_id: 'x' } }),
      );
    expect((await runCli(['leads', '--page-id', PAGE, '--token', TOKEN], { dispatcher: agent })).code).toBe(4);
    expect((await runCli(['leads', '--page-id', PAGE, '--token', TOKEN, '--psid', 'abc'], { dispatcher: agent })).code).toBe(2);
  });
});

describe('lead-kit events lead-submitted', () => {
  it('--dry-run prints the https://developers.facebook.com/docs/messenger-platform/analytics/messaging-events-api request as curl, token redacted, with the deprecation warning', async () => {
    const r = await runCli(
      [
        'events',
        'lead-submitted',
        '--psid',
        '5794982867201265',
        '--app-id',
        '2262510160704936',
        '--page-id',
        PAGE,
        '--token',
        TOKEN,
        '--dry-run',
        '--json',
      ],
      { dispatcher: agent },
    );
    expect(r.code).toBe(0);
    // with --json the warning is one JSON line on stderr, too
    expect(JSON.parse(r.stderr).warning.message).toMatch(
      /^the Messaging Events API .* shut the product down in September 2025.*--via conversions-api/,
    );
    const doc = JSON.parse(r.stdout);
    expect(doc.path).toBe('/v20.0/2262510160704936/page_activities');
    expect(doc.body).toEqual({
      custom_events: [{ _eventName: 'lead_submitted' }],
      advertiser_tracking_enabled: 1,
      application_tracking_enabled: 1,
      page_id: PAGE,
      page_scoped_user_id: '5794982867201265',
      logging_source: 'messenger_bot',
      logging_target: 'page',
    });
    expect(doc.curl).toContain('access_token=<PAGE_ACCESS_TOKEN>');
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });

  it('--via conversions-api sends a LeadSubmitted business_messaging event and shows the answer', async () => {
    agent
      .get(GRAPH)
      .intercept({
        method: 'POST',
        path: (p) => p.startsWith('/v26.0/777/events?'),
        body: (b) => JSON.parse(b).data[0].action_source === 'business_messaging',
      })
      .reply(200, JSON.stringify({ events_received: 1, fbtrace_id: 'abc' }), { headers: { 'content-type': 'application/json' } });
    const r = await runCli(
      [
        'events',
        'lead-submitted',
        '--via',
        'conversions-api',
        '--psid',
        '5794982867201265',
        '--dataset-id',
        '777',
        '--page-id',
        PAGE,
        '--token',
        TOKEN,
      ],
      { dispatcher: agent },
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/✓ LeadSubmitted via the Conversions API: POST \/v26\.0\/777\/events → \{"events_received":1/);
  });

  it('bad input: no PSID, no app id, a bad event name', async () => {
    expect(
      (await runCli(['events', 'lead-submitted', '--app-id', '1', '--page-id', '2', '--dry-run'], { dispatcher: agent })).stderr,
    ).toMatch(/required option '--psid <psid>' not specified/);
    expect(
      (await runCli(['events', 'lead-submitted', '--psid', '1', '--page-id', '2', '--dry-run'], { dispatcher: agent })).stderr,
    ).toMatch(/--app-id is required/);
    const bad = await runCli(
      ['events', 'lead-submitted', '--psid', '1', '--app-id', '1', '--page-id', '2', '--dry-run', '--event-name', 'lead submitted!'],
      { dispatcher: agent },
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/does not match/);
  });
});
