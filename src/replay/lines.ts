import { createReadStream } from 'node:fs';

/** One line of a text file: its 1-based number and its text without the line ending. */
export interface Line {
  line: number;
  text: string;
  /** the line was longer than `maxLineBytes`: its size in bytes (the text was not kept, `text` is empty) */
  overLimit?: number;
}

export interface LineOptions {
  /** bytes per read @default 64 KiB */
  highWaterMark?: number;
  /** a longer line is reported with `overLimit` instead of being held in memory @default 16 MiB */
  maxLineBytes?: number;
  /** stops reading (the generator ends) */
  signal?: AbortSignal;
}

export const DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;

const CR = 0x0d;
const LF = 0x0a;

/**
 * Streams the lines of a file in batches (the whole lines of each read chunk), holding at most one chunk and one
 * partial line (bounded by `maxLineBytes`) in memory, so a recording of any size is read with flat memory and in
 * linear time: the pieces of a line that spans chunks are joined once, when its end arrives. Blank lines are
 * skipped (they still count in `line`).
 */
export async function* readLineBatches(file: string, opts: LineOptions = {}): AsyncGenerator<Line[]> {
  const max = opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const signal = opts.signal;
  if (signal?.aborted) return;
  let parts: Buffer[] = [];
  let partsBytes = 0;
  /** bytes of the current line once it went over the limit (its content is dropped), else -1 */
  let skipped = -1;
  let line = 0;
  const stream = createReadStream(file, { highWaterMark: opts.highWaterMark ?? 1 << 16 });
  const onAbort = (): void => void stream.destroy();
  signal?.addEventListener('abort', onAbort, { once: true });

  const finish = (batch: Line[], tail: Buffer): void => {
    line++;
    if (skipped !== -1) {
      batch.push({ line, text: '', overLimit: skipped + tail.length });
      skipped = -1;
      return;
    }
    const buf = partsBytes === 0 ? tail : Buffer.concat([...parts, tail], partsBytes + tail.length);
    parts = [];
    partsBytes = 0;
    const end = buf.length > 0 && buf[buf.length - 1] === CR ? buf.length - 1 : buf.length;
    if (end > max) batch.push({ line, text: '', overLimit: buf.length });
    else if (end > 0) batch.push({ line, text: buf.toString('utf8', 0, end) });
  };

  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (signal?.aborted) return;
      const batch: Line[] = [];
      let start = 0;
      for (let nl = chunk.indexOf(LF, start); nl !== -1; nl = chunk.indexOf(LF, start)) {
        finish(batch, chunk.subarray(start, nl));
        start = nl + 1;
      }
      const rest = chunk.length - start;
      if (rest > 0) {
        if (skipped !== -1) skipped += rest;
        else if (partsBytes + rest > max + 1) {
          // Over the limit (one byte of slack for a CR before the LF): stop keeping this line.
          skipped = partsBytes + rest;
          parts = [];
          partsBytes = 0;
        } else {
          // Copy the partial line: a view would keep the whole chunk alive.
          parts.push(Buffer.from(chunk.subarray(start)));
          partsBytes += rest;
        }
      }
      if (batch.length > 0) yield batch;
    }
    if (signal?.aborted) return;
    if (skipped !== -1 || partsBytes > 0) {
      const batch: Line[] = [];
      finish(batch, Buffer.alloc(0));
      if (batch.length > 0) yield batch;
    }
  } catch (err) {
    // Destroyed by the signal: the reading simply ends.
    if (signal?.aborted) return;
    throw err;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    stream.destroy();
  }
}
