import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSize } from '../../src/text/size.js';
import { encodeBody, parseRecordLine, recordPath } from '../../src/listen/record-format.js';
import { forwardHeaders } from '../../src/listen/forward.js';
import { openRecorder } from '../../src/listen/recorder.js';
import { tempDir } from '../replay/support.js';

describe('recording format', () => {
  it('keeps bodies as UTF-8 text only when the bytes round-trip, else base64', () => {
    expect(encodeBody(Buffer.from('{"a":"Zürich \\u00fc"}'))).toEqual({ body_encoding: 'utf8', body: '{"a":"Zürich \\u00fc"}' });
    const lone = Buffer.from([0xed, 0xa0, 0x80]); // an encoded lone surrogate: not valid UTF-8
    expect(encodeBody(lone)).toEqual({ body_encoding: 'base64', body: lone.toString('base64') });
  });

  it('reports why a line cannot be replayed', () => {
    expect(parseRecordLine('{"body":"x"')).toMatchObject({ ok: false });
    expect(parseRecordLine('[1]')).toEqual({ ok: false, reason: 'not a JSON object' });
    expect(parseRecordLine('{"received_at":"x"}')).toEqual({ ok: false, reason: 'no "body" string' });
    expect(parseRecordLine('{"body":"x","body_encoding":"hex"}')).toEqual({ ok: false, reason: 'unknown body_encoding "hex"' });
    expect(parseRecordLine('{"body":"%%%","body_encoding":"base64"}')).toEqual({ ok: false, reason: '"body" is not base64' });
    const ok = parseRecordLine('{"body":"e30=","body_encoding":"base64"}');
    expect(ok.ok && ok.body.toString()).toBe('{}');
  });

  it('never records the verify token from a query string', () => {
    expect(recordPath('/webhook?hub.mode=subscribe&hub.verify_token=abc&hub.challenge=1', [])).toBe(
      '/webhook?hub.mode=subscribe&hub.verify_token=<VERIFY_TOKEN>&hub.challenge=1',
    );
  });

  it('forwards headers in their original case and order, without hop-by-hop ones', () => {
    expect(
      forwardHeaders([
        'Host',
        'a',
        'X-Hub-Signature-256',
        'sha256=1',
        'Connection',
        'keep-alive',
        'Content-Length',
        '9',
        'X-A',
        '1',
        'X-A',
        '2',
      ]),
    ).toEqual(['X-Hub-Signature-256', 'sha256=1', 'X-A', '1', 'X-A', '2']);
  });

  it('parses body sizes', () => {
    expect([parseSize('--max-body', '512kb'), parseSize('--max-body', '1mb'), parseSize('--max-body', '100')]).toEqual([
      524288, 1048576, 100,
    ]);
    expect(() => parseSize('--max-body', 'lots')).toThrow('--max-body "lots" is not a size');
  });
});

describe('openRecorder', () => {
  it('appends whole lines, creating the file', () => {
    const file = join(tempDir(), 'new.jsonl');
    const rec = openRecorder(file);
    expect(rec.torn).toBeUndefined();
    rec.append('{"a":1}');
    rec.append('{"b":"ü"}');
    rec.close();
    rec.close();
    expect(readFileSync(file, 'utf8')).toBe('{"a":1}\n{"b":"ü"}\n');
    expect(() => rec.append('{}')).toThrow('closed');
  });

  it('appendSoon: the lines of one turn go out together, each whole and in order, before any promise resolves', async () => {
    const file = join(tempDir(), 'soon.jsonl');
    const rec = openRecorder(file);
    const seen: string[] = [];
    const all = ['{"a":1}', '{"b":"ü"}', '{"c":3}'].map((l) => rec.appendSoon(l).then(() => seen.push(readFileSync(file, 'utf8'))));
    expect(readFileSync(file, 'utf8')).toBe(''); // nothing before the turn ends
    await Promise.all(all);
    expect(seen).toEqual(Array(3).fill('{"a":1}\n{"b":"ü"}\n{"c":3}\n'));
    expect(rec.lines).toBe(3);
    const pending = rec.appendSoon('{"d":4}');
    rec.close(); // closing writes what is queued
    await pending;
    expect(readFileSync(file, 'utf8')).toBe('{"a":1}\n{"b":"ü"}\n{"c":3}\n{"d":4}\n');
    await expect(rec.appendSoon('{}')).rejects.toThrow('closed');
  });

  it.skipIf(!existsSync('/dev/full'))('appendSoon: when the disk refuses, every line of that write fails and none counts', async () => {
    const rec = openRecorder('/dev/full'); // every write fails with ENOSPC
    const results = await Promise.allSettled(['{"a":1}', '{"b":2}'].map((l) => rec.appendSoon(l)));
    expect(results.map((r) => (r.status === 'rejected' ? (r.reason as NodeJS.ErrnoException).code : r.status))).toEqual([
      'ENOSPC',
      'ENOSPC',
    ]);
    expect(rec.lines).toBe(0);
    rec.close();
  });

  it('finds a partial first line, and leaves complete files alone', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'torn.jsonl'), '{"recei');
    const torn = openRecorder(join(dir, 'torn.jsonl'));
    expect(torn.torn).toEqual({ line: 1, bytes: 7 });
    torn.append('{}');
    torn.close();
    expect(readFileSync(join(dir, 'torn.jsonl'), 'utf8')).toBe('{"recei\n{}\n');
    writeFileSync(join(dir, 'whole.jsonl'), '{}\n{}\n');
    const whole = openRecorder(join(dir, 'whole.jsonl'));
    expect(whole.torn).toBeUndefined();
    whole.close();
  });

  it('says which file it cannot open', () => {
    expect(() => openRecorder(join(tempDir(), 'missing-dir', 'x.jsonl'))).toThrow(
      /cannot open the recording .*x\.jsonl for appending: ENOENT/,
    );
  });
});
