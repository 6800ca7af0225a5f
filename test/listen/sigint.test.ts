import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'undici';
import { describe, expect, it } from 'vitest';
import { parseRecordLine } from '../../src/listen/record-format.js';
import { webhookHeaders } from '../../src/webhooks/deliver.js';
import { spawnBin } from '../helpers/bin.js';
import { SECRET, tempDir, waitFor } from '../replay/support.js';

// Spawns the BUILT bin (npm test builds first) and interrupts it with a real SIGINT while deliveries pour in.
describe('lead-kit listen: Ctrl-C', () => {
  it('stops with exit 130 and leaves a recording of whole JSON lines only', async () => {
    const file = join(tempDir(), 'rec.jsonl');
    const bin = spawnBin(['listen', '--port', '0', '--json', '--record', file], { env: { LEAD_KIT_APP_SECRET: SECRET } });
    await waitFor(() => bin.stdout().includes('"type":"ready"'), 10_000);
    const url = new URL((JSON.parse(bin.stdout().split('\n')[0]!) as { url: string }).url);
    const pool = new Pool(url.origin, { connections: 8 });
    let accepted = 0;
    let sending = true;
    const sender = async (w: number): Promise<void> => {
      for (let i = 0; sending; i++) {
        const body = Buffer.from(JSON.stringify({ object: 'page', entry: [{ id: `${w}-${i}`, text: 'Zürich '.repeat(40) }] }));
        try {
          const res = await pool.request({ path: url.pathname, method: 'POST', body, headers: webhookHeaders(body, SECRET) });
          await res.body.dump();
          if (res.statusCode === 200) accepted++;
        } catch {
          return; // the listener is gone
        }
      }
    };
    const senders = Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map(sender));
    await waitFor(() => accepted >= 200, 10_000);
    bin.child.kill('SIGINT');
    const { code, stdout, stderr } = await bin.exited;
    sending = false;
    await senders;
    await pool.close();
    expect(code).toBe(130);
    const text = readFileSync(file, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.slice(0, -1).split('\n');
    expect(lines.every((l) => parseRecordLine(l).ok)).toBe(true);
    // everything answered 200 was recorded first, exactly once
    expect(lines.length).toBeGreaterThanOrEqual(accepted);
    expect(new Set(lines.map((l) => (parseRecordLine(l) as { body: Buffer }).body.toString())).size).toBe(lines.length);
    const events = stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; recorded?: number });
    expect(events.at(-1)).toMatchObject({ type: 'stopped', recorded: lines.length });
    expect(stdout + stderr).not.toContain(SECRET);
  });
});
