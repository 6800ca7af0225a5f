import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { startAppServer, type AppServer } from '../helpers/app-server.js';
import { leadgenEnvelopeSchema } from '../../src/schemas/leadgen.js';
import { buildDashboardSample, buildLeadgenEnvelope } from '../../src/webhooks/leadgen.js';

interface Fixture {
  _meta: { source: string; section: string; kind: string };
  body: Record<string, unknown>;
}
const fixture = (name: string): Fixture =>
  JSON.parse(readFileSync(new URL(`../../fixtures/leadgen/${name}`, import.meta.url), 'utf8')) as Fixture;
const SECRET = 'leadgen-test-secret-abc';
let app: AppServer | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('leadgen payload builders', () => {
  it("reproduce Meta's documented sample byte for byte with --ids number", () => {
    const f = fixture('retrieving-sample.json');
    expect(f._meta.source).toMatch(/^https:\/\/developers\.facebook\.com\//);
    const change = { pageId: '123123123', formId: '12312312312', adgroupId: '12312312312', adId: '12312312312', createdTime: 1440120384 };
    const built = buildLeadgenEnvelope({
      changes: [
        { ...change, leadgenId: '123123123123' },
        { ...change, leadgenId: '123123123124' },
      ],
      time: 1438292065,
      ids: 'number',
      entryId: '153125381133',
    });
    expect(JSON.stringify(built)).toBe(JSON.stringify(f.body));
    expect(leadgenEnvelopeSchema.safeParse(f.body).success).toBe(true);
  });

  it('reproduce the App Dashboard "Test" sample', () => {
    const f = fixture('dashboard-sample.json');
    expect(JSON.stringify(buildDashboardSample(1588890044))).toBe(JSON.stringify(f.body));
  });

  it('the schema refuses answers inside the webhook (field_data is never delivered)', () => {
    const body = JSON.parse(JSON.stringify(fixture('retrieving-sample.json').body));
    body.entry[0].changes[0].value.field_data = [{ name: 'email', values: ['a@b.c'] }];
    expect(leadgenEnvelopeSchema.safeParse(body).success).toBe(false);
  });
});

describe('lead-kit webhook leadgen', () => {
  it('defaults to a real delivery: string ids, value before field, object last, created_time an integer', async () => {
    const r = await runCli(['webhook', 'leadgen', '--raw', '--page-id', '111', '--form-id', '222', '--ad-id', '333', '--lead-id', '444']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const s = Math.floor(Date.parse('2026-11-21T10:00:00.000Z') / 1000);
    expect(r.stdout.trim()).toBe(
      `{"entry":[{"id":"111","time":${s},"changes":[{"value":{"ad_id":"333","form_id":"222","leadgen_id":"444","created_time":${s},"page_id":"111","adgroup_id":"333"},"field":"leadgen"}]}],"object":"page"}`,
    );
  });

  it('--ids number writes JSON numbers in the documented key order', async () => {
    const doc = JSON.parse((await runCli(['webhook', 'leadgen', '--ids', 'number', '--page-id', '111', '--lead-id', '444'])).stdout);
    expect(Object.keys(doc)).toEqual(['object', 'entry']);
    expect(doc.entry[0].id).toBe(111);
    expect(Object.keys(doc.entry[0].changes[0])).toEqual(['field', 'value']);
    expect(Object.keys(doc.entry[0].changes[0].value)).toEqual(['leadgen_id', 'page_id', 'form_id', 'adgroup_id', 'ad_id', 'created_time']);
    expect(doc.entry[0].changes[0].value.leadgen_id).toBe(444);
  });

  it('--organic drops ad_id and adgroup_id', async () => {
    const doc = JSON.parse((await runCli(['webhook', 'leadgen', '--organic'])).stdout);
    const v = doc.entry[0].changes[0].value;
    expect(v).not.toHaveProperty('ad_id');
    expect(v).not.toHaveProperty('adgroup_id');
    expect(leadgenEnvelopeSchema.safeParse(doc).success).toBe(true);
  });

  it('--batch 5 --entries 2 puts five distinct leads in two entries of one POST', async () => {
    const doc = JSON.parse((await runCli(['webhook', 'leadgen', '--batch', '5', '--entries', '2'])).stdout);
    expect(doc.entry).toHaveLength(2);
    expect(doc.entry.map((e: any) => e.changes.length)).toEqual([3, 2]);
    const ids = doc.entry.flatMap((e: any) => e.changes.map((c: any) => c.value.leadgen_id));
    expect(new Set(ids).size).toBe(5);
  });

  it('--dashboard-sample refuses other variant flags with exit 2', async () => {
    const r = await runCli(['webhook', 'leadgen', '--dashboard-sample', '--batch', '2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--dashboard-sample/);
  });

  it('leadgen-update (unconfirmed) carries area, event, updated_fields and a string updated_time', async () => {
    const doc = JSON.parse((await runCli(['webhook', 'leadgen-update', '--updated-field', 'status', '--updated-field', 'notes'])).stdout);
    const c = doc.entry[0].changes[0];
    expect(c.field).toBe('leadgen_update');
    expect(c.value).toMatchObject({ area: 'ai_agent_updates', event: 'qualification_status_change', updated_fields: ['status', 'notes'] });
    expect(typeof c.value.updated_time).toBe('string');
    expect(typeof c.value.leadgen_id).toBe('number');
  });

  it('--send signs exactly the bytes sent (X-Hub-Signature-256 and sha1)', async () => {
    app = await startAppServer({ appSecret: SECRET });
    const raw = (await runCli(['webhook', 'leadgen', '--batch', '2', '--raw'])).stdout.trim();
    const r = await runCli(['webhook', 'leadgen', '--batch', '2', '--send', app.url, '--app-secret', SECRET]);
    expect(r.code).toBe(0);
    const got = app.received[0]!;
    expect(got.body.toString('utf8')).toBe(raw);
    expect(got.signatureOk).toBe(true);
    expect(got.headers['x-hub-signature']).toBe('sha1=' + createHmac('sha1', SECRET).update(got.body).digest('hex'));
    expect(r.stdout).not.toContain(SECRET);
  });
});
