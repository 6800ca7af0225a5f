import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// The compile cache of the bin (dist/bundle/compile-cache.cjs, built from src/cli/compile-cache.ts), in a child
// process of its own: it hooks Node's CommonJS loader, which must not happen inside the test runner.
const HOOK = fileURLToPath(new URL('../../dist/bundle/compile-cache.cjs', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'lead-kit-compile-cache-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

writeFileSync(join(work, 'plain.cjs'), 'module.exports = (n) => `plain ${n * 2}`;\n');
// Node 20 loses import()'s callback in a script restored from cached data: such a file must never be cached.
writeFileSync(join(work, 'dynamic.cjs'), "module.exports = () => import('node:path').then((p) => `dynamic ${p.sep}`);\n");
// Wrapped in its own module function and calling it, as lead-kit's bundle files are (rolldown.config.js).
writeFileSync(
  join(work, 'wrapped.cjs'),
  '(function(exports, require, module, __filename, __dirname) {\n' +
    `/* ${'x'.repeat(100_000)} */\n` + // as big as lead-kit's largest bundle file (and under V8's large-object size)
    'module.exports = (n) => `wrapped ${n + 1} ${typeof require}`;\n}).call(this, exports, require, module, __filename, __dirname);\n\n//# sourceMappingURL=wrapped.cjs.map\n',
);
const main = join(work, 'main.cjs');
writeFileSync(
  main,
  `require(${JSON.stringify(HOOK)}).enableCompileCache(process.argv[2], process, module);
   const plain = require('./plain.cjs');
   require('./dynamic.cjs')().then((d) => process.stdout.write(plain(21) + ' ' + d));`,
);

// A run that sets a V8 flag half-way, as replay does (through src/io/v8-flags.ts), then loads one more file.
writeFileSync(join(work, 'late.cjs'), 'module.exports = () => `late`;\n');
const FLAGS = new URL('../../dist/io/v8-flags.js', import.meta.url).href;
const flagged = join(work, 'flagged.cjs');
writeFileSync(
  flagged,
  `require(${JSON.stringify(HOOK)}).enableCompileCache(process.argv[2], process, module);
   const plain = require('./plain.cjs');
   import(${JSON.stringify(FLAGS)}).then(({ setV8Flag }) => {
     setV8Flag('--liftoff-only');
     process.stdout.write(plain(21) + ' ' + require('./late.cjs')());
   });`,
);

function run(cacheDir: string, env: Record<string, string> = {}, entry = main): { out: string; err: string; code: number | null } {
  const r = spawnSync(process.execPath, [entry, cacheDir], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8' });
  return { out: r.stdout, err: r.stderr, code: r.status };
}

/** The cache file of plain.cjs in `dir`; its first byte counts the runs that wrote it. */
const cachedPlain = (dir: string): string =>
  join(
    dir,
    readdirSync(dir).find((f) => f.includes('plain.cjs'))!,
  );

describe('compile cache', () => {
  it('caches a bundle file that wraps itself, and runs it the same with and without the cache', () => {
    const entry = join(work, 'wrapped-main.cjs');
    writeFileSync(
      entry,
      `require(${JSON.stringify(HOOK)}).enableCompileCache(process.argv[2], process, module);
       const young = () => require('node:v8').getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_used_size;
       const before = young();
       const wrapped = require('./wrapped.cjs');
       process.stderr.write(String(young() - before));
       process.stdout.write(wrapped(41) + ' ' + (this === module.exports));`,
    );
    const dir = join(work, 'cache-wrapped');
    for (let i = 0; i < 3; i++) {
      const r = run(dir, {}, entry);
      expect(r).toMatchObject({ out: 'wrapped 42 function true', code: 0 });
      // The file's 100 kB of text is compiled where it lies (≈200 kB of young heap for the whole require here),
      // not copied again into a wrapper (≈370 kB): that copy is what set off a collection in `simulate --help`.
      expect(Number(r.err)).toBeLessThan(280_000);
    }
    expect(
      readFileSync(
        join(
          dir,
          readdirSync(dir).find((f) => f.includes('wrapped.cjs'))!,
        ),
      )[0],
    ).toBe(3);
    expect(run(join(work, 'cache-wrapped-off'), { NODE_DISABLE_COMPILE_CACHE: '1' }, entry).out).toBe('wrapped 42 function true');
  });

  it("every file of lead-kit's bundle is wrapped that way (or the cache would copy its text, see rolldown.config.js)", () => {
    const bundle = fileURLToPath(new URL('../../dist/bundle/', import.meta.url));
    const files = readdirSync(bundle).filter((f) => f.endsWith('.cjs'));
    expect(files.length).toBeGreaterThan(10);
    const unwrapped = files.filter((f) => {
      const text = readFileSync(join(bundle, f), 'utf8');
      return (
        !text.startsWith('(function(exports, require, module, __filename, __dirname) {') ||
        !text.includes('\n}).call(this, exports, require, module, __filename, __dirname);\n')
      );
    });
    expect(unwrapped).toEqual([]);
  });

  it('caches a CommonJS file on the first run and runs from the cache on the next, import() included', () => {
    const dir = join(work, 'cache');
    const first = run(dir);
    expect(first).toEqual({ out: 'plain 42 dynamic /', err: '', code: 0 });
    const files = readdirSync(dir);
    expect(files.some((f) => f.includes('plain.cjs'))).toBe(true);
    expect(files.some((f) => f.includes('dynamic.cjs'))).toBe(false);
    expect(run(dir)).toEqual({ out: 'plain 42 dynamic /', err: '', code: 0 });
  });

  it('writes the cache again on its first three runs (each adds what it compiled), then only reads it', () => {
    const dir = join(work, 'cache-generations');
    const seen: number[] = [];
    for (let i = 0; i < 5; i++) {
      expect(run(dir).out).toBe('plain 42 dynamic /');
      seen.push(readFileSync(cachedPlain(dir))[0]!);
    }
    expect(seen).toEqual([1, 2, 3, 3, 3]);
    const before = statSync(cachedPlain(dir)).mtimeMs;
    run(dir);
    expect(statSync(cachedPlain(dir)).mtimeMs).toBe(before);
  });

  it('in a run that changes V8 flags, writes the cache before the change, so the next run can use it', () => {
    // V8 rejects code cached under other flags, and a flag set at run time changes them for the rest of the run:
    // written at exit, the cache would be rejected by every next run (which starts with the usual flags).
    const dir = join(work, 'cache-flags');
    const seen: number[] = [];
    for (let i = 0; i < 4; i++) {
      expect(run(dir, {}, flagged)).toEqual({ out: 'plain 42 late', err: '', code: 0 });
      seen.push(readFileSync(cachedPlain(dir))[0]!);
    }
    expect(seen).toEqual([1, 2, 3, 3]);
    // compiled after the change: not cached at all
    expect(readdirSync(dir).some((f) => f.includes('late.cjs'))).toBe(false);
  });

  it('misses after the file changes, and runs the new code', () => {
    const dir = join(work, 'cache-change');
    run(dir);
    writeFileSync(join(work, 'plain.cjs'), 'module.exports = (n) => `fresh ${n * 3}`;\n');
    try {
      expect(run(dir).out).toBe('fresh 63 dynamic /');
    } finally {
      writeFileSync(join(work, 'plain.cjs'), 'module.exports = (n) => `plain ${n * 2}`;\n');
    }
  });

  it('writes nothing with NODE_DISABLE_COMPILE_CACHE, or into a directory others can write', () => {
    const off = join(work, 'cache-off');
    expect(run(off, { NODE_DISABLE_COMPILE_CACHE: '1' }).out).toBe('plain 42 dynamic /');
    expect(() => readdirSync(off)).toThrow();
    const shared = join(work, 'cache-shared');
    mkdirSync(shared);
    chmodSync(shared, 0o777);
    expect(run(shared).out).toBe('plain 42 dynamic /');
    expect(readdirSync(shared)).toEqual([]);
  });
});
