import { Help, type Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { createProgram } from '../../src/cli/program.js';
import { SUMMARIES } from '../../src/cli/commands/summaries.js';
import { boxWrap, displayWidth, optionDescription } from '../../src/cli/help.js';
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
    expect(only.commands.map((c) => c.name())).toEqual(['simulate', 'help']);
    const helped = await createProgram({ deps: createTestDeps(), outcome: 'ok' }, undefined, ['help', 'page', 'status']);
    expect(helped.commands.map((c) => c.name())).toEqual(['page', 'help']);
    const deps = createTestDeps();
    expect(await main(['simulat'], deps)).toBe(2);
    expect(deps.io.stderr()).toContain('(Did you mean simulate?)');
  });
});

describe('help text wrapping', () => {
  const stock = new Help();
  const ours = new Help();
  Object.assign(ours, { boxWrap, displayWidth });

  it('wraps every description of every command exactly as commander does, at any width', async () => {
    const texts: string[] = [];
    const walk = (cmd: Command): void => {
      texts.push(cmd.description(), stock.formatHelp(cmd, stock));
      for (const o of cmd.options) texts.push(optionDescription(o));
      cmd.commands.forEach(walk);
    };
    walk(program);
    for (const width of [40, 47, 60, 80, 113, 200])
      for (const text of texts) expect(ours.boxWrap(text, width), `${width}: ${text}`).toBe(stock.boxWrap(text, width));
  });

  it('matches commander on awkward whitespace: tabs, CRLF, non-breaking and unicode spaces, long words, blank lines', () => {
    const pieces = [
      'word',
      'a',
      'supercalifragilisticexpialidocious-and-longer',
      ' ',
      '  ',
      '\t',
      '\n',
      '\r\n',
      '\r',
      '\u00a0',
      '\u2003',
      'Zürich',
      '—',
      '',
    ];
    let seed = 7;
    const rand = (n: number): number => (seed = (seed * 48271) % 2147483647) % n;
    for (let t = 0; t < 2000; t++) {
      let text = '';
      for (let k = rand(30); k > 0; k--) text += pieces[rand(pieces.length)];
      const width = 40 + rand(40);
      expect(ours.boxWrap(text, width), JSON.stringify(text)).toBe(stock.boxWrap(text, width));
      expect(ours.displayWidth(text)).toBe(stock.displayWidth(text));
    }
    expect(ours.boxWrap('\x1b[31mred\x1b[39m words', 40)).toBe(stock.boxWrap('\x1b[31mred\x1b[39m words', 40));
  });
});
