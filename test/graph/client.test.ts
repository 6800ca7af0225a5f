import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { MockAgent } from 'undici';
import { AuthError, GraphApiError, InterruptedError } from '../../src/errors.js';
import { createGraphClient } from '../../src/graph/client.js';
import { getThreadOwner } from '../../src/graph/endpoints.js';
import { toCurl } from '../../src/graph/curl.js';
import { successSchema, threadOwnerSchema } from '../../src/schemas/graph.js';
import {
  APP_SECRET,
  APP_TOKEN,
  graphError,
  interceptDebugToken,
  interceptMessages,
  interceptThreadControl,
  interceptThreadOwner,
  PSID,
  TOKEN,
  useGraphAgent,
} from '../helpers/graph-intercepts.js';

let agent: MockAgent;
useGraphAgent((a) => (agent = a));

describe('createGraphClient', () => {
  it('GETs with the token, the appsecret_proof and the version; traces redacted', async () => {
    const seen: string[] = [];
    const proof = createHmac('sha256', APP_SECRET).update(TOKEN).digest('hex');
    interceptThreadOwner(agent, { data: [{ thread_owner: { app_id: '263902037430900', expiration: 1 } }] }, { seen });
    const lines: string[] = [];
    const client = createGraphClient({ token: TOKEN, appSecret: APP_SECRET, dispatcher: agent, debug: (l) => lines.push(l) });
    const r = await getThreadOwner(client, 'me', PSID);
    expect(r.data?.[0]?.thread_owner?.app_id).toBe('263902037430900');
    expect(new URL(seen[0] ?? '', 'http://x').searchParams.get('appsecret_proof')).toBe(proof);
    expect(lines[0]).toBe(
      `→ GET https://graph.facebook.com/v26.0/me/thread_owner?recipient=${PSID}&access_token=<PAGE_ACCESS_TOKEN>&appsecret_proof=<APPSECRET_PROOF>`,
    );
    expect(lines[1]).toMatch(/^← 200 \[GET\] \/v26\.0\/me\/thread_owner \(\d+ ms\)$/);
    expect(lines.join('\n')).not.toContain(TOKEN);
    expect(lines.join('\n')).not.toContain(proof);
  });

  it('POSTs JSON by default and form fields with {form: true}', async () => {
    const body = { messaging_type: 'RESPONSE', recipient: { id: PSID }, thread_control: { control_type: 'release' } };
    interceptMessages(agent, { recipient_id: PSID, message_id: 'm_1' }, { expectBody: body });
    interceptThreadControl(
      agent,
      'pass',
      { success: 'true' },
      { expectBody: { recipient: JSON.stringify({ id: PSID }), target_app_id: '9' } },
    );
    const client = createGraphClient({ token: TOKEN, dispatcher: agent });
    expect(await client.post('me/messages', body)).toEqual({ recipient_id: PSID, message_id: 'm_1' });
    // Meta's docs print "true" as a string in places; the schema reads it as true
    expect(
      await client.post('me/pass_thread_control', { recipient: { id: PSID }, target_app_id: '9' }, { form: true, schema: successSchema }),
    ).toEqual({ success: true });
  });

  it('uses another token for one call, shown with its own placeholder', async () => {
    interceptDebugToken(agent, { data: { is_valid: true } }, { token: APP_TOKEN });
    const lines: string[] = [];
    const client = createGraphClient({ token: TOKEN, dispatcher: agent, debug: (l) => lines.push(l) });
    await client.get('debug_token', { input_token: TOKEN }, { token: APP_TOKEN, tokenPlaceholder: '<APP_ACCESS_TOKEN>' });
    expect(lines[0]).toContain('input_token=<PAGE_ACCESS_TOKEN>&access_token=<APP_ACCESS_TOKEN>');
    expect(lines.join('')).not.toContain('testAPPtoken');
  });

  it('turns the error envelope into GraphApiError with an ofetch-style message and details', async () => {
    interceptThreadOwner(agent, graphError(100, '(#100) No matching user found', { subcode: 2018001 }), { status: 400 });
    const client = createGraphClient({ token: TOKEN, dispatcher: agent });
    const err = await getThreadOwner(client, 'me', PSID).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GraphApiError);
    const e = err as GraphApiError;
    expect(e.message).toBe('[GET] /v26.0/me/thread_owner: 400 (#100) No matching user found (subcode 2018001, fbtrace_id AbCdEfGhIjK)');
    expect(e.exitCode).toBe(5);
    expect(e.hint).toMatch(/no person with this PSID.*check --psid/);
    expect(e.details).toMatchObject({
      status: 400,
      code: 100,
      subcode: 2018001,
      fbtrace_id: 'AbCdEfGhIjK',
      type: 'OAuthException',
      known: 'no-matching-user',
    });
  });

  it('maps code 190 to AuthError (exit 4) and explains the subcode', async () => {
    interceptThreadOwner(agent, graphError(190, 'Error validating access token: Session has expired', { subcode: 463 }), { status: 400 });
    const err = await getThreadOwner(createGraphClient({ token: TOKEN, dispatcher: agent }), 'me', PSID).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect((err as AuthError).exitCode).toBe(4);
    expect((err as AuthError).message).toBe(
      '[GET] /v26.0/me/thread_owner: 400 (#190) Error validating access token: Session has expired (subcode 463, fbtrace_id AbCdEfGhIjK)',
    );
    expect((err as AuthError).hint).toMatch(/^the token expired: get a new Page access token/);
  });

  it('keeps rate-limit usage headers with a throttling error', async () => {
    interceptThreadOwner(agent, graphError(80001, 'There have been too many calls to this Page account.'), {
      status: 400,
      headers: { 'x-business-use-case-usage': '{"1":[{"call_count":100}]}' },
    });
    const err = (await getThreadOwner(createGraphClient({ token: TOKEN, dispatcher: agent }), 'me', PSID).catch(
      (e: unknown) => e,
    )) as GraphApiError;
    expect(err.details?.['x-business-use-case-usage']).toBe('{"1":[{"call_count":100}]}');
    expect(err.hint).toMatch(/too many calls to this Page account/);
  });

  it('never repeats the token when Graph echoes it', async () => {
    interceptThreadOwner(agent, graphError(100, `Invalid parameter near ${TOKEN}`), { status: 400 });
    const err = (await getThreadOwner(createGraphClient({ token: TOKEN, dispatcher: agent }), 'me', PSID).catch(
      (e: unknown) => e,
    )) as GraphApiError;
    expect(err.message).toContain('<PAGE_ACCESS_TOKEN>');
    expect(JSON.stringify(err.toJSON())).not.toContain(TOKEN);
  });

  it('reports non-JSON, non-2xx without envelope and unexpected shapes as Graph errors (exit 5)', async () => {
    interceptThreadOwner(agent, '<html>Bad gateway</html>', { status: 502 });
    interceptThreadOwner(agent, { oops: true }, { status: 503 });
    interceptThreadOwner(agent, { data: 'not a list' });
    const client = createGraphClient({ token: TOKEN, dispatcher: agent });
    const a = (await getThreadOwner(client, 'me', PSID).catch((e: unknown) => e)) as GraphApiError;
    expect(a.message).toBe('[GET] /v26.0/me/thread_owner: 502 answered with something that is not JSON: <html>Bad gateway</html>');
    const b = (await getThreadOwner(client, 'me', PSID).catch((e: unknown) => e)) as GraphApiError;
    expect(b.message).toMatch(/503 without a Graph error envelope/);
    const c = (await client
      .get('me/thread_owner', { recipient: PSID }, { schema: threadOwnerSchema })
      .catch((e: unknown) => e)) as GraphApiError;
    expect(c.code).toBe('GRAPH_SHAPE');
    expect(c.message).toMatch(/unexpected shape \(data: /);
    expect([a, b, c].every((e) => e.exitCode === 5)).toBe(true);
  });

  it('needs a token before sending anything', async () => {
    const client = createGraphClient({ dispatcher: agent });
    await expect(client.get('me')).rejects.toBeInstanceOf(AuthError);
    const req = client.prepare('POST', 'me/messages', { body: { a: 1 } });
    expect(req.missingToken).toBe(true);
    expect(toCurl(req)).toBe(
      `curl -X POST 'https://graph.facebook.com/v26.0/me/messages?access_token=<PAGE_ACCESS_TOKEN>' \\\n  -H 'Content-Type: application/json' \\\n  -d '{\n  "a": 1\n}'`,
    );
  });

  it('stops with InterruptedError when the signal fires', async () => {
    agent
      .get('https://graph.facebook.com')
      .intercept({ method: 'GET', path: () => true })
      .reply(200, '{}')
      .delay(2000);
    const controller = new AbortController();
    const client = createGraphClient({ token: TOKEN, dispatcher: agent, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(client.get('me')).rejects.toBeInstanceOf(InterruptedError);
  });
});
