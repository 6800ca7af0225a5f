import { createRequire } from 'node:module';
import type { Pool as UndiciPool } from 'undici';

const load = createRequire(import.meta.url);

/**
 * undici's Pool, loaded from its own module rather than from undici's index: the index also loads fetch, the
 * cache and cookie handlers, WebSocket, HTTP/2 and mocks, which cost every replay some 150 ms of CPU and 7 MB
 * before its first request. Should a later undici move the file, the index is loaded instead (a test checks that
 * this is still the very class the index exports).
 */
export function loadPool(): typeof UndiciPool {
  try {
    return load('undici/lib/dispatcher/pool.js') as typeof UndiciPool;
  } catch {
    return (load('undici') as { Pool: typeof UndiciPool }).Pool;
  }
}
