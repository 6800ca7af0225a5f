import { randomBytes } from 'node:crypto';
import { lstat, open, readdir, readlink, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { fsReason } from './errors.js';

const TEMP = /^\.(.+)\.lead-kit-[0-9a-f]{12}\.tmp$/;

/** A temp file of lead-kit's naming this old was left by a write that never finished (kill -9, power loss). */
const STALE_MS = 60_000;

/**
 * Writes `file` atomically: the data goes to a temporary file beside it, is flushed to disk, and is renamed
 * over the target, so a reader (or a crash, or Ctrl-C) never sees half a file. A new file gets `opts.mode`
 * (under the umask); an existing one keeps its mode.
 */
export async function writeFileAtomic(file: string, data: string | Buffer, opts: { mode?: number } = {}): Promise<void> {
  const tmp = join(dirname(file), `.${basename(file)}.lead-kit-${randomBytes(6).toString('hex')}.tmp`);
  const existing = await stat(file).catch(() => undefined);
  const mode = existing ? existing.mode & 0o7777 : (opts.mode ?? 0o644);
  const handle = await open(tmp, 'wx', mode);
  try {
    // open() applies the umask; an existing file's mode is restored exactly.
    if (existing) await handle.chmod(mode);
    await handle.writeFile(data);
    await handle.sync();
  } catch (err) {
    await handle.close();
    await unlink(tmp).catch(() => undefined);
    throw err;
  } finally {
    await handle.close().catch(() => undefined);
  }
  try {
    await rename(tmp, file);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}

/** Where a path leads: a symlink (chain) is followed to its target, which may not exist yet. */
async function followLinks(file: string): Promise<string> {
  let path = resolve(file);
  for (let hops = 0; hops < 40; hops++) {
    const info = await lstat(path).catch(() => undefined);
    if (!info?.isSymbolicLink()) return path;
    try {
      return await realpath(path);
    } catch {
      // A dangling link: write the file it points at.
      path = resolve(dirname(path), await readlink(path));
    }
  }
  throw Object.assign(new Error('too many symbolic links'), { code: 'ELOOP' });
}

/**
 * Removes temp files of `base` that a write which never finished left behind (kill -9 mid-write): lead-kit's own
 * naming only, and only once they are a minute old, so a concurrent write of the same file keeps its temp file.
 */
async function removeStaleTemps(dir: string, base: string, now: number): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    if (TEMP.exec(name)?.[1] !== base) continue;
    const info = await stat(join(dir, name)).catch(() => undefined);
    if (info?.isFile() && now - info.mtimeMs > STALE_MS) await unlink(join(dir, name)).catch(() => undefined);
  }
}

/**
 * Writes a file the user named (`--out`, `init --config`): through symlinks into their target, keeping its mode,
 * atomically for a regular file, and straight into anything else (/dev/stdout, a FIFO) rather than replacing it.
 * A path that cannot be written is a UsageError (exit 2) in plain words, e.g.
 * "cannot write --out /nonexistent/x.csv: the directory /nonexistent does not exist".
 */
export async function writeOutput(file: string, data: string | Buffer, flag: string, display = file): Promise<void> {
  const shown = `${flag} ${display}`;
  try {
    // stat() follows links the way the kernel does (also /dev/stdout → /proc/self/fd/1 → a pipe).
    const info = await stat(file).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined;
      throw err;
    });
    if (info?.isDirectory())
      throw new UsageError(`cannot write ${shown}: it is a directory`, { hint: 'name a file, e.g. leads.csv inside it' });
    if (info !== undefined && !info.isFile()) {
      // A terminal, pipe, FIFO or device: written into, never replaced.
      try {
        await writeFile(file, data);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENXIO')
          throw new UsageError(`cannot write ${shown}: it is a socket, which cannot be opened by name`, {
            hint: 'leave out the flag to print to stdout',
          });
        throw err;
      }
      return;
    }
    const target = info === undefined ? await followLinks(file) : await realpath(file);
    const dir = dirname(target);
    const dirInfo = await stat(dir).catch(() => undefined);
    if (dirInfo === undefined)
      throw new UsageError(`cannot write ${shown}: the directory ${dirname(display)} does not exist`, {
        hint: 'create it first, or write somewhere else',
      });
    if (!dirInfo.isDirectory()) throw new UsageError(`cannot write ${shown}: ${dirname(display)} is not a directory`);
    await writeFileAtomic(target, data);
    await removeStaleTemps(dir, basename(target), Date.now());
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`cannot write ${shown}: ${fsReason(err)}`, { hint: 'check the path and its permissions' });
  }
}
