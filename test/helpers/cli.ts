import { main } from '../../src/cli/main.js';
import { createTestDeps, type TestIO } from './deps.js';
import type { Deps } from '../../src/io/deps.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  io: TestIO;
}

/** Runs lead-kit in-process with buffered IO, exactly as bin/lead-kit.cjs would. */
export async function runCli(argv: string[], over: Partial<Deps> & { io?: TestIO } = {}): Promise<CliRun> {
  const deps = createTestDeps(over);
  const code = await main(argv, deps);
  return { code, stdout: deps.io.stdout(), stderr: deps.io.stderr(), io: deps.io };
}
