import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseRecordLine, type RecordLine } from '../../src/listen/record-format.js';
import { runCli } from '../helpers/cli.js';
import { SECRET, startListenRun, tempDir, type RunningListen } from './support.js';

const running: RunningListen[] = [];
afterEach(async () => {
  for (const l of running.splice(0)) await l.stop();
});

const records = (file: string): Array<{ record: RecordLine; body: Buffer }> =>
  readFileSync(file, 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => {
      const p = parseRecordLine(l);
      if (!p.ok) throw new Error(p.reason);
      return { record: p.record, body: p.body };
    });

describe('round trip: simulate → listen --record → replay the recording → listen --record', () => {
  it('keeps every byte, and the replayed deliveries carry valid signatures', async () => {
    const dir = tempDir();
    const first = await startListenRun({ appSecret: SECRET, record: join(dir, 'a.jsonl') });
    running.push(first);
    const sim = await runCli([
      'simulate',
      '--endpoint',
      first.url,
      '--app-secret',
      SECRET,
      '--answer',
      'Ville ?=Zürich 🙂',
      '--answer',
      'Where do you ship from?=São Paulo',
    ]);
    expect(sim.code).toBe(0);
    const a = records(join(dir, 'a.jsonl'));
    expect(a).toHaveLength(3);
    expect(a.every((x) => x.record.signature_ok === true)).toBe(true);
    expect(a.map((x) => x.body.toString()).join('')).toContain('Z\\u00fcrich \\ud83d\\ude42');

    // Re-signed with another app's secret.
    const second = await startListenRun({ appSecret: 'second-app-secret', record: join(dir, 'b.jsonl') });
    running.push(second);
    const re = await runCli(['replay', join(dir, 'a.jsonl'), '--endpoint', second.url, '--app-secret', 'second-app-secret']);
    expect(re.code).toBe(0);
    const b = records(join(dir, 'b.jsonl'));
    expect(b.map((x) => x.body)).toEqual(a.map((x) => x.body));
    expect(b.map((x) => [x.record.sha256, x.record.sha1])).toEqual(a.map(() => ['valid', 'valid']));
    expect(b.map((x) => x.record.headers['facebook-api-version'])).toEqual(a.map((x) => x.record.headers['facebook-api-version']));

    // Without a secret: the recorded signatures go out unchanged and still match.
    const third = await startListenRun({ appSecret: SECRET, record: join(dir, 'c.jsonl') });
    running.push(third);
    expect((await runCli(['replay', join(dir, 'a.jsonl'), '--endpoint', third.url])).code).toBe(0);
    const c = records(join(dir, 'c.jsonl'));
    expect(c.map((x) => x.body)).toEqual(a.map((x) => x.body));
    expect(c.map((x) => x.record.headers['x-hub-signature-256'])).toEqual(a.map((x) => x.record.headers['x-hub-signature-256']));
    expect(c.every((x) => x.record.signature_ok === true)).toBe(true);
  });
});
