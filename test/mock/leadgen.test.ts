import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { MockConfigInput } from '../../src/schemas/mock-config.js';
import { startReceiver, type Receiver } from '../../src/receiver/server.js';
import { startMockGraph, type MockGraph } from '../../src/mock/server.js';
import { DEMO_LEADGEN } from '../../src/mock/demo.js';
import { leadgenEnvelopeSchema } from '../../src/schemas/leadgen.js';
import { agent, call, demoMock, PAGE, proofOf, START, until } from './helpers.js';

const FORM = DEMO_LEADGEN.formId;
const AD = DEMO_LEADGEN.adId;
const LEAD = DEMO_LEADGEN.leadId;
const APP = '2262510160704936';
const TOKEN = 'leadgen-test-page-token';
const SECRET = 'leadgen-mock-secret';
const s = (iso: string): number => Date.parse(iso) / 1000;

let mock: MockGraph | undefined;
let receiver: Receiver | undefined;
afterEach(async () => {
  await mock?.close();
  await receiver?.close();
  mock = receiver = undefined;
});
afterAll(() => agent.close());

/** A Page with one form, its ad, and `n` leads one hour apart (newest last), plus an organic lead. */
function config(o: { n?: number; error?: string; scopes?: string[]; webhookUrl?: string; requireProof?: boolean } = {}): MockConfigInput {
  const leads = Array.from({ length: o.n ?? 5 }, (_, i) => ({
    id: String(7000000000000001 + i),
    form_id: FORM,
    ad_id: AD,
    created_time: new Date(START - (10 - i) * 3_600_000).toISOString(),
    field_data: { full_name: `Lead ${i}`, email: `l${i}@example.com` },
  }));
  leads.push({
    id: '7000000000000999',
    form_id: FORM,
    created_time: new Date(START - 20 * 3_600_000).toISOString(),
    field_data: { full_name: 'Organic Ørjan' },
  } as never);
  return {
    apps: [
      {
        id: APP,
        name: 'CRM',
        secret: SECRET,
        ...(o.webhookUrl ? { webhook_url: o.webhookUrl } : {}),
        ...(o.requireProof ? { require_appsecret_proof: true } : {}),
      },
    ],
    pages: [
      {
        id: PAGE,
        connected_apps: [
          {
            app_id: APP,
            token: TOKEN,
            scopes: o.scopes ?? ['leads_retrieval', 'pages_manage_ads', 'pages_read_engagement', 'pages_show_list'],
            subscribed_fields: ['leadgen'],
          },
        ],
        leadgen: {
          forms: [
            {
              id: FORM,
              name: 'Quote request',
              questions: [{ key: 'full_name' }, { key: 'email' }, { key: 'budget', label: 'Your budget?' }],
            },
          ],
          ads: [{ id: AD, name: 'Spring ad', form_id: FORM, campaign_id: '555' }],
          leads,
          error: (o.error ?? 'none') as never,
        },
      },
    ],
  };
}
const start = async (o: Parameters<typeof config>[0] = {}): Promise<MockGraph> =>
  (mock = await startMockGraph({ config: config(o), startTime: START, frozen: true }));
const get = (path: string, token = TOKEN) => call(mock!, 'GET', path, { token });

