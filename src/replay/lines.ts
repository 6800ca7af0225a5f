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
 * Splits bytes into lines, read after read: the whole lines of each piece come back as strings, and what follows
 * the last line ending is carried over (copied: the caller reads into the same buffer again) up to `max` bytes; a
 * longer line is dropped as it arrives and reported with `overLimit`. A plain class rather than code inside the
 * reading generator: V8 then optimizes only this small per-line loop, not a whole async generator.
 */
class LineSplitter {
  private parts: Buffer[] = [];
  private partsBytes = 0;
  /** bytes of the current line once it went over the limit (its content is dropped), else -1 */
  private skipped = -1;
  private line = 0;

  constructor(private readonly max: number) {}

  /** the lines that end in `data` */
  split(data: Buffer): Line[] {
    const batch: Line[] = [];
    let start = 0;
    for (let nl = data.indexOf(LF, start); nl !== -1; nl = data.indexOf(LF, start)) {
      this.finish(batch, data, start, nl);
      start = nl + 1;
    }
    const rest = data.length - start;
    if (rest > 0) {
      if (this.skipped !== -1) this.skipped += rest;
      else if (this.partsBytes + rest > this.max + 1) {
        // Over the limit (one byte of slack for a CR before the LF): stop keeping this line.
        this.skipped = this.partsBytes + rest;
        this.parts = [];
        this.partsBytes = 0;
      } else {
        this.parts.push(Buffer.from(data.subarray(start)));
        this.partsBytes += rest;
      }
    }
    return batch;
  }

  /** the last line, when the data did not end with a line ending */
  end(): Line[] {
    const batch: Line[] = [];
    if (this.skipped !== -1 || this.partsBytes > 0) this.finish(batch, Buffer.alloc(0), 0, 0);
    return batch;
  }

  /** ends the line whose last piece is chunk[start, end) (after the pieces in `parts`) */
  private finish(batch: Line[], chunk: Buffer, start: number, end: number): void {
    const line = ++this.line;
    if (this.skipped !== -1) {
      batch.push({ line, text: '', overLimit: this.skipped + end - start });
      this.skipped = -1;
      return;
    }
    let buf = chunk;
    if (this.partsBytes > 0) {
      this.parts.push(chunk.subarray(start, end));
      buf = Buffer.concat(this.parts, this.partsBytes + end - start);
      this.parts = [];
      this.partsBytes = 0;
      start = 0;
      end = buf.length;
    }
    const length = end - start;
    const textEnd = length > 0 && buf[end - 1] === CR ? end - 1 : end;
    if (textEnd - start > this.max) batch.push({ line, text: '', overLimit: length });
    else if (textEnd > start) batch.push({ line, text: buf.toString('utf8', start, textEnd) });
  }
}

/**
 * Streams the lines of a file in batches (the whole lines of each read), holding at most one read buffer and one
 * partial line (bounded by `maxLineBytes`) in memory, so a recording of any size is read with flat memory and in
 * linear time: the pieces of a line that spans reads are joined once, when its end arrives. Blank lines are
 * skipped (they still count in `line`). Every read goes into the same buffer (each batch holds strings, never
 * views of it): a fresh buffer per read, as a read stream allocates, cost a replay several times the CPU of the
 * reading itself.
 */
export async function* readLineBatches(file: string, opts: LineOptions = {}): AsyncGenerator<Line[]> {
  const signal = opts.signal;
  if (signal?.aborted) return;
  const lines = new LineSplitter(opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES);
  const handle = await open(file, 'r');
  try {
    const chunk = Buffer.allocUnsafe(opts.highWaterMark ?? DEFAULT_READ_BYTES);
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (signal?.aborted) return;
      if (bytesRead === 0) break;
      // A short read leaves older bytes after `bytesRead`: they are never looked at.
      const batch = lines.split(bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead));
      if (batch.length > 0) yield batch;
    }
    const last = lines.end();
    if (last.length > 0) yield last;
  } finally {
    await handle.close();
  }
}
