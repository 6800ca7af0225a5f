import { open } from 'node:fs/promises';

/** One line of a text file: its 1-based number and its text without the line ending. */
export interface Line {
  line: number;
  text: string;
  /** the line was longer than `maxLineBytes`: its size in bytes (the text was not kept, `text` is empty) */
  overLimit?: number;
}

export interface LineOptions {
  /** bytes per read @default 128 KiB */
  highWaterMark?: number;
  /** a longer line is reported with `overLimit` instead of being held in memory @default 16 MiB */
  maxLineBytes?: number;
  /** stops reading (the generator ends) */
  signal?: AbortSignal;
}

export const DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;
const DEFAULT_READ_BYTES = 1 << 17;

const CR = 0x0d;
const LF = 0x0a;

/**
 * Streams the lines of a file in batches (the whole lines of each read), holding at most one read buffer and one
 * partial line (bounded by `maxLineBytes`) in memory, so a recording of any size is read with flat memory and in
 * linear time: the pieces of a line that spans reads are joined once, when its end arrives. Blank lines are
 * skipped (they still count in `line`). Every read goes into the same buffer (each batch holds strings, never
 * views of it): a fresh buffer per read, as a read stream allocates, cost a replay several times the CPU of the
 * reading itself.
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

  /** ends the line whose last piece is chunk[start, end) (after the pieces in `parts`) */
  const finish = (batch: Line[], chunk: Buffer, start: number, end: number): void => {
    line++;
    if (skipped !== -1) {
      batch.push({ line, text: '', overLimit: skipped + end - start });
      skipped = -1;
      return;
    }
    let buf = chunk;
    if (partsBytes > 0) {
      parts.push(chunk.subarray(start, end));
      buf = Buffer.concat(parts, partsBytes + end - start);
      parts = [];
      partsBytes = 0;
      start = 0;
      end = buf.length;
    }
    const length = end - start;
    const textEnd = length > 0 && buf[end - 1] === CR ? end - 1 : end;
    if (textEnd - start > max) batch.push({ line, text: '', overLimit: length });
    else if (textEnd > start) batch.push({ line, text: buf.toString('utf8', start, textEnd) });
  };

  const handle = await open(file, 'r');
  try {
    const chunk = Buffer.allocUnsafe(opts.highWaterMark ?? DEFAULT_READ_BYTES);
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (signal?.aborted) return;
      if (bytesRead === 0) break;
      // A short read leaves older bytes after `bytesRead`: they are never looked at.
      const data = bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead);
      const batch: Line[] = [];
      let start = 0;
      for (let nl = data.indexOf(LF, start); nl !== -1; nl = data.indexOf(LF, start)) {
        finish(batch, data, start, nl);
        start = nl + 1;
      }
      const rest = bytesRead - start;
      if (rest > 0) {
        if (skipped !== -1) skipped += rest;
        else if (partsBytes + rest > max + 1) {
          // Over the limit (one byte of slack for a CR before the LF): stop keeping this line.
          skipped = partsBytes + rest;
          parts = [];
          partsBytes = 0;
        } else {
          // Copy the partial line: the buffer is read into again.
          parts.push(Buffer.from(data.subarray(start)));
          partsBytes += rest;
        }
      }
      if (batch.length > 0) yield batch;
    }
    if (skipped !== -1 || partsBytes > 0) {
      const batch: Line[] = [];
      finish(batch, chunk, 0, 0);
      if (batch.length > 0) yield batch;
    }
  } finally {
    await handle.close();
  }
}
