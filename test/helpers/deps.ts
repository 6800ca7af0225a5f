import { Chalk } from 'chalk';
import type { Deps } from '../../src/io/deps.js';
import type { IO } from '../../src/io/deps.js';

export interface TestIO extends IO {
  stdout: () => string;
  stderr: () => string;
}

/** Buffered IO, like gh's iostreams.Test(): colour off unless asked, TTY as given. */
export function createTestIO(opts: { isTTY?: boolean; color?: boolean } = {}): TestIO {
  let out = '';
  let err = '';
  const level = opts.color ? 1 : 0;
  return {
    out: {
      write: (s: string) => {
        out += s;
        return true;
      },
    },
    err: {
      write: (s: string) => {
        err += s;
        return true;
      },
    },
    isTTY: opts.isTTY ?? false,
    errIsTTY: opts.isTTY ?? false,
    color: new Chalk({ level }),
    errColor: new Chalk({ level }),
    stdout: () => out,
    stderr: () => err,
  };
}

export const FIXED_NOW = new Date('2026-11-21T10:00:00.000Z');

/** Deps for unit tests: buffers, a fixed clock, no environment, a signal that never fires unless given. */
export function createTestDeps(over: Partial<Deps> & { io?: TestIO } = {}): Deps & { io: TestIO } {
  const io = over.io ?? createTestIO();
  return {
    env: {},
    cwd: process.cwd(),
    now: () => FIXED_NOW,
    signal: new AbortController().signal,
    stdin: process.stdin,
    ...over,
    io,
  };
}
