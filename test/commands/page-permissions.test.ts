import { describe, expect, it } from 'vitest';
import type { MockAgent } from 'undici';
import {
  APP_TOKEN,
  graphError,
  interceptDebugToken,
  interceptPermissions,
  MY_APP,
  TOKEN,
  validTokenData,
  useGraphAgent,
} from '../helpers/graph-intercepts.js';
import { runCli } from '../helpers/cli.js';

let agent: MockAgent;
useGraphAgent((a) => (agent = a));

describe('lead-kit page permissions', () => {
  it('shows validity, expiry and the two required permissions from debug_token', async () => {
    interceptDebugToken(agent, validTokenData(), { token: APP_TOKEN });
    const r = await runCli(['page', 'permissions', '--token', TOKEN, '--app-token', APP_TOKEN], { dispatcher: agent });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Access token (from debug_token)');
    expect(r.stdout).toContain(`valid      yes  PAGE token of app My CRM (${MY_APP})`);
    expect(r.stdout).toContain('expires    never');
    expect(r.stdout).toMatch(/pages_messaging +granted/);
    expect(r.stdout).toMatch(/pages_manage_metadata +granted/);
    expect(r.stdout).not.toContain('note:');
  });

  it('reports a missing permission in JSON, and notes when the Page token inspected itself', async () => {
    interceptDebugToken(agent, validTokenData({ scopes: ['pages_messaging'], expires_at: 1795000000 }));
    const r = await runCli(['page', 'permissions', '--token', TOKEN, '--json'], { dispatcher: agent });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(doc).toMatchObject({ source: 'debug_token', valid: true, expires_at: 1795000000, missing: ['pages_manage_metadata'] });
    expect(doc.note).toMatch(/no --app-token/);
  });

  it('falls back to /me/permissions when debug_token is refused (--source auto)', async () => {
    interceptDebugToken(agent, graphError(100, '(#100) The App_id in the input_token did not match the Viewing App'), { status: 400 });
    interceptPermissions(agent, {
      data: [
        { permission: 'pages_messaging', status: 'granted' },
        { permission: 'pages_manage_metadata', status: 'declined' },
      ],
    });
    const r = await runCli(['page', 'permissions', '--token', TOKEN], { dispatcher: agent });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Access token (from me/permissions)');
    expect(r.stdout).toMatch(/pages_manage_metadata +missing/);
    expect(r.stdout).toContain('fell back to /me/permissions');
  });

  it('--source debug-token does not fall back (exit 5)', async () => {
    interceptDebugToken(agent, graphError(100, 'nope'), { status: 400 });
    const r = await runCli(['page', 'permissions', '--token', TOKEN, '--source', 'debug-token'], { dispatcher: agent });
    expect(r.code).toBe(5);
  });

  it('exits 4 when debug_token says the token is not valid', async () => {
    interceptDebugToken(agent, {
      data: { is_valid: false, scopes: [], error: { code: 190, message: 'Error validating access token: Session has expired.' } },
    });
    const r = await runCli(['page', 'permissions', '--token', TOKEN], { dispatcher: agent });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('the Page access token is not valid: Error validating access token: Session has expired.');
  });
});
