import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { checkJsonSchema } from '../template/json-schema-check.js';
import { EXAMPLE_APP_DIR } from './helpers.js';
import { readFileSync } from 'node:fs';

function suiteDir(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'lead-kit-suite-bad-'));
  writeFileSync(join(dir, 'lead-kit.test.json'), text);
  return dir;
}

describe('lead-kit test: a bad suite file (exit 2, file:line:col: $.path: what — how to fix)', () => {
  it('names every problem where it is, in file order, without starting anything', async () => {
    const text = `{
  "app": {
    "command": "node app.js",
    "webhook": "127.0.0.1:3000/webhook",
    "env": { "GRAPH_API_URL": "{graph_uri}" }
  },
  "cases": [
    { "name": "complete", "scenario": "complet", "expect": ["reply:twice"] },
    { "name": "defences", "verify": true, "shuffle": true },
    { "name": "typo", "expect_whithin_ms": 100 }
  ]
}
`;
    const r = await runCli(['test'], { cwd: suiteDir(text) });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr
      .replace(/^lead-kit: /, '')
      .trimEnd()
      .split('\n');
    expect(lines).toEqual([
      'lead-kit.test.json:4:16: $.app.webhook: app.webhook is the string "127.0.0.1:3000/webhook", not an absolute http(s) URL — e.g. "http://127.0.0.1:3000/webhook"',
      'lead-kit.test.json:5:31: $.app.env.GRAPH_API_URL: unknown placeholder {graph_uri} — use one of {graph_url}, {page_token}, {app_secret}, {verify_token}, {page_id}, {app_id}',
      'lead-kit.test.json:8:39: $.cases[0].scenario: "scenario" is the string "complet" — use one of complete, incomplete, disqualified, keyword-exit, no-app',
      'lead-kit.test.json:8:61: $.cases[0].expect[0]: "reply:twice" is not an expectation — use reply | reply:once | no-reply | pass | pass:<app-id> | release | no-send-during-flow | lead-event | status:<code> | fetched-lead | no-fetch-on-forged',
      'lead-kit.test.json:9:54: $.cases[1].shuffle: "shuffle" belongs to a flow case, not a "verify": true case — move it to a case of its own',
      'lead-kit.test.json:10:23: $.cases[2].expect_whithin_ms: unknown key "expect_whithin_ms" — did you mean "expect_within_ms"?',
    ]);
  });

  it('a syntax error and a missing key are located too', async () => {
    const broken = await runCli(['test'], { cwd: suiteDir('{\n  "app": { "command": "x", },\n  "cases": []\n}\n') });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^lead-kit: lead-kit\.test\.json:2:28: \$: invalid JSON: .+ — fix the JSON syntax/);
    const deep = await runCli(['test'], { cwd: suiteDir(`{"app": ${'['.repeat(200)}${']'.repeat(200)}}`) });
    expect(deep.code).toBe(2);
    expect(deep.stderr).toMatch(/^lead-kit: lead-kit\.test\.json:1:\d+: \$: JSON nested deeper than \d+ levels — remove the extra nesting/);
    expect(deep.stderr).not.toContain('invalid JSON');
    const missing = await runCli(['test', 'lead-kit.test.json'], {
      cwd: suiteDir('{\n  "app": { "command": "node app.js" },\n  "cases": []\n}\n'),
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      'lead-kit.test.json:2:10: $.app.webhook: app.webhook is missing — add it, e.g. "http://127.0.0.1:3000/webhook"',
    );
    expect(missing.stderr).toContain('lead-kit.test.json:3:12: $.cases: "cases" is empty — add at least one case');
  });

  it('no suite file: exit 2 and how to make one', async () => {
    const r = await runCli(['test'], { cwd: mkdtempSync(join(tmpdir(), 'lead-kit-nosuite-')) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'cannot read suite lead-kit.test.json: no such file — pass the suite file, or create one with `lead-kit init --test-suite`',
    );
  });

  it('bad flags: exit 2', async () => {
    expect((await runCli(['test', '--reporter', 'xml'])).code).toBe(2);
    const out = await runCli(['test', '--output', 'x.xml']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('--output writes a junit or tap report — add --reporter junit (or tap)');
    expect((await runCli(['test', '--json', '--reporter', 'junit'])).stderr).toContain('--json and --reporter junit both want stdout');
  });
});

describe('lead-kit test --schema', () => {
  it('prints the JSON Schema generated from the zod schema; the example suite and the starter pass it', async () => {
    const r = await runCli(['test', '--schema']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout) as {
      $schema: string;
      properties: Record<string, { properties?: Record<string, unknown> }>;
      required: string[];
    };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.required).toEqual(['app', 'cases']);
    expect(Object.keys(schema.properties.app!.properties!)).toEqual(['command', 'webhook', 'cwd', 'env', 'ready_url', 'ready_timeout_ms']);
    // propertyNames {"type": "string"} holds for every JSON object, and the independent checker does not know it
    const strip = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(strip)
        : v !== null && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .filter(([k]) => k !== 'propertyNames')
                .map(([k, x]) => [k, strip(x)]),
            )
          : v;
    expect(JSON.stringify(schema)).toContain('"propertyNames":{"type":"string"}');
    const checked = strip(schema) as Record<string, unknown>;
    const example = JSON.parse(readFileSync(join(EXAMPLE_APP_DIR, 'lead-kit.test.json'), 'utf8')) as Record<string, unknown>;
    expect(checkJsonSchema(checked, example)).toEqual([]);
    expect(checkJsonSchema(checked, { ...example, cases: [{ name: 'x', shufle: true }] })).not.toEqual([]);
    expect(checkJsonSchema(checked, { ...example, app: { command: 'node app.js' } })).not.toEqual([]);
  });
});
