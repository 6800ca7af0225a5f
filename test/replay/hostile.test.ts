import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readLineBatches, type Line } from '../../src/replay/lines.js';
import { webhookHeaders } from '../../src/webhooks/deliver.js';
import { runCli } from '../helpers/cli.js';
import { spawnBin } from '../helpers/bin.js';
import { SECRET, startEndpoint, tempDir, waitFor, type TestEndpoint } from './support.js';

let ep: TestEndpoint | undefined;
afterEach(async () => {
  await ep?.close();
  ep = undefined;
});

const BODY = '{"object":"page","entry":[]}';
const recordLine = (): string =>
  JSON.stringify({
    received_at: '2026-11-21T10:00:00.000Z',
    method: 'POST',
    path: '/webhook',
    headers: webhookHeaders(Buffer.from(BODY), SECRET),
    body_encoding: 'utf8',
    body: BODY,
  });

async function collect(file: string, opts: Parameters<typeof readLineBatches>[1]): Promise<Line[]> {
  const out: Line[] = [];
  for await (const batch of readLineBatches(file, opts)) out.push(...batch);
  return out;
}

describe('replay line reader (issue 13 item 4)', () => {
  it('reports a line over --max-line-bytes without keeping it, and reads the lines after it', async () => {
    const file = join(tempDir(), 'long.jsonl');
    writeFileSync(file, `a\n${'x'.repeat(5000)}\r\nb\n${'y'.repeat(3000)}`);
    const lines = await collect(file, { highWaterMark: 64, maxLineBytes: 1000 });
    expect(lines).toEqual([
      { line: 1, text: 'a' },
      { line: 2, text: '', overLimit: 5001 },
      { line: 3, text: 'b' },
      { line: 4, text: '', overLimit: 3000 },
    ]);
  });

  it('keeps lines up to the limit whole across many small chunks', async () => {
    const file = join(tempDir(), 'ok.jsonl');
    const long = 'é'.repeat(400); // 800 bytes
    writeFileSync(file, `${long}\n${long}`);
    expect(await collect(file, { highWaterMark: 7, maxLineBytes: 800 })).toEqual([
      { line: 1, text: long },
      { line: 2, text: long },
    ]);
  });

  it('stops reading as soon as the signal fires', async () => {
    const file = join(tempDir(), 'big.jsonl');
    writeFileSync(file, 'z'.repeat(4 * 1024 * 1024));
    const ac = new AbortController();
    ac.abort();
    expect(await collect(file, { highWaterMark: 1024, maxLineBytes: 1 << 30, signal: ac.signal })).toEqual([]);
  });
});

describe('lead-kit replay on hostile inputs (issue 13 item 4)', () => {
  it('refuses a device (/dev/zero) with exit 2 and plain words, before reading it', async () => {
    const r = await runCli(['replay', '/dev/zero', '--endpoint', 'http://127.0.0.1:9/webhook', '--app-secret', 'x-secret']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\/dev\/zero is not a regular file/);
  });

  it('refuses a FIFO without waiting for a writer', async () => {
    const fifo = join(tempDir(), 'in.jsonl');
    execFileSync('mkfifo', [fifo]);
    const r = await runCli(['replay', fifo, '--endpoint', 'http://127.0.0.1:9/webhook']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not a regular file \(a FIFO\)/);
  });

  it('a line over --max-line-bytes is exit 2 naming file:line; with --on-error skip the other lines are sent', async () => {
    ep = await startEndpoint((_req, _b, res) => res.end('EVENT_RECEIVED'));
    const file = join(tempDir(), 'rec.jsonl');
    writeFileSync(file, `${recordLine()}\n${'{"x":"' + 'a'.repeat(4000) + '"}'}\n${recordLine()}\n`);
    const fail = await runCli(['replay', file, '--endpoint', ep.url, '--max-line-bytes', '1kb']);
    expect(fail.code).toBe(2);
    expect(fail.stderr).toMatch(/rec\.jsonl:2: the line is longer than 1024 bytes/);
    expect(fail.stderr).toMatch(/--max-line-bytes/);
    const skip = await runCli(['replay', file, '--endpoint', ep.url, '--max-line-bytes', '1kb', '--on-error', 'skip', '--json']);
    expect(skip.code).toBe(0);
    expect(JSON.parse(skip.stdout)).toMatchObject({ sent: 2, accepted: 2, skipped: 1 });
  });

  it('an interrupted replay says how far it got and never prints the green all-accepted line', async () => {
    ep = await startEndpoint((_req, _b, res) => setTimeout(() => res.end('EVENT_RECEIVED'), 20));
    const file = join(tempDir(), 'lead.json');
    writeFileSync(file, BODY);
    const bin = spawnBin(['replay', file, '--endpoint', ep.url, '--repeat', '60000', '--concurrency', '2'], {
      env: { LEAD_KIT_APP_SECRET: SECRET },
    });
    await waitFor(() => ep!.received.length >= 10, 10_000);
    bin.child.kill('SIGINT');
    const { code, stdout } = await bin.exited;
    expect(code).toBe(130);
    expect(stdout).toMatch(/interrupted after [\d,]+ of 60,000/);
    expect(stdout).not.toMatch(/✓ all/);
  });
});
