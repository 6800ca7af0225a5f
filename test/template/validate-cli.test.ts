import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SEED = 'fixtures/templates/valid/seed-001-button.json';
const BAD = 'fixtures/templates/invalid/expiration-8.json';
const WARN = 'fixtures/templates/invalid/button-unknown-key.json';
const cli = (argv: string[], over: Parameters<typeof runCli>[1] = {}) => runCli(argv, { cwd: ROOT, ...over });
const stdin = (text: string) => Object.assign(Readable.from([Buffer.from(text)]), { isTTY: false });

describe('lead-kit template validate', () => {
  it("passes the seed's template (exit 0) and says so", async () => {
    const r = await cli(['template', 'validate', SEED]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`✓ ${SEED}`);
    expect(r.stdout).toMatch(/✓ 1 template valid/);
  });

  it('prints file:line:column, the JSON path, what is wrong and the fix; exit 1', async () => {
    const r = await cli(['template', 'validate', BAD]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `${BAD}:23:41: error: $.message.receiving_app_control_expiration: "receiving_app_control_expiration" is 8 (above 7): Meta will silently use 1 day instead of 8 days — set a whole number of days from 1 to 7`,
    );
    expect(r.stdout.trim().split('\n').at(-1)).toMatch(/✗ 1 of 1 template invalid \(1 error/);
  });

  it('several files in one run, one summary line at the end', async () => {
    const r = await cli(['template', 'validate', SEED, BAD, 'fixtures/templates/valid/generic-carousel.json']);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines.filter((l) => /^[✓✗] fixtures/.test(l))).toHaveLength(3);
    expect(lines.at(-1)).toMatch(/^✗ 1 of 3 templates invalid/);
  });

  it('reads stdin for -', async () => {
    const r = await cli(['template', 'validate', '-'], {
      stdin: stdin('{"message": {"text": "Hi", "receiving_app_id": 1, "receiving_app_control_expiration": 0}}'),
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('<stdin>:1:87: error: $.message.receiving_app_control_expiration');
  });

  it('--json prints {files: [{file, ok, problems: [{severity, path, line, column, message}]}]} and nothing else', async () => {
    const r = await cli(['template', 'validate', SEED, BAD, '--json']);
    const doc = JSON.parse(r.stdout) as { files: Array<{ file: string; ok: boolean; problems: Array<Record<string, unknown>> }> };
    expect(Object.keys(doc)).toEqual(['files']);
    expect(doc.files.map((f) => [f.file, f.ok])).toEqual([
      [SEED, true],
      [BAD, false],
    ]);
    const err = doc.files[1]!.problems.find((p) => p.severity === 'error')!;
    expect(Object.keys(err).sort()).toEqual(['column', 'line', 'message', 'path', 'severity']);
    expect(err).toMatchObject({ path: '$.message.receiving_app_control_expiration', line: 23, column: 41 });
    expect(r.code).toBe(1);
  });

  it('warnings pass (exit 0) unless --strict (exit 1)', async () => {
    expect((await cli(['template', 'validate', WARN])).code).toBe(0);
    const strict = await cli(['template', 'validate', WARN, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('--strict: warnings fail');
  });

  it('a file that cannot be read is exit 2 with one line on stderr, and the other files are still checked', async () => {
    const r = await cli(['template', 'validate', 'no/such/file.json', BAD]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('lead-kit: cannot read no/such/file.json: no such file — check the path\n');
    expect(r.stdout).not.toContain('no/such/file.json');
    expect(r.stdout).toContain(`${BAD}:23:41: error`);
    const json = await cli(['template', 'validate', 'no/such/file.json', BAD, '--json']);
    expect(JSON.parse(json.stderr)).toEqual({
      error: { code: 'INPUT', message: 'cannot read no/such/file.json: no such file — check the path' },
    });
    expect(JSON.parse(json.stdout).files.map((f: { file: string }) => f.file)).toEqual([BAD]);
  });

  it('invalid JSON is a template error (exit 1) at the line and column of the syntax error', async () => {
    const r = await cli(['template', 'validate', 'fixtures/templates/invalid/syntax-trailing-comma.json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('syntax-trailing-comma.json:6:3: error: invalid JSON: trailing comma before }');
  });

  it('--lenient-strings makes "4" a warning (exit 0)', async () => {
    const f = 'fixtures/templates/invalid/expiration-string-4.json';
    expect((await cli(['template', 'validate', f])).code).toBe(1);
    expect((await cli(['template', 'validate', f, '--lenient-strings'])).code).toBe(0);
  });

  it('template example prints valid templates; an unknown one is a usage error', async () => {
    for (const kind of ['button', 'generic']) {
      const ex = await cli(['template', 'example', kind]);
      expect(ex.code).toBe(0);
      const r = await cli(['template', 'validate', '-', '--strict'], { stdin: stdin(ex.stdout) });
      expect(r.code, r.stdout).toBe(0);
    }
    const bad = await cli(['template', 'example', 'carousel']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('use one of button, generic');
  });
});

describe('receiving_app_id is an app connected to the Page', () => {
  const TOKEN = 'EAAtest-page-token-0123456789';
  let server: Server;
  let graphUrl: string;
  const requests: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      const url = new URL(req.url ?? '/', 'http://x');
      res.setHeader('content-type', 'application/json');
      if (url.searchParams.get('access_token') !== TOKEN) {
        res.statusCode = 400;
        res.end(JSON.stringify({ error: { message: 'Invalid OAuth access token.', type: 'OAuthException', code: 190, fbtrace_id: 'x' } }));
        return;
      }
      if (url.pathname === '/v26.0/542998526103632/subscribed_apps') {
        res.end(
          JSON.stringify({
            data: [
              { id: '1278416343931139', name: 'CRM bot', subscribed_fields: ['messages'] },
              { id: '263902037430900', name: 'Page Inbox' },
            ],
          }),
        );
        return;
      }
      res.end(JSON.stringify({ data: [{ id: '999', name: 'Some other app' }] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    graphUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('asks GET /{page-id}/subscribed_apps and passes a connected app', async () => {
    const r = await cli(['template', 'validate', SEED, '--page-id', '542998526103632', '--graph-url', graphUrl], {
      env: { LEAD_KIT_PAGE_TOKEN: TOKEN },
    });
    expect(r.code).toBe(0);
    expect(requests.at(-1)).toMatch(/^\/v26\.0\/542998526103632\/subscribed_apps\?/);
    expect(r.stdout).not.toContain('cannot check');
  });

  it('an app the Page does not have is an error naming the apps it has', async () => {
    const r = await cli(['template', 'validate', SEED, '--page-id', '111', '--graph-url', graphUrl, '--token', TOKEN, '--debug']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('error: $.message.receiving_app_id: app 1278416343931139 is not connected to Page 111');
    expect(r.stdout).toContain('Some other app (999)');
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });

  it('a token Graph rejects is an auth error (exit 4), the token never printed', async () => {
    const r = await cli(['template', 'validate', SEED, '--page-id', '111', '--graph-url', graphUrl, '--token', 'EAAwrong-token-000']);
    expect(r.code).toBe(4);
    expect(r.stdout + r.stderr).not.toContain('EAAwrong-token-000');
  });

  it("against lead-kit's own mock Graph API: the demo Page's connected app passes, the seed's app does not", async () => {
    const { startMockGraph } = await import('../../src/mock/server.js');
    const { DEMO } = await import('../../src/mock/demo.js');
    const mock = await startMockGraph();
    try {
      const ours = JSON.stringify({ message: { text: 'Hi', receiving_app_id: Number(DEMO.appId), receiving_app_control_expiration: 7 } });
      const env = { LEAD_KIT_GRAPH_URL: mock.url, LEAD_KIT_PAGE_TOKEN: DEMO.token, LEAD_KIT_PAGE_ID: DEMO.pageId };
      const ok = await cli(['template', 'validate', '-', '--strict'], { env, stdin: stdin(ours) });
      expect(ok.code, ok.stdout + ok.stderr).toBe(0);
      const seed = await cli(['template', 'validate', SEED], { env });
      expect(seed.code).toBe(1);
      expect(seed.stdout).toContain(`app 1278416343931139 is not connected to Page ${DEMO.pageId}`);
      expect(seed.stdout + seed.stderr).not.toContain(DEMO.token);
    } finally {
      await mock.close();
    }
  });

  it('without a token it is a note; with the config apps list, a warning when the app is not in it', async () => {
    const none = await cli(['template', 'validate', SEED, '--page-id', '111']);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain(
      'note: $.message.receiving_app_id: cannot check that app 1278416343931139 is connected to the Page (no token)',
    );
    const cfg = await cli(['template', 'validate', SEED, '--config', 'test/template/data/config-with-apps.json']);
    expect(cfg.code).toBe(0);
    expect(cfg.stdout).toContain(
      'warning: $.message.receiving_app_id: app 1278416343931139 is not among the connected apps in lead-kit.config.json (CRM bot (2262510160704936))',
    );
  });
});
