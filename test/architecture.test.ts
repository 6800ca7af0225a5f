import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The dependency rule of style.md §4: only the CLI entry touches the real process; logic writes through
// injected IO, and errors become exit codes in one place. A grep is enough to keep it true.
const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
const sources = files(SRC).map((p) => ({ path: relative(SRC, p), text: readFileSync(p, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '') }));

describe('architecture', () => {
  it('no process.exit anywhere: bin sets process.exitCode', () => {
    expect(sources.filter((s) => /process\.exit\(/.test(s.text)).map((s) => s.path)).toEqual([]);
  });

  it('no console.* in src: commands write through deps.io', () => {
    expect(sources.filter((s) => /\bconsole\./.test(s.text)).map((s) => s.path)).toEqual([]);
  });

  it('only src/cli/run.ts touches the global process', () => {
    const offenders = sources.filter((s) => s.path !== join('cli', 'run.ts') && /\bprocess\.\w+/.test(s.text));
    expect(offenders.map((s) => s.path)).toEqual([]);
  });

  it('commander is only imported under src/cli', () => {
    const offenders = sources.filter((s) => !s.path.startsWith('cli') && /^import (?!type)[^;]*from 'commander'/m.test(s.text));
    expect(offenders.map((s) => s.path)).toEqual([]);
  });
});
