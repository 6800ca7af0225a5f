import type { Dispatcher } from 'undici';
import type { IO } from './io.js';

/**
 * Everything a command may touch outside its own arguments (gh's Factory). Commands take `Pick<Deps, …>`
 * of what they use, so tests inject buffers, a fixed clock and an undici MockAgent.
 */
export interface Deps {
  io: IO;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** the clock for webhook timestamps */
  now: () => Date;
  /** aborted on Ctrl-C; long-running commands stop cleanly when it fires */
  signal: AbortSignal;
  /** undici dispatcher for outbound HTTP; undefined means undici's global dispatcher */
  dispatcher?: Dispatcher;
  /** standard input, for `-` file arguments and prompts */
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
}
