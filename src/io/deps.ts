import type { ChalkInstance } from 'chalk';
import type { Dispatcher } from 'undici';

/** Where a command writes. Only src/cli builds one from the real process. */
export interface IO {
  out: { write(s: string): unknown };
  err: { write(s: string): unknown };
  /** stdout is a terminal */
  isTTY: boolean;
  /** stderr is a terminal (progress bars go there) */
  errIsTTY: boolean;
  /** the terminal width of stdout or stderr (help text wraps to it); undefined when it is not a terminal */
  columns?: (stream: 'out' | 'err') => number | undefined;
  /** colour for stdout: level 0 unless stdout is a TTY and NO_COLOR is unset */
  color: ChalkInstance;
  /** colour for stderr */
  errColor: ChalkInstance;
  /** --json was given: warnings and errors go to stderr as one JSON line each */
  jsonErrors?: boolean;
}

/** The questions `lead-kit init` asks; tests pass a stub, the CLI an inquirer-backed one. */
export interface Prompter {
  input(q: { message: string; default?: string; validate?: (value: string) => true | string }): Promise<string>;
  confirm(q: { message: string; default?: boolean }): Promise<boolean>;
}

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
