import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { InputError } from '../errors.js';

/** A partial last line found when a recording was opened (an earlier process died mid-write). */
export interface TornLine {
  /** 1-based line number of the partial line */
  line: number;
  /** how many bytes it has */
  bytes: number;
}

/** An open JSONL recording. Each `append` is one `write(2)` on an O_APPEND descriptor: a whole line or nothing. */
export interface Recorder {
  file: string;
  /** set when the file ended in a partial line; it was ended with a newline and left in place */
  torn?: TornLine;
  /** lines appended since opening */
  readonly lines: number;
  /** appends `json` and a newline; throws when the disk refuses */
  append(json: string): void;
  /**
   * appends `json` and a newline together with the other lines queued in this turn of the event loop, in one
   * write; resolves once the line is in the file, rejects when the disk refuses (then none of that write's lines
   * count as recorded)
   */
  appendSoon(json: string): Promise<void>;
  /** safe to call twice */
  close(): void;
}

const CHUNK = 1 << 16;

/** Finds a partial last line: the file is non-empty and does not end in `\n`. Reads only what it must. */
function findTornLine(file: string): TornLine | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return undefined;
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    if (last[0] === 0x0a) return undefined;
    // Count the newlines before the partial line to name it by number.
    const buf = Buffer.alloc(CHUNK);
    let newlines = 0;
    let lastNewline = -1;
    for (let pos = 0; pos < size; pos += CHUNK) {
      const n = readSync(fd, buf, 0, Math.min(CHUNK, size - pos), pos);
      for (let i = buf.indexOf(0x0a, 0); i !== -1 && i < n; i = buf.indexOf(0x0a, i + 1)) {
        newlines++;
        lastNewline = pos + i;
      }
    }
    return { line: newlines + 1, bytes: size - lastNewline - 1 };
  } finally {
    closeSync(fd);
  }
}

function writeAll(fd: number, data: Buffer | string): void {
  // A string goes to the kernel without a copy into a Buffer first; a short write (only when the disk is full or
  // a limit is hit) is finished from the bytes, or fails loudly.
  let off = typeof data === 'string' ? writeSync(fd, data) : writeSync(fd, data);
  if (off === (typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : data.length)) return;
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  while (off < bytes.length) off += writeSync(fd, bytes, off);
}

/**
 * Opens (creates) a recording for appending. A partial last line left by a crash is reported in `torn` and
 * ended with a newline, so every line appended now is whole; the partial line itself is kept, untouched.
 */
export function openRecorder(file: string): Recorder {
  let torn: TornLine | undefined;
  let fd: number;
  try {
    torn = findTornLine(file);
    fd = openSync(file, 'a');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new InputError(`cannot open the recording ${file} for appending: ${code}`, {
      hint: 'check the path and its permissions, or choose another --record file',
    });
  }
  if (torn) writeAll(fd, Buffer.from('\n'));
  let lines = 0;
  let open = true;
  /** the lines of this turn of the event loop, each with its newline, and how many */
  let queued = '';
  let count = 0;
  /** settles once this turn's lines are written (or refused): one promise for all of them */
  let batch: { promise: Promise<void>; resolve: () => void; reject: (err: unknown) => void } | undefined;
  /** writes the queued lines in one write(2): under load one system call serves many deliveries */
  const flush = (): void => {
    if (batch === undefined) return;
    const { resolve, reject } = batch;
    const text = queued;
    const n = count;
    queued = '';
    count = 0;
    batch = undefined;
    try {
      if (!open) throw new Error('the recording is closed');
      writeAll(fd, text);
    } catch (err) {
      reject(err);
      return;
    }
    lines += n;
    resolve();
  };
  const recorder: Recorder = {
    file,
    get lines() {
      return lines;
    },
    append(json: string) {
      if (!open) throw new Error('the recording is closed');
      // One write of the whole line: with O_APPEND a crash or Ctrl-C leaves the line whole or absent.
      writeAll(fd, json + '\n');
      lines++;
    },
    appendSoon(json: string) {
      if (!open) return Promise.reject(new Error('the recording is closed'));
      if (batch === undefined) {
        setImmediate(flush);
        let resolve!: () => void;
        let reject!: (err: unknown) => void;
        const promise = new Promise<void>((ok, fail) => {
          resolve = ok;
          reject = fail;
        });
        batch = { promise, resolve, reject };
      }
      queued += json + '\n';
      count++;
      return batch.promise;
    },
    close() {
      if (!open) return;
      flush();
      open = false;
      closeSync(fd);
    },
  };
  if (torn) recorder.torn = torn;
  return recorder;
}
