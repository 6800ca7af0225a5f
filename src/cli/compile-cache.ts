import type Module from 'node:module';
import { lstatSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** The parts of the process the cache needs (the bin passes `process`). */
export interface Proc {
  env: Readonly<Record<string, string | undefined>>;
  pid: number;
  getuid?: () => number;
  versions: { node: string };
  once(event: 'exit', listener: () => void): unknown;
}

/**
 * V8's compiled code for the CommonJS files lead-kit loads (its bundle, commander, undici, zod), kept on disk so
 * the next run skips parsing and compiling them: about a tenth of a short command's time on a slow machine.
 * Node 22.1+ has this built in (module.enableCompileCache, https://nodejs.org/api/module.html#module-compile-cache);
 * on Node 20 the same is done here the way v8-compile-cache does it, by compiling CommonJS files through
 * vm.Script with cachedData. Anything that goes wrong (no write access, a rejected cache) silently means no cache.
 * A file whose text contains `import(` is compiled the usual way: on Node 20 a script restored from cached data
 * has lost the callback its dynamic import() needs (the bundle is built without comments, so only real ones count).
 * NODE_DISABLE_COMPILE_CACHE=1 turns it off, as it does for Node's own cache.
 *
 * A cache holds the functions the run that wrote it compiled, so the first command run after an install would
 * decide what every later run finds (a `--help` leaves out all of the option parsing). Each file's cache is
 * therefore written again by its first REFRESHES runs, each time with what the cache already held plus what that
 * run compiled; after that it is only read.
 */
const REFRESHES = 3;

/**
 * Called by lead-kit's code (io/v8-flags.ts) before it sets a V8 flag: code cached from then on would be rejected
 * by the next run, which starts with the usual flags. A global, because this file is a bundle of its own.
 */
const FLAGS_CHANGING = Symbol.for('lead-kit.v8-flags-changing');
type Hooks = Record<symbol, unknown>;

/**
 * `bin` is the bin's own CommonJS module: its constructor is the loader to hook (node:module would be the same
 * class, but loading it also loads the ES module loader, ≈2 ms), and it requires node:module where Node has a cache.
 */
export function enableCompileCache(dir: string, proc: Proc, bin: NodeJS.Module): void {
  if (proc.env.NODE_DISABLE_COMPILE_CACHE) return;
  if (Number(proc.versions.node.split('.', 1)[0]) >= 22) {
    const node = bin.require('node:module') as { enableCompileCache?: (dir: string) => unknown; flushCompileCache?: () => void };
    if (typeof node.enableCompileCache === 'function') {
      node.enableCompileCache(dir);
      if (typeof node.flushCompileCache === 'function') (globalThis as Hooks)[FLAGS_CHANGING] = node.flushCompileCache;
      return;
    }
  }
  if (!privateDir(dir, proc.getuid?.())) return;
  const Loader = bin.constructor as typeof Module;
  const proto = Loader.prototype as unknown as { _compile(content: string, filename: string): unknown };
  const compile = proto._compile;
  const fresh: { script: Script; file: string; generation: number }[] = [];
  /** V8 flags were changed in this run: nothing compiled from now on can be cached */
  let flagsChanged = false;
  proto._compile = function (this: Module, content: string, filename: string): unknown {
    const file = flagsChanged || content.includes('import(') ? undefined : cacheFile(dir, filename);
    if (file === undefined) return compile.call(this, content, filename);
    // the file: one byte, how many runs have written it, then V8's data
    let stored: Buffer | undefined;
    try {
      stored = readFileSync(file);
    } catch {
      // not cached yet
    }
    const script = new Script(asFunction(content) ?? Loader.wrap(content), { filename, cachedData: stored?.subarray(1) });
    const generation = stored === undefined || script.cachedDataRejected === true ? 0 : stored[0]!;
    if (generation < REFRESHES) fresh.push({ script, file, generation: generation + 1 });
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, requireOf(this), this, filename, dirname(filename));
  };
  const write = (): void => {
    for (const { script, file, generation } of fresh.splice(0)) {
      try {
        const tmp = `${file}.${proc.pid}.tmp`;
        writeFileSync(tmp, Buffer.concat([Buffer.of(generation), script.createCachedData()]), { mode: 0o600 });
        renameSync(tmp, file);
      } catch {
        return;
      }
    }
  };
  // Written once the run is over, so the cache holds every function this run compiled, not only the top level;
  // or, in a run that changes V8 flags, just before the first change, with what was compiled until then.
  proc.once('exit', write);
  (globalThis as Hooks)[FLAGS_CHANGING] = (): void => {
    if (flagsChanged) return;
    flagsChanged = true;
    write();
  };
}

/** How lead-kit's bundle files end (rolldown.config.js): the call of the function each one is wrapped in. */
const SELF_CALL = '}).call(this, exports, require, module, __filename, __dirname);';

/**
 * A file that wraps itself in the module function and calls it (lead-kit's bundle): the function alone, as a
 * slice of the text that V8 compiles without copying it, where `Loader.wrap(content)` makes a copy of the whole
 * file in the young heap (≈250 kB for `simulate --help`, enough to set off a collection that costs it ≈3 ms).
 */
function asFunction(content: string): string | undefined {
  if (!content.startsWith('(function(')) return undefined;
  const end = content.lastIndexOf(SELF_CALL);
  return end === -1 ? undefined : content.slice(0, end + 2);
}

/** What Node's own loader passes a CommonJS module as `require` (Module.createRequire is slower, a new module). */
function requireOf(module: Module): NodeJS.Require {
  const internals = module.constructor as unknown as {
    _resolveFilename(request: string, parent: Module): string;
    _cache: NodeJS.Require['cache'];
  };
  const require = ((id: string) => module.require(id)) as NodeJS.Require;
  require.resolve = ((request: string) => internals._resolveFilename(request, module)) as NodeJS.RequireResolve;
  require.cache = internals._cache;
  return require;
}

/** The cache file of a source file: its path, size and modification time in the name, so a rebuilt file misses. */
function cacheFile(dir: string, filename: string): string | undefined {
  try {
    const { size, mtimeMs } = statSync(filename);
    const key = `${filename.replace(/[^A-Za-z0-9._-]+/g, '_').slice(-120)}-${size}-${Math.round(mtimeMs)}`;
    return join(dir, `${key}.v8`);
  } catch {
    return undefined;
  }
}

/** Creates the directory (mode 700) if needed; true only if it is a real directory of ours that nobody else can write. */
function privateDir(dir: string, uid: number | undefined): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = lstatSync(dir);
    return st.isDirectory() && (uid === undefined || st.uid === uid) && (st.mode & 0o022) === 0;
  } catch {
    return false;
  }
}
