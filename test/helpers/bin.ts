import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/lead-kit.cjs', import.meta.url));

export interface BinRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunningBin {
  child: ChildProcess;
  /** everything printed so far */
  stdout(): string;
  stderr(): string;
  /** resolves when the process has exited and its output is read */
  exited: Promise<BinRun>;
}

/**
 * Starts the built binary (npm test builds first) with only PATH and HOME from this environment plus `env`,
 * for tests that talk to it while it runs (e.g. send it SIGINT). Only loopback addresses are ever passed to it.
 */
export function spawnBin(
  args: string[],
  opts: { env?: Record<string, string | undefined>; cwd?: string; input?: string } = {},
): RunningBin {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...opts.env },
    cwd: opts.cwd,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin!.end(opts.input ?? '');
  const exited = new Promise<BinRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Runs the built binary to the end (killed after `timeoutMs`). */
export async function runBin(
  args: string[],
  opts: { env?: Record<string, string | undefined>; input?: string; timeoutMs?: number; cwd?: string } = {},
): Promise<BinRun> {
  const run = spawnBin(args, opts);
  const timer = setTimeout(() => run.child.kill('SIGKILL'), opts.timeoutMs ?? 15_000);
  try {
    return await run.exited;
  } finally {
    clearTimeout(timer);
  }
}
