import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { createProgram } from '../../src/cli/program.js';
import { createTestDeps } from '../helpers/deps.js';

// Every command's and sub-command's --help: examples, and every default in one style.
const program = createProgram({ deps: createTestDeps(), outcome: 'ok' });
const paths = (cmd: Command, prefix: string[] = []): string[][] =>
  cmd.commands.filter((c) => c.name() !== 'help').flatMap((c) => [[...prefix, c.name()], ...paths(c, [...prefix, c.name()])]);

describe('--help of every command and sub-command', () => {
  it.each(paths(program).map((p) => [p.join(' '), p] as const))('%s', async (_name, path) => {
    const deps = createTestDeps();
    expect(await main([...path, '--help'], deps)).toBe(0);
    const help = deps.io.stdout();
    expect(help).toContain(`Usage: lead-kit ${path.join(' ')}`);
    // at least one example, each a runnable lead-kit command line
    expect(help).toMatch(/\nExamples:\n {2}\$ (\S+=\S+ )?lead-kit /);
    // defaults in one style only: "(… default: x …)", never commander's quoted `(default: "x")` or free text
    expect(help).not.toMatch(/default: "/);
    expect(help).not.toMatch(/\(default [^:]/);
    // a choice list in the same style
    expect(help).not.toMatch(/choices: "/);
  });

  it('shows a default for every option that has one, and the environment variable it reads', async () => {
    const deps = createTestDeps();
    await main(['simulate', '--help'], deps);
    const help = deps.io.stdout().replace(/\s+/g, ' ');
    expect(help).toContain("--timeout <ms> a delivery must be answered within this many ms (Meta's limit: 5000) (default: 5000)");
    expect(help).toContain("--endpoint <url> your app's webhook URL (default: an embedded receiver)");
    expect(help).toContain('--api-version <version> Facebook-API-Version header (default: v26.0)');
    expect(help).toContain('--app-secret <secret> app secret: signs the deliveries; never printed (env: LEAD_KIT_APP_SECRET)');
    expect(help).toContain('--body-encoding <encoding>');
    expect(help).toMatch(/\(one of: meta, meta-html, utf8; default: meta\)/);
    expect(help).toContain(
      'scenario the lead flow (one of: complete, incomplete, disqualified, keyword-exit, no-app, form, form-organic, form-batch, form-forged; default: complete)',
    );
  });
});
