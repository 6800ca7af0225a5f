import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'undici';
import { describe, expect, it } from 'vitest';
import { parseRecordLine } from '../../src/listen/record-format.js';
import { webhookHeaders } from '../../src/webhooks/deliver.js';
import { mulberry32 } from '../../src/webhooks/random.js';
import { spawnBin } from '../helpers/bin.js';
import { SECRET, tempDir, waitFor } from '../replay/support.js';

// A bounded fuzz of the built listen (npm test builds first): valid, forged, malformed, oversized and odd requests
// from 8 connections, then kill -9 mid-run. Every recorded line must be whole and no delivery answered 200 missing.
describe('lead-kit listen under fuzz and kill -9 (issue 13)', () => {
  it('records every delivery it answered 200, each as one whole line, whatever else arrives', async () => {
    const file = join(tempDir(), 'rec.jsonl');
    const bin = spawnBin(['listen', '--port', '0', '--json', '--record', file, '--max-body', '4kb'], {
      env: { LEAD_KIT_APP_SECRET: SECRET },
    });
    await waitFor(() => bin.stdout().includes('"type":"ready"'), 10_000);
    const url = new URL((JSON.parse(bin.stdout().split('\n')[0]!) as { url: string }).url);
    const pool = new Pool(url.origin, { connections: 8 });
    const rnd = mulberry32(13);
    const accepted = new Set<string>();
    const statuses = new Map<number, number>();
    let sent = 0;
    let sending = true;
    const sender = async (w: number): Promise<void> => {
      for (let i = 0; sending; i++) {
        const id = `${w}-${i}`;
        const valid = Buffer.from(
          JSON.stringify({ object: 'page', entry: [{ id, text: 'Zürich 🙂 '.repeat(1 + Math.floor(rnd() * 30)) }] }),
        );
        const kind = Math.floor(rnd() * 8);
        let body: Buffer = valid;
        let headers: Record<string, string> = webhookHeaders(valid, SECRET);
        if (kind === 1) headers = webhookHeaders(valid, 'forged-secret');
        else if (kind === 2) headers = { 'content-type': 'application/json' };
        else if (kind === 3) headers = { ...headers, 'x-hub-signature-256': headers['x-hub-signature']! };
        else if (kind >= 4 && kind <= 6) {
          body =
            kind === 4
              ? Buffer.from('{"x":' + '['.repeat(3000) + ']'.repeat(3000) + '}')
              : kind === 5
                ? Buffer.alloc(6000, 0x7b)
                : Buffer.from([0xff, 0xfe, 0x00, 0x0a, 0x22]);
          headers = webhookHeaders(body, SECRET);
        }
        sent++;
        try {
          const res = await pool.request({
            path: rnd() < 0.05 ? '/elsewhere' : url.pathname,
            method: rnd() < 0.05 ? 'PUT' : 'POST',
            body,
            headers,
          });
          await res.body.dump();
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          if (res.statusCode === 200 && body === valid) accepted.add(id);
        } catch {
          return; // the listener is gone
        }
      }
    };
    const senders = Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map(sender));
    await waitFor(() => sent >= 1500, 25_000);
    bin.child.kill('SIGKILL');
    await bin.exited;
    sending = false;
    await senders;
    await pool.close();

    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    // kill -9 may at most cut the write in progress: every line before the last newline is whole.
    const whole = lines.slice(0, -1);
    expect(whole.every((l) => parseRecordLine(l).ok)).toBe(true);
    const idOf = (l: string): string | undefined => {
      try {
        return (JSON.parse((parseRecordLine(l) as { body: Buffer }).body.toString()) as { entry?: Array<{ id?: string }> }).entry?.[0]?.id;
      } catch {
        return undefined; // a malformed body (answered 400) is recorded too
      }
    };
    const recorded = new Set(whole.map(idOf));
    for (const id of accepted) expect(recorded.has(id), `delivery ${id} answered 200 but not recorded`).toBe(true);
    expect(accepted.size).toBeGreaterThan(100);
    expect([...statuses.keys()].every((s) => [200, 400, 403, 404, 405, 413].includes(s))).toBe(true);
  }, 60_000);
});
