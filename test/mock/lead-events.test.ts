import { describe, expect, it } from 'vitest';
import { demoConfig, DEMO } from '../../src/mock/demo.js';
import { startMockGraph, type MockGraph } from '../../src/mock/server.js';
import { DEFAULTS } from '../../src/webhooks/defaults.js';
import { runCli } from '../helpers/cli.js';
import { call, closeAfterEach } from './helpers.js';
import { startTestApp } from './fixtures/test-app.js';
import { freePort } from '../helpers/ports.js';

const closing = closeAfterEach();

const graph = (m: MockGraph): string[] => ['--graph-url', m.url, '--token', DEMO.token, '--page-id', DEMO.pageId];
const DATASET = `9${DEMO.pageId}`;

describe('lead events against the mock', () => {
  it('lead-kit events lead-submitted (page_activities) is accepted and recorded', async () => {
    const mock = closing(await startMockGraph());
    const r = await runCli(['events', 'lead-submitted', ...graph(mock), '--psid', DEMO.psid, '--app-id', DEMO.appId]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✓ lead_submitted via page_activities: POST \/v20\.0\/\d+\/page_activities → \{"success":true\}/);
    expect(r.stderr).toMatch(/^lead-kit: warning: the Messaging Events API/);
    const recorded = mock.calls.filter((c) => c.route === 'POST /{app-id}/page_activities');
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.status).toBe(200);
    expect(JSON.stringify(recorded[0])).not.toContain(DEMO.token);
  });

  it('--via conversions-api finds the dataset with GET /{page}/dataset and sends LeadSubmitted', async () => {
    const mock = closing(await startMockGraph());
    const r = await runCli(['events', 'lead-submitted', ...graph(mock), '--psid', DEMO.psid, '--via', 'conversions-api', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.path).toBe(`/v26.0/${DATASET}/events`);
    expect(doc.response).toMatchObject({ events_received: 1, messages: [] });
    expect(mock.calls.map((c) => c.route)).toEqual(['GET /{page-id}/dataset', 'POST /{dataset-id}/events']);
  });

  it('refuses what Meta refuses: an unknown person, another Page, milliseconds, a wrong channel', async () => {
    const mock = closing(await startMockGraph());
    const unknown = await runCli(['events', 'lead-submitted', ...graph(mock), '--psid', '111', '--app-id', DEMO.appId]);
    expect(unknown.code).toBe(5);
    expect(unknown.stderr).toMatch(/No matching user found/);
    const event = {
      event_name: 'LeadSubmitted',
      event_time: 1_795_000_000,
      action_source: 'business_messaging',
      messaging_channel: 'messenger',
      user_data: { page_id: DEMO.pageId, page_scoped_user_id: DEMO.psid },
    };
    const post = (e: object) => call(mock, 'POST', `/v26.0/${DATASET}/events`, { json: { data: [{ ...event, ...e }] } });
    expect((await post({})).status).toBe(200);
    expect((await post({ event_time: 1_795_000_000_000 })).body.error.message).toMatch(/looks like milliseconds/);
    expect((await post({ messaging_channel: 'whatsapp' })).body.error.message).toMatch(/must be messenger/);
    expect((await post({ user_data: { page_id: '1', page_scoped_user_id: DEMO.psid } })).body.error.message).toMatch(
      /is not the Page of this access token/,
    );
    expect((await call(mock, 'POST', '/v26.0/999/events', { json: { data: [event] } })).body.error.code).toBe(100);
  });

  it('unconfirmed.page_activities = shut-down answers as Meta does for a removed edge', async () => {
    const config = demoConfig();
    config.pages[0]!.unconfirmed = { page_activities: 'shut-down' };
    const mock = closing(await startMockGraph({ config }));
    const r = await runCli(['events', 'lead-submitted', ...graph(mock), '--psid', DEMO.psid, '--app-id', DEMO.appId]);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/Unknown path components: \/page_activities/);
  });
});

describe('lead-kit leads against the mock', () => {
  it("reads the simulated flow's questions and answers out of the conversation history", async () => {
    const mock = closing(await startMockGraph());
    expect((await call(mock, 'POST', '/__lead-kit/lead-flow', { json: { scenario: 'complete' } })).status).toBe(200);
    const r = await runCli(['leads', ...graph(mock), '--json', '--rate', '50']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.leads).toHaveLength(1);
    expect(doc.leads[0]).toMatchObject({ psid: DEMO.psid, source: 'history', complete: true });
    expect(doc.leads[0].answers).toEqual(DEFAULTS.answers);
  });

  it('an incomplete flow gives an incomplete lead; --psid narrows; CSV keeps non-ASCII', async () => {
    const mock = closing(await startMockGraph());
    await call(mock, 'POST', '/__lead-kit/lead-flow', { json: { scenario: 'incomplete' } });
    const json = JSON.parse((await runCli(['leads', ...graph(mock), '--psid', DEMO.psid, '--json'])).stdout);
    expect(json.leads[0].answers).toEqual(DEFAULTS.answers.slice(0, 2));
    const csv = await runCli(['leads', ...graph(mock), '--format', 'csv']);
    expect(csv.stdout).toContain('Zürich');
    expect(csv.stdout.split('\r\n')[0]).toBe(
      'psid,name,conversation_id,source,complete,created_time,Are you interested in becoming a reseller?,What city is your store located?',
    );
  });
});

describe('simulate --mock --expect lead-event', () => {
  const SECRET = 'lead-event-app-secret';
  async function run(via: 'page-activities' | 'conversions-api' | undefined) {
    const port = await freePort();
    const app = closing(
      await startTestApp({
        appId: DEMO.appId,
        appSecret: SECRET,
        graphUrl: `http://127.0.0.1:${port}`,
        token: DEMO.token,
        ...(via ? { onReferral: [{ type: 'lead-event' as const, via, pageId: DEMO.pageId, datasetId: DATASET }] } : {}),
      }),
    );
    return runCli([
      'simulate',
      '--mock',
      String(port),
      '--endpoint',
      app.url,
      '--app-secret',
      SECRET,
      '--expect',
      'lead-event',
      '--expect-within',
      via ? '3000' : '300',
    ]);
  }

  it.each(['page-activities', 'conversions-api'] as const)('is met when the app reports the lead via %s', async (via) => {
    const r = await run(via);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/✓ lead-event\s+#\d+ POST \/v26\.0\/\d+\/(page_activities|events)/);
  });

  it('fails with exit 1 when the app never reports the lead', async () => {
    const r = await run(undefined);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗ lead-event');
    expect(r.stdout).toMatch(/a lead event \(lead_submitted via page_activities, or LeadSubmitted via the Conversions API\) for PSID/);
  });
});
