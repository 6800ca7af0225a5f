import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, parseConfigText } from '../../src/config/load.js';
import { InputError } from '../../src/errors.js';
import { runCli } from '../helpers/cli.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lead-kit-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, value: unknown): void =>
  writeFileSync(join(dir, name), typeof value === 'string' ? value : JSON.stringify(value, null, 2));
const thrown = (f: () => unknown): InputError => {
  try {
    f();
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('did not throw');
};

describe('lead-kit.config.json', () => {
  it('loads a valid file; ids given as numbers come out as strings', async () => {
    write('lead-kit.config.json', {
      pageId: 542998526103632,
      appId: '2262510160704936',
      answers: [{ question: 'City?', answer: 'Zürich' }],
      endpoint: 'http://127.0.0.1:3000/webhook',
      apiVersion: 'v25.0',
      apps: [{ id: 2262510160704936, name: 'CRM bot', webhookUrl: 'http://127.0.0.1:3000/webhook' }],
    });
    const loaded = await loadConfig(dir);
    expect(loaded?.config).toMatchObject({ pageId: '542998526103632', apps: [{ id: '2262510160704936', name: 'CRM bot' }] });
  });

  it('no file and no --config: no config (undefined); a --config that does not exist: exit 2', async () => {
    expect(await loadConfig(dir)).toBeUndefined();
    await expect(loadConfig(dir, 'nope.json')).rejects.toMatchObject({
      exitCode: 2,
      message: 'cannot read config nope.json: no such file',
    });
  });

  it('rejects secret-looking keys anywhere, naming file:line:column and where the secret belongs', () => {
    const text =
      '{\n  "pageId": "1",\n  "appSecret": "abc",\n  "apps": [{"id": "2", "name": "x", "accessToken": "t"}],\n  "Password": "p"\n}\n';
    const err = thrown(() => parseConfigText(text, 'lead-kit.config.json'));
    expect(err.exitCode).toBe(2);
    const lines = err.message.split('\n');
    expect(lines[0]).toBe(
      'lead-kit.config.json:3:3: "appSecret" looks like a secret, and secrets do not belong in lead-kit.config.json (it is meant to be shared and committed) — remove it and set LEAD_KIT_APP_SECRET or pass --app-secret',
    );
    expect(lines[1]).toMatch(/^lead-kit\.config\.json:4:37: "accessToken" .* LEAD_KIT_PAGE_TOKEN or pass --token$/);
    expect(lines[2]).toMatch(/^lead-kit\.config\.json:5:3: "Password"/);
    // the secret values themselves are never echoed
    expect(err.message).not.toMatch(/"abc"|"t"|"p"/);
  });

  it.each(['verifyToken', 'token', 'app_secret', 'clientSecret', 'pageToken'])('rejects "%s"', (key) => {
    expect(() => parseConfigText(JSON.stringify({ [key]: 'x' }), 'c.json')).toThrow(/looks like a secret/);
  });

  it('renders zod issues as file:line:col: path: message, in file order, with typo help', () => {
    const text = '{\n  "pageid": "12",\n  "apps": [{ "id": "x", "nme": "a" }],\n  "endpoint": "ftp://a",\n  "apiVersion": "26"\n}\n';
    const err = thrown(() => parseConfigText(text, 'cfg.json'));
    expect(err.message.split('\n')).toEqual([
      'cfg.json:2:3: pageid: unknown key "pageid" — did you mean "pageId"?',
      'cfg.json:3:12: apps[0].name: app "name" is missing — add it, e.g. "CRM bot" ("nme" looks like a misspelling of it)',
      'cfg.json:3:20: apps[0].id: app "id" must be a numeric id, not the string "x" — e.g. "2262510160704936"',
      'cfg.json:3:25: apps[0].nme: unknown key "nme" — did you mean "name"?',
      'cfg.json:4:15: endpoint: "endpoint" is the string "ftp://a", not an absolute http(s) URL — e.g. "http://127.0.0.1:3000/webhook"',
      'cfg.json:5:17: apiVersion: "apiVersion" is the string "26", not a Graph API version — write it like "v26.0"',
    ]);
  });

  it('invalid JSON names the line and column', () => {
    expect(() => parseConfigText('{\n  "pageId": "1",\n}', 'c.json')).toThrow(/^c\.json:3:1: invalid JSON: trailing comma/);
  });

  it('an invalid config stops every command with exit 2 and one message on stderr', async () => {
    write('lead-kit.config.json', { pageId: 'abc' });
    for (const argv of [['config'], ['template', 'validate', '-']]) {
      const r = await runCli(argv, { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^lead-kit: lead-kit\.config\.json:2:13: pageId: "pageId" must be a numeric id/);
    }
  });
});

describe('lead-kit config: flag > env > config > default', () => {
  const settings = async (argv: string[], env: Record<string, string> = {}) => {
    const r = await runCli(['config', '--json', ...argv], { cwd: dir, env });
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as { configFile: string | null; settings: Record<string, { value: unknown; source: string }> };
  };

  it('each layer wins over the ones below it', async () => {
    expect((await settings([])).settings.pageId).toEqual({ value: '542998526103632', source: 'default' });
    write('lead-kit.config.json', { pageId: '111', graphUrl: 'http://127.0.0.1:4010', answers: [{ question: 'Q?', answer: 'A' }] });
    const fromConfig = await settings([]);
    expect(fromConfig.configFile).toBe(join(dir, 'lead-kit.config.json'));
    expect(fromConfig.settings.pageId).toEqual({ value: '111', source: 'config' });
    expect(fromConfig.settings.answers).toEqual({ value: [{ question: 'Q?', answer: 'A' }], source: 'config' });
    const fromEnv = await settings([], { LEAD_KIT_PAGE_ID: '222', LEAD_KIT_GRAPH_URL: 'http://127.0.0.1:5000' });
    expect(fromEnv.settings.pageId).toEqual({ value: '222', source: 'env' });
    expect(fromEnv.settings.graphUrl).toEqual({ value: 'http://127.0.0.1:5000', source: 'env' });
    const fromFlag = await settings(['--page-id', '333', '--answer', 'Why?=Because'], { LEAD_KIT_PAGE_ID: '222' });
    expect(fromFlag.settings.pageId).toEqual({ value: '333', source: 'flag' });
    expect(fromFlag.settings.answers).toEqual({ value: [{ question: 'Why?', answer: 'Because' }], source: 'flag' });
    expect(fromFlag.settings.apiVersion).toEqual({ value: 'v26.0', source: 'default' });
  });

  it('--config points at another file', async () => {
    write('other.json', { appId: '444' });
    const s = await settings(['--config', 'other.json']);
    expect(s.settings.appId).toEqual({ value: '444', source: 'config' });
  });

  it('secrets are shown only as placeholders, in text and JSON', async () => {
    const secret = 'app-secret-value-123';
    const token = 'EAApage-token-value-456';
    const json = await runCli(['config', '--json', '--token', token], { cwd: dir, env: { LEAD_KIT_APP_SECRET: secret } });
    const doc = JSON.parse(json.stdout) as { settings: Record<string, { value: unknown; source: string }> };
    expect(doc.settings.appSecret).toEqual({ value: '<APP_SECRET>', source: 'env' });
    expect(doc.settings.token).toEqual({ value: '<PAGE_ACCESS_TOKEN>', source: 'flag' });
    expect(doc.settings.verifyToken).toEqual({ value: null, source: 'default' });
    const text = await runCli(['config', '--token', token], { cwd: dir, env: { LEAD_KIT_APP_SECRET: secret } });
    expect(text.stdout).toMatch(/appSecret\s+env\s+<APP_SECRET>/);
    for (const r of [json, text]) expect(r.stdout + r.stderr).not.toMatch(new RegExp(`${secret}|${token}`));
  });
});
