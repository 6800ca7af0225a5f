import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import type { MockGraph } from '../../src/mock/server.js';
import { DEMO, DEMO_LEADGEN } from '../../src/mock/demo.js';
import { call, demoMock } from './helpers.js';

// facebook-nodejs-business-sdk (CommonJS), used as it is: only its Graph base URL points at the mock.
const require = createRequire(import.meta.url);
const sdk = require('facebook-nodejs-business-sdk') as any;

let mock: MockGraph | undefined;
const realGraph = Object.getOwnPropertyDescriptor(sdk.FacebookAdsApi, 'GRAPH')!;
afterEach(async () => {
  Object.defineProperty(sdk.FacebookAdsApi, 'GRAPH', realGraph);
  await mock?.close();
  mock = undefined;
});

async function sdkAgainstMock(): Promise<void> {
  mock = await demoMock();
  const url = mock.url;
  Object.defineProperty(sdk.FacebookAdsApi, 'GRAPH', { get: () => url, configurable: true });
  sdk.FacebookAdsApi.init(DEMO.token);
}

describe('facebook-nodejs-business-sdk reads Instant Form leads from the mock, unchanged', () => {
  it('Lead.get() returns the lead and its field_data', async () => {
    await sdkAgainstMock();
    const lead = await new sdk.Lead(DEMO_LEADGEN.leadId).get(['id', 'created_time', 'form_id', 'ad_id', 'field_data', 'is_organic']);
    expect(lead.id).toBe(DEMO_LEADGEN.leadId);
    expect(lead.form_id).toBe(DEMO_LEADGEN.formId);
    expect(lead.is_organic).toBe(false);
    expect(lead.field_data).toContainEqual({ name: 'city', values: ['Zürich'] });
    expect(lead.created_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/);
  });

  it('LeadgenForm.getLeads() follows paging.next through every lead; createTestLead() enforces one per form', async () => {
    await sdkAgainstMock();
    const form = new sdk.LeadgenForm(DEMO_LEADGEN.formId);
    await form.createTestLead(['id'], { field_data: [{ name: 'email', values: ['test@example.com'] }] });
    await expect(form.createTestLead(['id'], {})).rejects.toMatchObject({ response: { code: 100 } });
    const cursor = await form.getLeads(['id', 'field_data'], { limit: 1 });
    const ids = cursor.map((l: { id: string }) => l.id);
    while (cursor.hasNext()) {
      await cursor.next();
      ids.push(...cursor.map((l: { id: string }) => l.id));
    }
    expect(ids).toHaveLength(2);
    expect(ids).toContain(DEMO_LEADGEN.leadId);
    // The SDK's calls really went to the mock.
    const log = await call(mock!, 'GET', '/__lead-kit/calls', { auth: 'none' });
    expect(JSON.stringify(log.body)).toMatch(/GET \/\{form-id\}\/leads/);
  });

  it("a Graph error from the mock surfaces as the SDK's FacebookRequestError with code and subcode", async () => {
    await sdkAgainstMock();
    await expect(new sdk.Lead('444444444444').get(['id'])).rejects.toMatchObject({ response: { code: 100, error_subcode: 33 } });
  });
});
