import { Help, type Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { createProgram } from '../../src/cli/program.js';
import { SUMMARIES } from '../../src/cli/commands/summaries.js';
import { createTestDeps } from '../helpers/deps.js';

// Every command's and sub-command's --help: examples, and every default in one style.
const program = await createProgram({ deps: createTestDeps(), outcome: 'ok' });
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

describe('lead-kit --help lists the commands without loading their wiring', () => {
  it('lists each command with the term and description its wiring gives it', () => {
    const real = program.commands.filter((c) => c.name() !== 'help');
    expect(SUMMARIES.map((s) => s.name)).toEqual(real.map((c) => c.name()));
    for (const cmd of real) {
      const listed = SUMMARIES.find((s) => s.name === cmd.name())!;
      expect({ term: listed.term, description: listed.description }).toEqual({
        term: new Help().subcommandTerm(cmd),
        description: cmd.description(),
      });
    }
  });

  it('prints the same help as the fully wired program', async () => {
    const deps = createTestDeps();
    expect(await main(['--help'], deps)).toBe(0);
    const wiredDeps = createTestDeps();
    (await createProgram({ deps: wiredDeps, outcome: 'ok' })).outputHelp();
    expect(deps.io.stdout()).toBe(wiredDeps.io.stdout());
    expect(deps.io.stdout()).toContain('  simulate [options] [scenario]  run a whole lead-ad flow');
  });

  it('wires only the command it runs, and still suggests the others', async () => {
    const only = await createProgram({ deps: createTestDeps(), outcome: 'ok' }, undefined, ['simulate', '--help']);
    const wired = only.commands.filter((c) => c.options.length > 0).map((c) => c.name());
    expect(wired).toEqual(['simulate']);
    const deps = createTestDeps();
    expect(await main(['simulat'], deps)).toBe(2);
    expect(deps.io.stderr()).toContain('(Did you mean simulate?)');
  });
});
