import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJsonFast } from '../../src/json/fast.js';
import { JsonSyntaxError, MAX_JSON_DEPTH, parseJsonWithPositions } from '../../src/json/locate.js';
import { parseLenientJson } from '../../src/mock/lenient-json.js';
import { runBin } from '../helpers/bin.js';

// Hostile files nested far deeper than any real lead-kit file: every file parser must refuse them with exit 2,
// file:line:column and a fix, never crash (exit 70, "Maximum call stack size exceeded").
const arrays = (n: number): string => `{"x":${'['.repeat(n)}${']'.repeat(n)}}`;
const objects = (n: number): string => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
const SHAPES = [
  ['arrays', arrays],
  ['objects', objects],
] as const;
const DEPTHS = [2_000, 6_000, 100_000];
// the bracket that goes one level too deep: arrays open at column 6, objects every 5 columns
const column = (shape: string): number => (shape === 'arrays' ? 5 + MAX_JSON_DEPTH : 5 * MAX_JSON_DEPTH + 1);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lead-kit-deep-'));
  for (const [shape, make] of SHAPES) for (const n of DEPTHS) writeFileSync(join(dir, `${shape}-${n}.json`), make(n));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const expectRefused = (r: { code: number | null; stderr: string }, where: RegExp): void => {
  expect(r.stderr).not.toMatch(/internal error|Maximum call stack|RangeError|    at /);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(where);
  expect(r.stderr).toMatch(new RegExp(`nested deeper than ${MAX_JSON_DEPTH} levels`));
};

describe('parseJsonWithPositions refuses deep nesting with a position', () => {
  it.each(SHAPES.flatMap(([shape, make]) => DEPTHS.map((n) => [shape, n, make] as const)))('%s nested %i deep', (shape, n, make) => {
    let caught: unknown;
    try {
      parseJsonWithPositions(make(n));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(JsonSyntaxError);
    expect((caught as JsonSyntaxError).position).toMatchObject({ line: 1, column: column(shape) });
  });

  it.each(DEPTHS)('the fast parser (JSON.parse first) refuses %i levels at the same place', (n) => {
    for (const [shape, make] of SHAPES) {
      expect(() => parseJsonFast(make(n))).toThrow(JsonSyntaxError);
      try {
        parseJsonFast(make(n));
      } catch (err) {
        expect((err as JsonSyntaxError).kind).toBe('depth');
        expect((err as JsonSyntaxError).position).toMatchObject({ line: 1, column: column(shape) });
      }
    }
  });

  it.each(DEPTHS)("the mock's lenient form-value parser stops %i levels with a SyntaxError, not a stack overflow", (n) => {
    for (const [, make] of SHAPES) expect(() => parseLenientJson(make(n))).toThrow(/nesting too deep/);
  });

  it(`still parses ${MAX_JSON_DEPTH} levels`, () => {
    expect(parseJsonWithPositions(arrays(MAX_JSON_DEPTH - 1)).value).toEqual(JSON.parse(arrays(MAX_JSON_DEPTH - 1)));
    expect(parseJsonWithPositions(objects(MAX_JSON_DEPTH)).value).toEqual(JSON.parse(objects(MAX_JSON_DEPTH)));
    expect(parseJsonFast(objects(MAX_JSON_DEPTH)).value).toEqual(JSON.parse(objects(MAX_JSON_DEPTH)));
  });
});

describe.each(SHAPES.map(([shape]) => shape))('every file parser refuses %s nested deep (exit 2, file:line:col, no crash)', (shape) => {
  it.each(DEPTHS)('lead-kit.config.json %i deep breaks no command', async (n) => {
    const cwd = join(dir, `cwd-${shape}-${n}`);
    rmSync(cwd, { recursive: true, force: true });
    const { mkdirSync, copyFileSync } = await import('node:fs');
    mkdirSync(cwd);
    copyFileSync(join(dir, `${shape}-${n}.json`), join(cwd, 'lead-kit.config.json'));
    for (const args of [['config'], ['template', 'validate', join(process.cwd(), 'fixtures/templates/valid/seed-001-button.json')]]) {
      const r = await runBin(args, { cwd, timeoutMs: 30_000 });
      expectRefused(r, new RegExp(`^lead-kit: lead-kit\\.config\\.json:1:${column(shape)}: `));
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it.each(DEPTHS)('template validate on a file %i deep', async (n) => {
    const file = join(dir, `${shape}-${n}.json`);
    const r = await runBin(['template', 'validate', file], { timeoutMs: 30_000 });
    expect(r.stderr).not.toMatch(/internal error|Maximum call stack|RangeError/);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(`${file}:1:${column(shape)}: error: JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
  });

  it.each(DEPTHS)('--answers file %i deep', async (n) => {
    const file = join(dir, `${shape}-${n}.json`);
    const r = await runBin(['webhook', 'referral', '--answers', file], { timeoutMs: 30_000 });
    expectRefused(r, new RegExp(`^lead-kit: ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:1:${column(shape)}: `));
  });

  it.each(DEPTHS)('mock --config file %i deep', async (n) => {
    const file = join(dir, `${shape}-${n}.json`);
    const r = await runBin(['mock', '--port', '0', '--config', file], { timeoutMs: 30_000 });
    expectRefused(r, new RegExp(`^lead-kit: ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:1:${column(shape)}: `));
  });
});
