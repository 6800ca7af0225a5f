import type * as V8 from 'node:v8';

/** What the compile cache (cli/compile-cache.ts) leaves to be called first: a global, as it is a bundle of its own. */
const FLAGS_CHANGING = Symbol.for('lead-kit.v8-flags-changing');

/**
 * Sets a V8 flag while lead-kit runs. V8 accepts cached compiled code only under the flags it was made with, and
 * a flag set at run time changes them for the rest of the process (setting it back does not restore them), so
 * the compile cache first writes what it holds and then takes nothing more in this run. Without that, every run
 * that sets a flag (replay) would leave caches that the next run of any command rejects and compiles again.
 * node:v8 is loaded here, on use: it brings the streams stack with it (≈4 ms on every command's start-up).
 */
export function setV8Flag(flag: string): void {
  const changing = (globalThis as Record<symbol, unknown>)[FLAGS_CHANGING];
  if (typeof changing === 'function') (changing as () => void)();
  (process.getBuiltinModule('node:v8') as typeof V8).setFlagsFromString(flag);
}
