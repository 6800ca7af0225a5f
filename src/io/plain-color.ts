import type { ChalkInstance } from 'chalk';

/**
 * What `new Chalk({ level: 0 })` does, without loading chalk: every style, chained or not, returns its arguments
 * joined by spaces, unchanged. Used when colour is off (output is not a terminal, or NO_COLOR), which is every run
 * in CI and every pipe: chalk's start-up (≈250 KB of allocations and node:tty) is then skipped.
 */
export const plainColor: ChalkInstance = (() => {
  const paint = (...text: unknown[]): string => text.join(' ');
  const painter: ChalkInstance = new Proxy(paint, {
    get: (_target, key) => (key === 'level' ? 0 : painter),
  }) as unknown as ChalkInstance;
  return painter;
})();
