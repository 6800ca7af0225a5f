import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readmeExamples, splitComment, type Example } from './readme/examples.js';
import { Sandbox, SECRETS, servedPort } from './readme/sandbox.js';

/**
 * Every command example in README.md runs here, as a reader would run it: in a project folder holding the
 * sample files the README names (test/readme/files), with `npx lead-kit` being this build, one terminal per
 * `sh` block, the README's fixed ports (4010, 3000, …) mapped to free ones. An example passes when it exits
 * with the code the README documents (0 unless its comment says `exits N`), prints no stack trace and no
 * secret, and, with `--json`, prints JSON (one document, or NDJSON for the streaming commands).
 */
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const examples = readmeExamples(readme);
const blocks = [...new Set(examples.map((e) => e.block))].map((b) => examples.filter((e) => e.block === b));

describe('README examples', () => {
  let box: Sandbox;
  beforeAll(() => {
    box = new Sandbox();
  });
  afterAll(async () => {
    await box.close();
  });

  it('has examples, and every one that is not run says why', () => {
    expect(examples.length).toBeGreaterThan(30);
    const skipped = examples.filter((e) => e.skip);
    for (const e of skipped) expect(e.skip, `README:${e.line}`).toMatch(/\S/);
    // Most of the README must run: a skip marker is for what needs Meta, a terminal or npm itself.
    expect(skipped.length).toBeLessThan(examples.length / 4);
  });

  for (const block of blocks) {
    const title = `sh block ${block[0]!.block} (README:${block[0]!.line})`;
    describe(title, () => {
      beforeAll(async () => {
        await box.beginBlock(block);
      }, 60_000);
      afterAll(async () => {
        await box.endBlock();
      }, 30_000);
      for (const ex of block) {
        const name = `README:${ex.line} ${ex.command}`;
        if (ex.skip) {
          it.skip(`${name} — not run: ${ex.skip}`, () => undefined);
          continue;
        }
        it(
          name,
          async (ctx) => {
            if (/\bjq\b/.test(ex.command) && !(await hasJq())) return ctx.skip(); // jq is the reader's tool, not lead-kit's
            const r = await box.run(ex);
            const where = `README:${ex.line}\n$ ${r.command}\n--- stdout\n${r.stdout.slice(0, 3000)}\n--- stderr\n${r.stderr.slice(0, 3000)}`;
            expect(r.code, where).toBe(expectedExit(ex));
            expect(r.stderr, where).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
            expect(r.stderr, where).not.toMatch(/internal error/);
            for (const secret of [SECRETS.APP_SECRET, SECRETS.VERIFY_TOKEN]) expect(r.stdout + r.stderr, where).not.toContain(secret);
            if (printsJson(r.command)) assertJson(r.stdout, where);
          },
          60_000,
        );
      }
    });
  }
});

describe('README example extraction', () => {
  it('joins continuations, keeps quoted #, reads markers', () => {
    const md = ['```sh', 'lead-kit a "x # y" \\', '  --b 1   # exits 1 when …', 'lead-kit c &', 'lead-kit d  # needs Meta', '```'].join(
      '\n',
    );
    const got = readmeExamples(md);
    expect(got.map((e: Example) => [e.command, e.expectExit, e.background, Boolean(e.skip)])).toEqual([
      ['lead-kit a "x # y" --b 1', 1, false, false],
      ['lead-kit c', 0, true, false],
      ['lead-kit d', 0, false, true],
    ]);
    expect(splitComment("echo '#not' # yes")).toEqual({ command: "echo '#not'", comment: 'yes' });
    expect(servedPort('npx lead-kit mock --port 9')).toBe(9);
    expect(servedPort('lead-kit simulate --mock')).toBe(4010);
  });

  it('skips examples that would leave 127.0.0.1', () => {
    const got = readmeExamples('```sh\nlead-kit verify https://dev.example.com/webhook\n```');
    expect(got[0]!.skip).toMatch(/beyond 127\.0\.0\.1/);
  });
});

/** A server example is stopped with Ctrl-C once ready: the contract for an interrupted command is 130. */
function expectedExit(ex: Example): number {
  const server = !ex.background && /\blead-kit (mock|listen)\b/.test(ex.command) && !/--help/.test(ex.command);
  return server ? 130 : ex.expectExit;
}

function printsJson(command: string): boolean {
  const last = command.split('|').at(-1)!;
  return /\s--json\b/.test(last) && !/>/.test(last) && /\blead-kit\b/.test(last);
}

function assertJson(stdout: string, where: string): void {
  try {
    JSON.parse(stdout);
  } catch {
    const lines = stdout.split('\n').filter((l) => l.trim() !== '');
    expect(lines.length, where).toBeGreaterThan(0);
    for (const l of lines) expect(() => JSON.parse(l), `${where}\nnot JSON: ${l}`).not.toThrow();
  }
}

let jq: Promise<boolean> | undefined;
function hasJq(): Promise<boolean> {
  jq ??= import('node:child_process').then(({ spawnSync }) => spawnSync('jq', ['--version']).status === 0);
  return jq;
}
