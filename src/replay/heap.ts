import { getHeapSpaceStatistics } from 'node:v8';
import { setV8Flag } from '../io/v8-flags.js';
import { runInNewContext } from 'node:vm';

export interface HeapKeeper {
  /** full collections asked for so far */
  readonly collections: number;
  stop(): void;
}

type Collect = (options: { type: 'major'; execution: 'async' }) => void;

let collect: Collect | undefined;

/**
 * V8's `gc()`: the global one when node runs with --expose-gc, else taken from a fresh context created while the
 * flag is on (it is turned off again at once, so nothing else sees a `gc` global).
 */
function collector(): Collect {
  if (collect !== undefined) return collect;
  const global = (globalThis as { gc?: Collect }).gc;
  if (typeof global === 'function') return (collect = global);
  setV8Flag('--expose-gc');
  try {
    collect = runInNewContext('gc') as Collect;
  } finally {
    setV8Flag('--no-expose-gc');
  }
  return collect;
}

const oldSpaceUsed = (): number => getHeapSpaceStatistics().find((s) => s.space_name === 'old_space')?.space_used_size ?? 0;

/**
 * Keeps the memory of a long replay flat. The requests in flight when V8 collects the young generation (every
 * thousand requests or so) outlive it and are promoted to the old generation, where they die soon after; V8
 * collects the old generation lazily, so a replay of a million lines carried some 20 MB of dead requests (live
 * data stays near 10 MB) and its peak RSS grew with the file. Every `everyMs` this looks at the old generation
 * and, once it holds `slackBytes` more than the least it was seen holding, asks V8 for an incremental full
 * collection (marking runs concurrently; the pause is V8's usual finalization).
 */
export function keepHeapFlat(everyMs = 1000, slackBytes = 8 * 1024 * 1024): HeapKeeper {
  let least = oldSpaceUsed();
  let collections = 0;
  /** ticks to wait after asking, while V8 finishes that collection */
  let settling = 0;
  const timer = setInterval(() => {
    const used = oldSpaceUsed();
    least = Math.min(least, used);
    if (settling > 0) {
      settling--;
      return;
    }
    if (used - least < slackBytes) return;
    collector()({ type: 'major', execution: 'async' });
    collections++;
    settling = 2;
  }, everyMs);
  timer.unref();
  return {
    get collections() {
      return collections;
    },
    stop: () => clearInterval(timer),
  };
}
