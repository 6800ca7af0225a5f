import { createRequire } from 'node:module';
import type { Client as UndiciClient } from 'undici';

const load = createRequire(import.meta.url);

/**
 * undici's Client, loaded from its own module rather than from undici's index: the index also loads fetch, the
 * cache and cookie handlers, WebSocket, HTTP/2 and mocks, which cost every replay some 150 ms of CPU and 7 MB
 * before its first request. Should a later undici move the file, the index is loaded instead (a test checks that
 * this is still the very class the index exports).
 */
export function loadClient(): typeof UndiciClient {
  try {
    return load('undici/lib/dispatcher/client.js') as typeof UndiciClient;
  } catch {
    return (load('undici') as { Client: typeof UndiciClient }).Client;
  }
}
