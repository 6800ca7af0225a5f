import type { Deps } from '../io/deps.js';

/** What the command wiring shares with main(): the deps and the exit code the command chose. */
export interface CommandContext {
  deps: Deps;
  exitCode: number;
}
