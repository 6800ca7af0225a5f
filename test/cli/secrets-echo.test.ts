import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { collectSecrets } from '../../src/cli/redact.js';
import { redact } from '../../src/text/redact.js';
import { runCli } from '../helpers/cli.js';

const TOKEN = 'EAAGtok"en\\with/quote s+plus&amp';
const SECRET = 'app-secret-9f8e7d6c';
const proof = (t: string): string => createHmac('sha256', SECRET).update(t).digest('hex');

/** Every encoding lead-kit output may carry a secret in. */
function encodings(v: string): string[] {
  return [
    v,
    JSON.stringify(v).slice(1, -1),
    JSON.stringify(v).slice(1, -1).replace(/\//g, '\\/'),
    encodeURIComponent(v),
    new URLSearchParams({ v }).toString().slice(2),
  ];
}

describe('secrets are never echoed (issue 13 item 7)', () => {
  it("a mistyped secret flag (--tokn=<token>) is not echoed in commander's unknown-option error", async () => {
    for (const flag of ['--tokn', '--app-secrt', '--app-tokn', '--verify-tokn', '--secret', '--access-token']) {
      const r = await runCli(['page', 'status', `${flag}=${TOKEN}`]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/unknown option/);
      for (const e of encodings(TOKEN)) expect(r.stderr).not.toContain(e);
      expect(r.stderr).toContain(`${flag}=<REDACTED>`);
    }
  });

  it('redacts the raw, JSON-escaped, URL- and form-encoded forms of a secret', () => {
    const secrets = [{ value: TOKEN, placeholder: '<PAGE_ACCESS_TOKEN>' }];
    for (const e of encodings(TOKEN)) expect(redact(`before ${e} after`, secrets)).toBe('before <PAGE_ACCESS_TOKEN> after');
  });

  it('knows the appsecret_proof of every token and app secret given', () => {
    const found = collectSecrets(['--token', TOKEN, '--app-secret', SECRET], { LEAD_KIT_APP_TOKEN: 'app|token-xyz' });
    expect(found).toContainEqual({ value: proof(TOKEN), placeholder: '<APPSECRET_PROOF>' });
    expect(found).toContainEqual({ value: proof('app|token-xyz'), placeholder: '<APPSECRET_PROOF>' });
  });

  it('with --json, no encoding of the token and no appsecret_proof reaches stdout or stderr', async () => {
    const r = await runCli([
      'page',
      'status',
      '--token',
      TOKEN,
      '--app-secret',
      SECRET,
      '--graph-url',
      'http://127.0.0.1:9',
      '--json',
      '--debug',
    ]);
    const shown = r.stdout + r.stderr;
    expect(r.code).not.toBe(0);
    for (const e of [...encodings(TOKEN), ...encodings(SECRET), proof(TOKEN)]) expect(shown).not.toContain(e);
  });
});
