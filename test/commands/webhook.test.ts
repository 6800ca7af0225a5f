import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { startAppServer, type AppServer } from '../helpers/app-server.js';
import { webhookEnvelopeSchema } from '../../src/schemas/webhook.js';
import { signSha256 } from '../../src/webhooks/sign.js';

const SECRET = 'webhook-test-secret-xyz';
let app: AppServer | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});
const ev = (doc: any, channel = 'messaging'): any => doc.entry[0][channel][0];

describe('lead-kit webhook <kind>', () => {
  it.each(['handover', 'summary', 'referral', 'message', 'postback', 'standby', 'ctm-referral'])(
    '%s prints a valid payload as pretty JSON',
    async (kind) => {
      const r = await runCli(['webhook', kind]);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/^\{\n  "object": "page"/);
      expect(webhookEnvelopeSchema.safeParse(JSON.parse(r.stdout)).success).toBe(true);
    },
  );

  it('uses the input flags and the fixed clock', async () => {
    const r = await runCli([
      'webhook',
      'referral',
      '--outcome',
      'incomplete',
      '--page-id',
      '10',
      '--psid',
      '20',
      '--ad-id',
      '30',
      '--answer',
      'City?=Zürich',
      '--answer',
      'a=b=c',
    ]);
    const e = ev(JSON.parse(r.stdout));
    expect(e.sender.id).toBe('20');
    expect(e.recipient.id).toBe('10');
    expect(e.timestamp).toBe(Math.floor(Date.parse('2026-11-21T10:00:00.000Z') / 1000));
    expect(e.referral).toMatchObject({ type: 'LEAD_INCOMPLETE', ad_id: '30', source: 'ADS' });
    expect(e.lead.data).toEqual([
      { question: 'City?', answer: 'Zürich' },
      { question: 'a', answer: 'b=c' },
    ]);
  });

  it('standby copies carry standby[] and drop the postback payload', async () => {
    const r = await runCli(['webhook', 'standby', '--of', 'postback']);
    const doc = JSON.parse(r.stdout);
    expect(doc.entry[0].messaging).toBeUndefined();
    expect(ev(doc, 'standby').postback.title).toBe('Get Started');
    expect(ev(doc, 'standby').postback).not.toHaveProperty('payload');
  });

  it('--raw prints the exact escaped bytes', async () => {
    const r = await runCli(['webhook', 'summary', '--raw']);
    expect(r.stdout).toMatch(/^\{"object":"page"/);
    expect(r.stdout).toContain('Z\\u00fcrich');
    expect(r.stdout.trimEnd()).toMatch(/^[\x20-\x7e]*$/);
  });

  it('--set overrides any existing field, with JSON values', async () => {
    const r = await runCli(['webhook', 'message', '--set', '/entry/0/messaging/0/message/text=hello', '--set', '/entry/0/time=5']);
    const doc = JSON.parse(r.stdout);
    expect(ev(doc).message.text).toBe('hello');
    expect(doc.entry[0].time).toBe(5);
  });

  it('--set on a path that does not exist is an error naming the nearest valid paths', async () => {
    const r = await runCli(['webhook', 'referral', '--set', '/entry/0/messaging/0/referal/ad_id=1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\/entry\/0\/messaging\/0\/referal\/ad_id does not exist.*did you mean \/entry\/0\/messaging\/0\/referral/);
  });

  it('--set that breaks the shape warns on stderr but still prints', async () => {
    const r = await runCli(['webhook', 'message', '--set', '/object="user"']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: the payload no longer matches Meta's webhook shape: \/object/);
  });

  it('unknown kinds and bad flags exit 2', async () => {
    expect((await runCli(['webhook', 'lead'])).stderr).toMatch(/unknown webhook kind "lead" — use one of handover/);
    expect((await runCli(['webhook', 'handover', '--outcome', 'maybe'])).code).toBe(2);
  });

  it('--send delivers the exact bytes, signed, and reports the answer', async () => {
    app = await startAppServer({ appSecret: SECRET });
    const r = await runCli(['webhook', 'handover', '--send', app.url, '--app-secret', SECRET, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ kind: 'handover', status: 200, ok: true });
    const got = app.received[0]!;
    expect(got.signatureOk).toBe(true);
    expect(got.headers['x-hub-signature-256']).toBe(signSha256(got.body, SECRET));
    const printed = await runCli(['webhook', 'handover', '--raw']);
    expect(got.body.toString()).toBe(printed.stdout.trimEnd());
  });

  it('--send exits 1 when rejected and 4 without a secret', async () => {
    app = await startAppServer({ appSecret: 'other' });
    expect((await runCli(['webhook', 'summary', '--send', app.url, '--app-secret', SECRET])).code).toBe(1);
    expect((await runCli(['webhook', 'summary', '--send', app.url])).code).toBe(4);
  });
});
