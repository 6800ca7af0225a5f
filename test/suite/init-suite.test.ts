import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { freePort } from '../helpers/ports.js';
import { EXAMPLE_APP_DIR } from './helpers.js';

describe('lead-kit init --test-suite', () => {
  it('without a terminal writes only the starter suite, which the example app passes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lead-kit-init-suite-'));
    const r = await runCli(['init', '--test-suite'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('wrote lead-kit.test.json — edit app.command, then run: lead-kit test\n');
    const again = await runCli(['init', '--test-suite'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('lead-kit.test.json already exists — pass --force to overwrite it');
    // Point the starter at the example app on a free port, as a user edits app.command.
    const suite = JSON.parse(readFileSync(join(dir, 'lead-kit.test.json'), 'utf8')) as {
      app: Record<string, unknown> & { env: Record<string, string> };
      cases: unknown[];
    };
    expect(suite.cases).toHaveLength(4);
    const port = await freePort();
    suite.app.cwd = EXAMPLE_APP_DIR;
    suite.app.webhook = `http://127.0.0.1:${port}/webhook`;
    suite.app.env.PORT = String(port);
    writeFileSync(join(dir, 'lead-kit.test.json'), JSON.stringify(suite));
    const run = await runCli(['test'], { cwd: dir, env: { PATH: process.env.PATH, HOME: process.env.HOME } });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('4 passed, 0 failed');
  });
});
