import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Prompter } from '../../src/io/deps.js';
import { runInit } from '../../src/commands/init.js';
import { loadConfig } from '../../src/config/load.js';
import { BIN } from '../helpers/bin.js';
import { runCli } from '../helpers/cli.js';
import { createTestDeps } from '../helpers/deps.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lead-kit-init-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const pipeStdin = () => Object.assign(Readable.from([]), { isTTY: false });
const ttyStdin = () => Object.assign(Readable.from([]), { isTTY: true });
const configPath = () => join(dir, 'lead-kit.config.json');
const readConfig = () => JSON.parse(readFileSync(configPath(), 'utf8')) as Record<string, unknown>;

describe('lead-kit init without a terminal', () => {
  it('never prompts when stdin is not a TTY: exit 2 with the flags to pass, nothing written', async () => {
    const r = await runCli(['init'], { cwd: dir, stdin: pipeStdin() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'lead-kit init does not ask questions when stdin is not a terminal; pass --page-id <id> --app-id <id> --endpoint <url> --answer "Question?=Answer"',
    );
    expect(r.stderr).toContain('--yes');
    expect(existsSync(configPath())).toBe(false);
  });

  it('never prompts when CI is set, even on a terminal; lists only the flags still missing', async () => {
    const r = await runCli(['init', '--page-id', '1', '--endpoint', ''], { cwd: dir, stdin: ttyStdin(), env: { CI: 'true' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('when CI is set; pass --app-id <id> --answer "Question?=Answer"');
  });

  it('--yes accepts the defaults and writes a config every command can read', async () => {
    const r = await runCli(['init', '--yes', '--page-id', '111222333'], { cwd: dir, stdin: pipeStdin() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('wrote lead-kit.config.json — check it with: lead-kit config\n');
    const loaded = await loadConfig(dir);
    expect(loaded?.config).toMatchObject({
      pageId: '111222333',
      appId: '2262510160704936',
      apps: [{ id: '2262510160704936', name: 'Your app' }],
    });
    expect(loaded?.config.answers).toHaveLength(3);
    expect(loaded?.config.endpoint).toBeUndefined();
    const shown = JSON.parse((await runCli(['config', '--json'], { cwd: dir })).stdout) as { settings: Record<string, { source: string }> };
    expect(shown.settings.pageId!.source).toBe('config');
  });

  it('every value as a flag: writes without prompting', async () => {
    const argv = [
      'init',
      '--page-id',
      '42',
      '--app-id',
      '7:CRM bot',
      '--app-id',
      '263902037430900:Page Inbox',
      '--endpoint',
      'http://127.0.0.1:3000/webhook',
      '--answer',
      'City?=Zürich',
    ];
    const r = await runCli(argv, { cwd: dir, stdin: pipeStdin() });
    expect(r.code, r.stderr).toBe(0);
    expect(readConfig()).toEqual({
      pageId: '42',
      appId: '7',
      appName: 'CRM bot',
      endpoint: 'http://127.0.0.1:3000/webhook',
      answers: [{ question: 'City?', answer: 'Zürich' }],
      apps: [
        { id: '7', name: 'CRM bot', webhookUrl: 'http://127.0.0.1:3000/webhook' },
        { id: '263902037430900', name: 'Page Inbox' },
      ],
    });
  });

  it('an existing file is not overwritten without --force; with --force it is, atomically (no temp file left)', async () => {
    writeFileSync(configPath(), '{"pageId": "1"}\n');
    const r = await runCli(['init', '--yes'], { cwd: dir, stdin: pipeStdin() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('lead-kit.config.json already exists — pass --force to overwrite it');
    expect(readFileSync(configPath(), 'utf8')).toBe('{"pageId": "1"}\n');
    const forced = await runCli(['init', '--yes', '--force'], { cwd: dir, stdin: pipeStdin() });
    expect(forced.code).toBe(0);
    expect(readConfig().pageId).toBe('542998526103632');
    expect(readdirSync(dir)).toEqual(['lead-kit.config.json']);
  });

  it('a bad --page-id is a usage error and nothing is written', async () => {
    const r = await runCli(['init', '--yes', '--page-id', 'my-page'], { cwd: dir, stdin: pipeStdin() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--page-id "my-page" is not a numeric id');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('lead-kit init on a terminal (stub prompter)', () => {
  it('asks only what the flags did not answer, then writes the answers', async () => {
    const asked: string[] = [];
    const replies = ['9001', 'Bot', '', 'https://example.com/hook'];
    const prompter: Prompter = {
      input: async (q) => {
        asked.push(q.message);
        const v = replies.shift() ?? '';
        if (q.validate) expect(q.validate(v)).toBe(true);
        return v;
      },
      confirm: async (q) => {
        asked.push(q.message);
        return true;
      },
    };
    const deps = createTestDeps({ cwd: dir, stdin: ttyStdin() });
    expect(await runInit({ pageId: '5', yes: false, force: false, config: 'lead-kit.config.json' }, deps, () => prompter)).toBe('ok');
    expect(asked.map((m) => m.split(' (')[0])).toEqual([
      'App id of your app',
      'A name for it',
      'Other apps connected to the Page, as id:name separated by commas',
      "Your app's webhook URL",
      'Use the sample lead-form answers',
      'Also write a starter lead-kit.test.json for `lead-kit test`',
    ]);
    expect(readConfig()).toMatchObject({ pageId: '5', appId: '9001', appName: 'Bot', endpoint: 'https://example.com/hook' });
    expect(JSON.parse(readFileSync(join(dir, 'lead-kit.test.json'), 'utf8'))).toMatchObject({
      app: { webhook: 'https://example.com/hook' },
    });
  });
});

// The built bin in a real pseudo-terminal (util-linux `script`), answering inquirer's prompts keystroke by keystroke.
const SCRIPT = '/usr/bin/script';
function inPty(args: string, steps: Array<[string, string]>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(SCRIPT, ['-qfec', `${process.execPath} ${BIN} ${args}`, '/dev/null'], {
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, TERM: 'dumb' },
    });
    let out = '';
    let next = 0;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      while (next < steps.length && out.includes(steps[next]![0])) {
        const keys = steps[next++]![1];
        setTimeout(() => child.stdin.write(keys), 30);
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

describe.skipIf(!existsSync(SCRIPT))('lead-kit init in a pseudo-terminal', () => {
  it('answers its prompts and writes the file', async () => {
    const r = await inPty('init', [
      ['Page id', '111222333\r'],
      ['App id of your app', '444555666\r'],
      ['A name for it', 'CRM bot\r'],
      ['Other apps', '263902037430900:Page Inbox\r'],
      ['webhook URL', 'http://127.0.0.1:3000/webhook\r'],
      ['sample lead-form answers', 'n\r'],
      ['Question 1', 'Which city?\r'],
      ['Answer to', 'Zürich\r'],
      ['Question 2', '\r'],
      ['starter lead-kit.test.json', 'y\r'],
    ]);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('wrote lead-kit.config.json');
    expect(r.out).toContain('wrote lead-kit.test.json');
    expect(readConfig()).toEqual({
      pageId: '111222333',
      appId: '444555666',
      appName: 'CRM bot',
      endpoint: 'http://127.0.0.1:3000/webhook',
      answers: [{ question: 'Which city?', answer: 'Zürich' }],
      apps: [
        { id: '444555666', name: 'CRM bot', webhookUrl: 'http://127.0.0.1:3000/webhook' },
        { id: '263902037430900', name: 'Page Inbox' },
      ],
    });
  });

  it('Ctrl-C at a prompt exits 130 and writes nothing', async () => {
    const r = await inPty('init', [['Page id', '\x03']]);
    expect(r.code).toBe(130);
    expect(r.out).toContain('nothing was written');
    expect(readdirSync(dir)).toEqual([]);
  });
});
