import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The dependency rule, checked by scanning every import (static, `import type` and dynamic `import()`):
//   cli → commands → domain → leaves
// Only the CLI entry touches the real process; logic writes through injected IO, and errors become exit codes in
// one place. A scan of `from '…'` paths is enough to keep it true.
const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
const posix = (p: string): string => p.split(sep).join('/');
const sources = files(SRC).map((p) => ({ path: posix(relative(SRC, p)), raw: readFileSync(p, 'utf8') }));
const code = sources.map((s) => ({ path: s.path, text: s.raw.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '') }));

/** Every relative import of every source file, as [importer, imported] paths relative to src/. */
const edges: Array<[string, string]> = code.flatMap((s) =>
  [...s.text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)'(\.{1,2}\/[^']+)'/gm)].map((m): [string, string] => [
    s.path,
    posix(relative(SRC, resolve(SRC, dirname(s.path), m[1]!))).replace(/\.js$/, '.ts'),
  ]),
);

/** The top-level folder (or file) of a path: `mock/routes.ts` → `mock`, `errors.ts` → `errors`. */
const top = (p: string): string => (p.includes('/') ? p.slice(0, p.indexOf('/')) : p.replace(/\.ts$/, ''));

/** Layers, highest first; a file may import its own folder or a lower layer. Every folder must be placed. */
const LAYERS: Record<string, number> = {
  cli: 3,
  commands: 2,
  ...Object.fromEntries(
    [
      'webhooks',
      'graph',
      'mock',
      'replay',
      'listen',
      'receiver',
      'template',
      'leads',
      'events',
      'verify',
      'config',
      'page',
      'flow',
      'suite',
    ].map((d) => [d, 1]),
  ),
  ...Object.fromEntries(['schemas', 'json', 'text', 'fs', 'net', 'io', 'errors', 'api-version'].map((d) => [d, 0])),
};

/** A command's unit: its files share its name (`commands/simulate.ts`, `simulate-run.ts`, `simulate-form.ts`); `commands/page/owner.ts` is `page/owner`. */
const commandOf = (p: string): string =>
  p
    .slice('commands/'.length)
    .replace(/\.ts$/, '')
    .replace(/^([^/]*\/)?([^-/]+)-.*$/, '$1$2');

/** Strongly connected components with more than one node (Tarjan): the import cycles. */
function cycles(nodes: Iterable<string>, next: (n: string) => Iterable<string>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of next(v)) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) found.push(scc.sort());
    }
  };
  for (const n of nodes) if (!idx.has(n)) visit(n);
  return found;
}

describe('architecture', () => {
  it('every folder of src/ has a layer', () => {
    expect([...new Set(sources.map((s) => top(s.path)))].filter((d) => LAYERS[d] === undefined)).toEqual([]);
  });

  it('imports go down the layers only: cli → commands → domain → leaves (nothing imports cli/)', () => {
    const upward = edges.filter(([from, to]) => top(from) !== top(to) && (LAYERS[top(to)] ?? 9) > (LAYERS[top(from)] ?? -1));
    expect(upward.map(([from, to]) => `${from} → ${to}`)).toEqual([]);
  });

  it('a command imports no other command: shared pieces live in commands/shared/', () => {
    const sideways = edges.filter(
      ([from, to]) =>
        from.startsWith('commands/') &&
        to.startsWith('commands/') &&
        !to.startsWith('commands/shared/') &&
        commandOf(from) !== commandOf(to),
    );
    expect(sideways.map(([from, to]) => `${from} → ${to}`)).toEqual([]);
  });

  it('no import cycle between folders', () => {
    const next = new Map<string, Set<string>>();
    for (const [from, to] of edges) if (top(from) !== top(to)) next.set(top(from), (next.get(top(from)) ?? new Set()).add(top(to)));
    expect(cycles(next.keys(), (n) => next.get(n) ?? [])).toEqual([]);
  });

  it('no import cycle between files', () => {
    const next = new Map<string, Set<string>>();
    for (const [from, to] of edges) next.set(from, (next.get(from) ?? new Set()).add(to));
    expect(cycles(next.keys(), (n) => next.get(n) ?? [])).toEqual([]);
  });

  it('every import points at a file that exists (the scan sees them all)', () => {
    const known = new Set(sources.map((s) => s.path));
    expect(edges.filter(([, to]) => !known.has(to) && !to.endsWith('.json')).map(([from, to]) => `${from} → ${to}`)).toEqual([]);
  });

  it('no process.exit anywhere: bin sets process.exitCode', () => {
    expect(code.filter((s) => /process\.exit\(/.test(s.text)).map((s) => s.path)).toEqual([]);
  });

  it('no console.* in src: commands write through deps.io', () => {
    expect(code.filter((s) => /\bconsole\./.test(s.text)).map((s) => s.path)).toEqual([]);
  });

  it('only src/cli/run.ts touches the global process', () => {
    // process.getBuiltinModule loads a Node module (src/io/lazy.ts): no state of the process is read or changed.
    const offenders = code.filter((s) => s.path !== 'cli/run.ts' && /\bprocess\.(?!getBuiltinModule\b)\w+/.test(s.text));
    expect(offenders.map((s) => s.path)).toEqual([]);
  });

  it('commander is only imported under src/cli', () => {
    const offenders = code.filter((s) => !s.path.startsWith('cli/') && /^import (?!type)[^;]*from 'commander'/m.test(s.text));
    expect(offenders.map((s) => s.path)).toEqual([]);
  });

  it('run functions get typed options: no flag re-parsing and no literal exit codes below src/cli', () => {
    const below = code.filter((s) => !s.path.startsWith('cli/'));
    expect(below.filter((s) => /\b(intFlag|choiceFlag)\b|Record<string, unknown>, deps/.test(s.text)).map((s) => s.path)).toEqual([]);
    expect(
      below
        .filter((s) => s.path.startsWith('commands/') && /\breturn (?:0|1|2|3|4|5|70|130);|startsWith\('no answer within/.test(s.text))
        .map((s) => s.path),
    ).toEqual([]);
  });

  it('comments cite Meta by URL, never a notes file outside this repository', () => {
    expect(sources.filter((s) => /platform-notes/.test(s.raw)).map((s) => s.path)).toEqual([]);
  });
});
