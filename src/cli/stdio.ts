import { fstatSync, statSync, writeSync } from 'node:fs';
import { nodeTty } from '../io/lazy.js';

/** stdout or stderr as lead-kit writes to it: text in, synchronously, in order. */
export interface StdioWriter {
  write(s: string): boolean;
  readonly isTTY: boolean;
  /** the terminal's width; undefined when this is not a terminal */
  columns(): number | undefined;
}

/**
 * Writes to a standard stream's file descriptor with `fs.writeSync` rather than through `process.stdout`: Node
 * builds that stream object on first use, and for a pipe or a terminal that loads node:net and the whole streams
 * stack (≈8 ms of every run, a third of what `lead-kit --help` costs beyond `node -e 0`). Writes are synchronous
 * either way (Node writes stdio to files, pipes and terminals synchronously on Linux).
 *
 * - A descriptor someone made non-blocking can refuse a write (EAGAIN) when its pipe is full: from then on every
 *   write goes through `stream()`, Node's own stream, which queues and flushes before the process exits.
 * - The reader went away (EPIPE: `lead-kit … | head`): `onClosed` is told once and later writes are dropped.
 * - A closed descriptor (EBADF) discards what is written.
 */
export function fdWriter(fd: number, stream: () => NodeJS.WriteStream, onClosed: () => void): StdioWriter {
  let real: NodeJS.WriteStream | undefined;
  let closed = false;
  const tty = isTerminal(fd);
  const toStream = (): NodeJS.WriteStream => {
    if (real === undefined) {
      real = stream();
      real.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code !== 'EPIPE') throw err;
        close();
      });
    }
    return real;
  };
  const close = (): void => {
    if (closed) return;
    closed = true;
    onClosed();
  };
  return {
    isTTY: tty,
    columns: () => (tty ? toStream().columns : undefined),
    write(s: string): boolean {
      if (closed) return false;
      if (real !== undefined) return real.write(s);
      let rest: Buffer | undefined;
      try {
        const written = writeSync(fd, s);
        if (written === Buffer.byteLength(s)) return true;
        // A partial write (a signal, or a non-blocking pipe filling up): write the remaining bytes.
        rest = Buffer.from(s).subarray(written);
        while (rest.length > 0) rest = rest.subarray(writeSync(fd, rest));
        return true;
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EPIPE') {
          close();
          return false;
        }
        // A closed descriptor (`lead-kit … >&-`): output is discarded, as Node does for its own stdio.
        if (code === 'EBADF') {
          closed = true;
          return false;
        }
        if (code !== 'EAGAIN') throw err;
        return toStream().write(rest ?? s);
      }
    },
  };
}

/**
 * Whether `fd` is a terminal. Asking node:tty costs loading node:net, so it is asked only about a character device
 * other than /dev/null (where scripts and benchmarks often send output).
 */
function isTerminal(fd: number): boolean {
  let rdev: number;
  try {
    const st = fstatSync(fd);
    if (!st.isCharacterDevice()) return false;
    rdev = st.rdev;
  } catch {
    return false;
  }
  try {
    if (rdev === statSync('/dev/null').rdev) return false;
  } catch {
    // no /dev/null (Windows): ask node:tty
  }
  return nodeTty().isatty(fd);
}
