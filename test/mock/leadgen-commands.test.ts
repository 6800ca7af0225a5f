import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { MockConfigInput } from '../../src/schemas/mock-config.js';
import { startMockGraph, type MockGraph } from '../../src/mock/server.js';
import { runCli } from '../helpers/cli.js';
import { agent, START } from './helpers.js';

const PAGE = '542998526103632';
const APP = '2262510160704936';
const TOKEN = 'leadgen-cmd-page-token';
const FORM = '1048557243911820';
const AD = '6302572858686';
let mock: MockGraph | undefined;
let dir: string | undefined;
afterEach(async () => {
  await mock?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  mock = dir = undefined;
});
afterAll(() => agent.close());

/** 150 leads one minute apart (more than one Graph page of 100), answers with commas, quotes, newlines, non-ASCII. */
function config(o: { error?: string; scopes?: string[]; fields?: string[] } = {}): MockConfigInput {
  const leads = Array.from({ length: 150 }, (_, i) => ({
    id: String(8000000000000000 + i),
    form_id: FORM,
    ...(i % 10 === 0 ? {} : { ad_id: AD }),
    created_time: new Date(START - (150 - i) * 60_000).toISOString(),
    field_data:
      i === 149
        ? { full_name: 'Zoë "Zo" Müller', notes: 'line one\nline two, with comma', interests: ['solar', 'wärmepumpe'] }
        : { full_name: `Lead ${i}`, email: `l${i}@example.com` },
  }));
  return {
    apps: [{ id: APP, name: 'CRM', secret: 'leadgen-cmd-secret' }],
    pages: [
      {
        id: PAGE,
        connected_apps: [
          {
            app_id: APP,
            token: TOKEN,
            scopes: o.scopes ?? [
              'pages_messaging',
              'pages_manage_metadata',
              'pages_read_engagement',
              'pages_show_list',
              'leads_retrieval',
              'pages_manage_ads',
            ],
            subscribed_fields: (o.fields ?? ['messages', 'leadgen']) as never,
          },
        ],
        leadgen: { forms: [{ id: FORM }], ads: [{ id: AD, form_id: FORM }], leads: leads as never, error: (o.error ?? 'none') as never },
      },
    ],
  };
}
const start = async (o: Parameters<typeof config>[0] = {}): Promise<MockGraph> =>
  (mock = await startMockGraph({ config: config(o), startTime: START, frozen: true }));
const graph = () => ['--graph-url', mock!.url, '--token', TOKEN, '--page-id', PAGE];

describe('lead-kit leads --form / --ad', () => {
  it('exports every lead across cursor pages to CSV that parses back to the same answers', async () => {
    await start();
    dir = mkdtempSync(join(tmpdir(), 'lead-kit-form-'));
    const r = await runCli(['leads', '--form', FORM, '--format', 'csv', '--out', join(dir, 'leads.csv'), '--rate', '100', ...graph()]);
    expect(r.code, r.stderr).toBe(0);
    const rows = parse(readFileSync(join(dir, 'leads.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(150);
    expect(new Set(rows.map((x) => x.id)).size).toBe(150);
    const zoe = rows.find((x) => x.id === '8000000000000149')!;
    expect(zoe).toMatchObject({
      full_name: 'Zoë "Zo" Müller',
      notes: 'line one\nline two, with comma',
      interests: 'solar; wärmepumpe',
      is_organic: 'false',
      ad_id: AD,
    });
    expect(rows.find((x) => x.id === '8000000000000140')).toMatchObject({ is_organic: 'true', ad_id: '' });
    expect(mock!.calls.filter((c) => c.route === 'GET /{form-id}/leads')).toHaveLength(2);
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });

  it("--since/--until become time_created filtering; --ad reads the ad's leads", async () => {
    await start();
    const since = new Date(START - 10 * 60_000).toISOString();
    const r = await runCli(['leads', '--form', FORM, '--since', since, '--json', ...graph()]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).leads).toHaveLength(10);
    const until = await runCli(['leads', '--ad', AD, '--until', String(Math.floor((START - 140 * 60_000) / 1000)), '--json', ...graph()]);
    expect(JSON.parse(until.stdout).leads.map((l: { id: string }) => l.id)).toEqual([
      '8000000000000009',
      '8000000000000008',
      '8000000000000007',
      '8000000000000006',
      '8000000000000005',
      '8000000000000004',
      '8000000000000003',
      '8000000000000002',
      '8000000000000001',
    ]);
    expect((await runCli(['leads', '--form', FORM, '--since', 'yesterday', ...graph()])).code).toBe(2);
  });

  it('a token without lead access fails with the Graph error (exit 5), no secret in the output', async () => {
    await start({ error: 'no-leads-access' });
    const r = await runCli(['leads', '--form', FORM, ...graph()]);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/subcode 33/);
    expect(r.stderr).not.toContain(TOKEN);
  });
});

describe('lead-kit doctor --leadgen', () => {
  it('passes for a subscribed app with leads_retrieval and a readable form', async () => {
    await start();
    const r = await runCli(['doctor', '--leadgen', '--form', FORM, '--app-id', APP, '--json', ...graph()]);
    const doc = JSON.parse(r.stdout);
    const leadgen = doc.checks.filter((c: { id: string }) => c.id.startsWith('leadgen:'));
    expect(leadgen.map((c: { id: string; ok: boolean }) => [c.id, c.ok])).toEqual([
      ['leadgen:subscription', true],
      ['leadgen:permissions', true],
      ['leadgen:appsecret-proof', true],
      ['leadgen:form', true],
    ]);
    expect(leadgen[1].detail).toMatch(/without ads_management/);
  });

  it('one fix per failure: no leadgen subscription, missing leads_retrieval, Leads Access Manager', async () => {
    await start({
      fields: ['messages'],
      scopes: ['pages_messaging', 'pages_manage_metadata', 'pages_read_engagement'],
      error: 'no-leads-access',
    });
    const r = await runCli(['doctor', '--leadgen', '--form', FORM, ...graph()]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ leadgen:subscription.*\n.*fix: curl -X POST ".*subscribed_apps\?subscribed_fields=leadgen/);
    expect(r.stdout).toMatch(/✗ leadgen:permissions\s+leads_retrieval, pages_manage_ads not granted/);
    expect(r.stdout).toMatch(/✗ leadgen:form .*\n.*fix: grant leads_retrieval to the app, and give it access in Leads Access Manager/);
  });

  it('reports appsecret_proof as required, and passes once --app-secret is given', async () => {
    await start({ error: 'appsecret-proof-required' });
    const without = await runCli(['doctor', '--leadgen', '--form', FORM, ...graph()]);
    expect(without.stdout).toMatch(/✗ leadgen:form/);
    expect(without.stdout).toMatch(/fix: the app requires appsecret_proof: pass --app-secret/);
    const withSecret = await runCli(['doctor', '--leadgen', '--form', FORM, '--app-secret', 'leadgen-cmd-secret', ...graph()]);
    expect(withSecret.stdout).toMatch(/✓ leadgen:form/);
    expect(withSecret.stdout + withSecret.stderr).not.toContain('leadgen-cmd-secret');
  });
});
