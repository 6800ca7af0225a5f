import { afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/mock/demo.js';
import { runCli } from '../helpers/cli.js';
import { freePort } from '../helpers/ports.js';
import { startLeadgenApp, type LeadgenApp } from './fixtures/leadgen-app.js';

const SECRET = 'form-app-secret-91ab';
let app: LeadgenApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function simulateForm(appOpts: { fetch?: boolean; verify?: boolean }, args: string[]) {
  const port = await freePort();
  app = await startLeadgenApp({ appSecret: SECRET, graphUrl: `http://127.0.0.1:${port}`, token: DEMO.token, ...appOpts });
  const r = await runCli(['simulate', ...args, '--mock', String(port), '--endpoint', app.url, '--app-secret', SECRET]);
  expect(r.stdout + r.stderr).not.toContain(SECRET);
  return r;
}

describe('simulate form --mock --expect fetched-lead', () => {
  it('passes when the app fetches the delivered lead, and the mock answers the --answer field_data', async () => {
    const r = await simulateForm({}, [
      'form',
      '--answer',
      'full_name=Jürgen Groß',
      '--answer',
      'favourite_colour=grün',
      '--answer',
      'favourite_colour=blau',
      '--expect',
      'fetched-lead',
      '--expect-within',
      '5000',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✓ fetched-lead\s+#1 GET \/v26\.0\/\d{16}/);
    await app!.idle();
    expect(app!.fetched).toHaveLength(1);
    expect(app!.fetched[0]!.status).toBe(200);
    expect(app!.fetched[0]!.body.field_data).toEqual([
      { name: 'full_name', values: ['Jürgen Groß'] },
      { name: 'favourite_colour', values: ['grün', 'blau'] },
    ]);
    expect(typeof app!.fetched[0]!.body.ad_id).toBe('string');
  });

  it('fails (exit 1) when the app acknowledges the webhook but never fetches the lead', async () => {
    const r = await simulateForm({ fetch: false }, ['form', '--expect', 'fetched-lead', '--expect-within', '300']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ fetched-lead/);
  });

  it('form-batch: every lead of the batch must be fetched; form-organic leads have no ad_id', async () => {
    const batch = await simulateForm({}, [
      'form-batch',
      '--batch',
      '4',
      '--entries',
      '2',
      '--expect',
      'fetched-lead',
      '--expect-within',
      '5000',
    ]);
    expect(batch.code).toBe(0);
    await app!.idle();
    expect(new Set(app!.fetched.map((f) => f.id)).size).toBe(4);
    await app!.close();
    const organic = await simulateForm({}, ['form-organic', '--ids', 'number', '--expect', 'fetched-lead', '--expect-within', '5000']);
    expect(organic.code).toBe(0);
    await app!.idle();
    expect(app!.fetched[0]!.body).not.toHaveProperty('ad_id');
  });

  it('no-fetch-on-forged passes for an app that checks signatures and fails for one that does not', async () => {
    const careful = await simulateForm({}, ['form-forged', '--expect', 'no-fetch-on-forged', '--expect-within', '400']);
    expect(careful.code).toBe(0);
    expect(careful.stdout).toMatch(/✓ no-fetch-on-forged/);
    await app!.close();
    const careless = await simulateForm({ verify: false }, ['form-forged', '--expect', 'no-fetch-on-forged', '--expect-within', '2000']);
    expect(careless.code).toBe(1);
    expect(careless.stdout).toMatch(/✗ no-fetch-on-forged/);
  });

  it('--batch outside form-batch is a usage error (exit 2)', async () => {
    const r = await runCli(['simulate', 'form', '--batch', '3']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/form-batch/);
  });
});
