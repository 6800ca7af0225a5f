import type { RecordedCall } from './calls.js';

/** Where recorded calls can be read and heard as they arrive (a running mock). */
export interface CallSource {
  calls: readonly RecordedCall[];
  onCall(l: (c: RecordedCall) => void): () => void;
}

/** Resolves once `done()` holds — checked now and after each new call — or after `withinMs`, or on abort. */
export function waitForCalls(source: CallSource, done: () => boolean, withinMs: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (done() || withinMs <= 0 || signal?.aborted) return resolve();
    const finish = (): void => {
      clearTimeout(timer);
      unsubscribe();
      signal?.removeEventListener('abort', finish);
      resolve();
    };
    const timer = setTimeout(finish, withinMs);
    const unsubscribe = source.onCall(() => {
      if (done()) finish();
    });
    signal?.addEventListener('abort', finish, { once: true });
  });
}
