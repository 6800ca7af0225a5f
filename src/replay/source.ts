import { eventKinds, type EventKind } from '../webhooks/kinds.js';
import type { PreparedRequest } from './prepare.js';
import { readItems, type InputFile, type OnMalformed, type RawItem } from './sources.js';

export interface SourceOptions {
  /** how many times to go through all inputs @default 1 */
  repeat: number;
  /** only payloads with at least one event of these kinds */
  filter?: ReadonlySet<EventKind>;
  prepare: (raw: RawItem) => PreparedRequest;
  onMalformed: OnMalformed;
  /** inputs of at most this many bytes in all are kept in memory after the first pass @default 8 MiB */
  cacheBytes?: number;
  /** a recording line (or payload file) longer than this is malformed @default 16 MiB */
  maxLineBytes?: number;
  /** Ctrl-C: reading stops at once (the source ends) */
  signal?: AbortSignal;
}

/**
 * The requests of a replay, in input order, `repeat` times over. Large inputs are streamed again on every
 * pass (memory stays flat); small ones are read and signed once and kept, so `--repeat 200000` of one file
 * costs one read and one signature. `next()` answers synchronously whenever it can, which keeps the send loop
 * tight: recordings are read a chunk of lines at a time.
 */
export class RequestSource {
  private pass = 0;
  private readonly cache: PreparedRequest[] | undefined;
  private cached = false;
  private index = 0;
  private batch: RawItem[] = [];
  private batchIndex = 0;
  private items: AsyncGenerator<RawItem[]> | undefined;

  constructor(
    private readonly files: readonly InputFile[],
    private readonly opts: SourceOptions,
  ) {
    const bytes = files.reduce((n, f) => n + f.size, 0);
    if (bytes <= (opts.cacheBytes ?? 8 * 1024 * 1024)) this.cache = [];
  }

  /** requests in the whole run, once known (after a first pass that was kept in memory) */
  get total(): number | undefined {
    return this.cached ? this.cache!.length * this.opts.repeat : undefined;
  }

  /** the next request, null at the end; a Promise only while it must read */
  next(): PreparedRequest | null | Promise<PreparedRequest | null> {
    if (this.cached) return this.fromCache();
    return this.fromBatch() ?? this.read();
  }

  /** stops reading (closes the file being streamed) */
  async close(): Promise<void> {
    await this.items?.return(undefined);
  }

  private fromBatch(): PreparedRequest | undefined {
    while (this.batchIndex < this.batch.length) {
      const raw = this.batch[this.batchIndex++]!;
      if (this.opts.filter && !matches(raw.body, this.opts.filter)) continue;
      const req = this.opts.prepare(raw);
      this.cache?.push(req);
      return req;
    }
    return undefined;
  }

  private fromCache(): PreparedRequest | null {
    const cache = this.cache!;
    if (cache.length === 0) return null;
    if (this.index === cache.length) {
      this.pass++;
      if (this.pass >= this.opts.repeat) return null;
      this.index = 0;
    }
    return cache[this.index++]!;
  }

  private async read(): Promise<PreparedRequest | null> {
    for (;;) {
      if (this.opts.signal?.aborted) return null;
      this.items ??= readItems(this.files, this.opts.onMalformed, {
        ...(this.opts.maxLineBytes ? { maxLineBytes: this.opts.maxLineBytes } : {}),
        ...(this.opts.signal ? { signal: this.opts.signal } : {}),
      });
      const r = await this.items.next();
      if (!r.done) {
        this.batch = r.value;
        this.batchIndex = 0;
        const req = this.fromBatch();
        if (req) return req;
        continue;
      }
      this.items = undefined;
      this.batch = [];
      this.batchIndex = 0;
      if (this.cache !== undefined) {
        this.cached = true;
        this.index = this.cache.length;
        return this.fromCache();
      }
      this.pass++;
      if (this.pass >= this.opts.repeat) return null;
    }
  }
}

function matches(body: Buffer, filter: ReadonlySet<EventKind>): boolean {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return false;
  }
  return eventKinds(value).some((k) => filter.has(k));
}