describe('mock: Instant Form leads', () => {
  it('GET /{lead-id} answers the documented default fields, string ids, Graph time', async () => {
    mock = await demoMock();
    const r = await call(mock, 'GET', `/v26.0/${LEAD}`);
    expect(r.status).toBe(200);
    expect(Object.keys(r.body)).toEqual(['created_time', 'id', 'ad_id', 'form_id', 'field_data']);
    expect(r.body).toMatchObject({ id: LEAD, ad_id: AD, form_id: FORM, created_time: '2026-11-21T10:00:00+0000' });
    expect(r.body.field_data).toContainEqual({ name: 'city', values: ['Zürich'] });
  });

  it('fields= selects lead fields; organic leads have no ad fields; unknown fields are 100', async () => {
    await start();
    const paid = await get(`/v26.0/7000000000000001?fields=is_organic,campaign_id,ad_name,platform,custom_disclaimer_responses`);
    expect(paid.body).toEqual({ is_organic: false, campaign_id: '555', ad_name: 'Spring ad', platform: 'fb', id: '7000000000000001' });
    const organic = await get(`/v26.0/7000000000000999?fields=ad_id,is_organic,field_data`);
    expect(organic.body).toEqual({
      is_organic: true,
      field_data: [{ name: 'full_name', values: ['Organic Ørjan'] }],
      id: '7000000000000999',
    });
    const bad = await get(`/v26.0/7000000000000001?fields=answers`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe(100);
  });

  it('GET /{form-id}/leads pages newest first with cursors and an absolute next URL', async () => {
    await start({ n: 5 });
    const first = await get(`/v26.0/${FORM}/leads?limit=2&fields=id`);
    expect(first.body.data.map((l: { id: string }) => l.id)).toEqual(['7000000000000005', '7000000000000004']);
    expect(first.body.paging.next).toMatch(new RegExp(`^${mock!.url}/v26.0/${FORM}/leads\\?`));
    const ids: string[] = [];
    let url: string | undefined = `/v26.0/${FORM}/leads?limit=2&fields=id`;
    while (url) {
      const page = await get(url);
      ids.push(...page.body.data.map((l: { id: string }) => l.id));
      const after = page.body.paging?.cursors?.after;
      url = page.body.paging?.next ? `/v26.0/${FORM}/leads?limit=2&fields=id&after=${after}` : undefined;
    }
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
  });

  it('filtering on time_created (GREATER_THAN, LESS_THAN, GREATER_THAN_OR_EQUAL); ad leads exclude organic ones', async () => {
    await start({ n: 5 });
    const f = (op: string, v: number): string => encodeURIComponent(JSON.stringify([{ field: 'time_created', operator: op, value: v }]));
    const since = s('2026-11-21T02:00:00Z');
    expect((await get(`/v26.0/${FORM}/leads?filtering=${f('GREATER_THAN', since)}`)).body.data).toHaveLength(2);
    expect((await get(`/v26.0/${FORM}/leads?filtering=${f('GREATER_THAN_OR_EQUAL', since)}`)).body.data).toHaveLength(3);
    expect((await get(`/v26.0/${FORM}/leads?filtering=${f('LESS_THAN', since)}`)).body.data).toHaveLength(3);
    expect((await get(`/v26.0/${AD}/leads`)).body.data).toHaveLength(5);
    const bad = await get(`/v26.0/${FORM}/leads?filtering=${encodeURIComponent('[{"field":"email","operator":"LESS_THAN","value":1}]')}`);
    expect(bad.body.error.code).toBe(100);
  });

  it('GET /{form-id} and /{page-id}/leadgen_forms describe the form and its questions', async () => {
    await start();
    const form = await get(`/v26.0/${FORM}?fields=id,name,status,questions,page`);
    expect(form.body).toMatchObject({ id: FORM, name: 'Quote request', status: 'ACTIVE', page: { id: PAGE } });
    expect(form.body.questions[2]).toMatchObject({ key: 'budget', label: 'Your budget?', type: 'CUSTOM' });
    expect(form.body.questions[1]).toMatchObject({ key: 'email', type: 'EMAIL' });
    expect((await get(`/v26.0/${PAGE}/leadgen_forms`)).body.data).toEqual([
      { id: FORM, locale: 'en_US', name: 'Quote request', status: 'ACTIVE' },
    ]);
  });

  it('test_leads: one per form until deleted, organic, with the given field_data, and a signed leadgen webhook', async () => {
    receiver = await startReceiver({ appSecret: SECRET });
    await start({ webhookUrl: receiver.url });
    const created = await call(mock!, 'POST', `/v26.0/${FORM}/test_leads`, {
      token: TOKEN,
      json: { field_data: [{ name: 'full_name', values: ['Jürgen Test'] }] },
    });
    expect(created.status).toBe(200);
    const id = created.body.id as string;
    expect(id).toMatch(/^\d{16}$/);
    const again = await call(mock!, 'POST', `/v26.0/${FORM}/test_leads`, { token: TOKEN });
    expect(again.status).toBe(400);
    expect(again.body.error.message).toMatch(/already exists/);
    const listed = await get(`/v26.0/${FORM}/test_leads?fields=id,is_organic,field_data`);
    expect(listed.body.data).toEqual([{ id, is_organic: true, field_data: [{ name: 'full_name', values: ['Jürgen Test'] }] }]);
    await until(() => receiver!.deliveries.some((d) => d.kind === 'event'), 5000);
    const delivery = receiver.deliveries.find((d) => d.kind === 'event')!;
    expect(delivery.status).toBe(200);
    expect(delivery.sha256).toBe('valid');
    const body = JSON.parse(delivery.body.toString('utf8'));
    expect(leadgenEnvelopeSchema.safeParse(body).success).toBe(true);
    expect(body.entry[0].changes[0].value).toMatchObject({ leadgen_id: id, form_id: FORM, page_id: PAGE });
    expect(body.entry[0].changes[0].value).not.toHaveProperty('ad_id');
    expect((await call(mock!, 'DELETE', `/v26.0/${id}`, { token: TOKEN })).body).toEqual({ success: true });
    expect((await get(`/v26.0/${id}`)).body.error).toMatchObject({ code: 100, error_subcode: 33 });
    expect((await call(mock!, 'POST', `/v26.0/${FORM}/test_leads`, { token: TOKEN })).status).toBe(200);
  });

  it('the dashboard-sample ids answer 100/33', async () => {
    mock = await demoMock();
    for (const id of ['444444444444', '444444444'])
      expect((await call(mock, 'GET', `/v26.0/${id}`)).body.error).toMatchObject({ code: 100, error_subcode: 33 });
  });

  it('a token without leads_retrieval gets 100/33; it can still read the form', async () => {
    await start({ scopes: ['pages_read_engagement', 'pages_show_list'] });
    const r = await get(`/v26.0/7000000000000001`);
    expect(r.body.error).toMatchObject({ code: 100, error_subcode: 33, type: 'GraphMethodException' });
    expect((await get(`/v26.0/${FORM}`)).status).toBe(200);
  });

  it.each([
    ['no-leads-access', 100, 33],
    ['token-expired', 190, 463],
    ['appsecret-proof-required', 100, undefined],
    ['rate-limit', 80005, undefined],
  ])('the Page setting error=%s answers code %i', async (error, code, subcode) => {
    await start({ error });
    const r = await get(`/v26.0/7000000000000001`);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe(code);
    expect(r.body.error.error_subcode).toBe(subcode);
    expect((await get(`/v26.0/${FORM}/leads`)).body.error.code).toBe(code);
  });

  it('appsecret-proof-required is satisfied by a valid appsecret_proof', async () => {
    await start({ error: 'appsecret-proof-required' });
    const r = await call(mock!, 'GET', `/v26.0/7000000000000001`, { token: TOKEN, proof: proofOf(TOKEN, SECRET) });
    expect(r.status).toBe(200);
  });

  it('a token of another Page cannot read the lead (100/33), even with leads_retrieval', async () => {
    const cfg = config();
    cfg.pages.push({ id: '999', connected_apps: [{ app_id: APP, token: 'other-page-token-123', scopes: ['leads_retrieval'] }] });
    mock = await startMockGraph({ config: cfg, startTime: START, frozen: true });
    expect((await get(`/v26.0/7000000000000001`)).status).toBe(200);
    expect((await get(`/v26.0/7000000000000001`, 'other-page-token-123')).body.error).toMatchObject({ code: 100, error_subcode: 33 });
  });

  it('POST subscribed_apps accepts subscribed_fields=leadgen; the call log never shows the token in paging URLs', async () => {
    await start({ n: 3 });
    expect((await call(mock!, 'POST', `/v26.0/${PAGE}/subscribed_apps?subscribed_fields=leadgen,messages`, { token: TOKEN })).body).toEqual(
      { success: true },
    );
    expect((await get(`/v26.0/${PAGE}/subscribed_apps`)).body.data[0].subscribed_fields).toEqual(['leadgen', 'messages']);
    await get(`/v26.0/${FORM}/leads?limit=1`);
    expect(JSON.stringify(mock!.calls)).not.toContain(TOKEN);
  });
});
