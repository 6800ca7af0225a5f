import { spawn, spawnSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fdWriter } from '../../src/cli/stdio.js';

const dir = mkdtempSync(join(tmpdir(), 'lead-kit-stdio-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A named pipe opened non-blocking at both ends, as a descriptor shared with a Node parent can be. */
function nonBlockingPipe(name: string): { reader: number; writer: number } {
  const fifo = join(dir, name);
  expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
  const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
  const writer = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
  return { reader, writer };
}

function drain(fd: number): Buffer {
  const parts: Buffer[] = [];
  const buf = Buffer.alloc(1 << 16);
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, buf);
    } catch {
      break; // EAGAIN: empty
    }
    if (n === 0) break;
    parts.push(Buffer.from(buf.subarray(0, n)));
  }
  return Buffer.concat(parts);
}

/** A stand-in for process.stdout that keeps what it is given. */
function fakeStream(): { stream: NodeJS.WriteStream; got: Buffer[] } {
  const got: Buffer[] = [];
  const stream = {
    write: (s: string | Buffer) => got.push(Buffer.from(s)) > 0,
    on: () => stream,
  } as unknown as NodeJS.WriteStream;
  return { stream, got };
}

describe('fdWriter (stdout and stderr without process.stdout)', () => {
  it('writes text to the descriptor and never builds the stream while the descriptor takes it', () => {
    const { reader, writer } = nonBlockingPipe('plain');
    let built = 0;
    const out = fdWriter(
      writer,
      () => (built++, fakeStream().stream),
      () => undefined,
    );
    expect(out.isTTY).toBe(false);
    expect(out.columns()).toBeUndefined();
    out.write('Zürich — one\n');
    out.write('two\n');
    expect(drain(reader).toString('utf8')).toBe('Zürich — one\ntwo\n');
    expect(built).toBe(0);
    closeSync(reader);
    closeSync(writer);
  });

  it('a full non-blocking pipe (EAGAIN): the rest and every later write go through the stream, in order, nothing lost', () => {
    const { reader, writer } = nonBlockingPipe('full');
    const fake = fakeStream();
    let built = 0;
    const out = fdWriter(
      writer,
      () => (built++, fake.stream),
      () => undefined,
    );
    const big = Array.from({ length: 20_000 }, (_, i) => `line ${i} — é\n`).join(''); // well over a pipe's 64 KiB
    out.write(big);
    out.write('after\n');
    expect(built).toBe(1);
    const inPipe = drain(reader);
    expect(inPipe.length).toBeGreaterThan(0);
    expect(Buffer.concat([inPipe, ...fake.got]).toString('utf8')).toBe(big + 'after\n');
    closeSync(reader);
    closeSync(writer);
  });

  it('the reader went away (EPIPE): told once, later writes dropped, nothing thrown', () => {
    const { reader, writer } = nonBlockingPipe('gone');
    closeSync(reader);
    let told = 0;
    const out = fdWriter(
      writer,
      () => fakeStream().stream,
      () => told++,
    );
    expect(out.write('a\n')).toBe(false);
    expect(out.write('b\n')).toBe(false);
    expect(told).toBe(1);
    closeSync(writer);
  });

  it('a closed descriptor (EBADF) discards output without stopping the run', () => {
    const { reader, writer } = nonBlockingPipe('closed');
    closeSync(reader);
    closeSync(writer);
    let told = 0;
    const out = fdWriter(
      writer,
      () => fakeStream().stream,
      () => told++,
    );
    expect(() => out.write('x\n')).not.toThrow();
    expect(told).toBe(0);
  });
});

describe('the lead-kit process', () => {
  // A reader slower than lead-kit on a non-blocking pipe: the writes it refuses (EAGAIN) go through Node's stream,
  // and the process must not end before they are out.
  it('exits only once a slow reader of a full non-blocking pipe has every byte', async () => {
    const bin = join(import.meta.dirname, '../../bin/lead-kit.cjs');
    const args = [bin, 'webhook', 'message', '--raw', '--text', 'z'.repeat(100_000)];
    const env = { ...process.env, NO_COLOR: '1' };
    const whole = spawnSync(process.execPath, args, { env }).stdout;
    expect(whole.length).toBeGreaterThan(100_000);
    const { reader, writer } = nonBlockingPipe('slow-reader');
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', writer, 'pipe'] });
    closeSync(writer);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await new Promise((r) => setTimeout(r, 300)); // the pipe fills; lead-kit's writes are refused (EAGAIN)
    const got: Buffer[] = [];
    const buf = Buffer.alloc(1 << 16);
    for (let idle = 0; idle < 500;) {
      let n: number;
      try {
        n = readSync(reader, buf);
      } catch {
        idle++;
        await new Promise((r) => setTimeout(r, 10));
        continue;
      }
      if (n === 0) break; // every writer is gone
      got.push(Buffer.from(buf.subarray(0, n)));
    }
    closeSync(reader);
    expect(await exited).toBe(0);
    // Whole and in order (the payload's times differ from run to run, so it is compared as parsed JSON).
    const text = Buffer.concat(got).toString('utf8');
    expect(text.length).toBe(whole.length);
    expect(text.endsWith('\n')).toBe(true);
    const payload = JSON.parse(text) as { entry: Array<{ messaging: Array<{ message: { text: string } }> }> };
    expect(payload.entry[0]!.messaging[0]!.message.text).toBe('z'.repeat(100_000));
  });
});

describe('what a short command loads', () => {
  // Node's modules a run of `lead-kit --help` into a pipe (CI, `| less`) loads beyond an empty script: node:net
  // and the streams stack (process.stdout on a pipe, node:tty, commander's node:child_process, node:v8's heap
  // utilities) cost it 4–10 ms.
  it.each(['--help', 'simulate --help'])('lead-kit %s into a pipe loads neither node:net nor the streams stack', (command) => {
    const bin = join(import.meta.dirname, '../../bin/lead-kit.cjs');
    const probe = join(dir, 'probe.cjs');
    writeFileSync(probe, "process.on('exit', () => require('fs').writeSync(2, '\\nLOADED ' + process.moduleLoadList.join(',')));");
    const loads = (...args: string[]): { stdout: string; status: number | null; loaded: string[] } => {
      const r = spawnSync(process.execPath, ['-r', probe, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      return { stdout: r.stdout, status: r.status, loaded: r.stderr.split('LOADED ')[1]!.split(',') };
    };
    const empty = new Set(loads('-e', '0').loaded);
    const r = loads(bin, ...command.split(' '));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: lead-kit');
    const heavy = r.loaded
      .filter((m) => !empty.has(m))
      .filter((m) => /^NativeModule (net|child_process|tty|v8|stream|internal\/streams\/.*)$/.test(m));
    expect(heavy).toEqual([]);
  });
});
