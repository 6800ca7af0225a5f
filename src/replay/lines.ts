import { createReadStream } from 'node:fs';

/** One line of a text file: its 1-based number and its text without the line ending. */
export interface Line {
  line: number;
  text: string;
}

/**
 * Streams the lines of a file in batches (the whole lines of each read chunk), holding at most one chunk and one
 * partial line in memory, so a recording of any size is read with flat memory. Blank lines are skipped (they
 * still count in `line`).
 */
export async function* readLineBatches(file: string, highWaterMark = 1 << 16): AsyncGenerator<Line[]> {
  let carry: Buffer | undefined;
  let line = 0;
  const stream = createReadStream(file, { highWaterMark });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const buf = carry ? Buffer.concat([carry, chunk]) : chunk;
      const batch: Line[] = [];
      let start = 0;
      for (let nl = buf.indexOf(0x0a, start); nl !== -1; nl = buf.indexOf(0x0a, start)) {
        line++;
        const end = nl > start && buf[nl - 1] === 0x0d ? nl - 1 : nl;
        if (end > start) batch.push({ line, text: buf.toString('utf8', start, end) });
        start = nl + 1;
      }
      // Copy the partial line: a view would keep the whole chunk alive.
      carry = start < buf.length ? Buffer.from(buf.subarray(start)) : undefined;
      if (batch.length > 0) yield batch;
    }
    if (carry && carry.length > 0) {
      line++;
      const end = carry[carry.length - 1] === 0x0d ? carry.length - 1 : carry.length;
      if (end > 0) yield [{ line, text: carry.toString('utf8', 0, end) }];
    }
  } finally {
    stream.destroy();
  }
}
