import type { Deps } from '../io/deps.js';
import type { Outcome } from '../io/outcome.js';

/** What the command wiring shares with main(): the deps and the outcome the command reported. */
export interface CommandContext {
  deps: Deps;
  outcome: Outcome;
}
