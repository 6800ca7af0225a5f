import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventKinds } from '../../src/webhooks/kinds.js';
import { readLineBatches } from '../../src/replay/lines.js';
import { loadClient } from '../../src/replay/client.js';
import { LatencyHistogram } from '../../src/replay/stats.js';
import { buildFlow } from '../../src/webhooks/flow.js';
import { buildCtmReferral, buildPostback, toStandby } from '../../src/webhooks/build.js';
import { DEFAULT_LEAD, resolveLeadInput } from '../../src/commands/shared/lead.js';
import { tempDir } from './support.js';

describe('LatencyHistogram', () => {
  it('gives percentiles within 1 % and an exact max, in fixed memory', () => {
    const h = new LatencyHistogram();
    for (let i = 1; i <= 10_000; i++) h.add(i / 10); // 0.1 … 1000 ms
    for (const [p, want] of [
      [50, 500],
      [95, 950],
      [99, 990],
    ] as const) {
      expect(Math.abs(h.percentile(p) - want) / want).toBeLessThan(0.011);
    }
    expect(h.max).toBe(1000);
    expect(h.percentile(100)).toBe(1000);
    expect(new LatencyHistogram().percentile(50)).toBe(0);
  });
});

describe('readLineBatches', () => {
  it('splits lines across chunk boundaries, handles CRLF, blank lines and a last line without newline', async () => {
    const file = join(tempDir(), 'l.txt');
    const long = 'x'.repeat(50);
    writeFileSync(file, `first\r\n\n${long}\nZürich 🙂\nlast`);
    const lines = [];
    for await (const batch of readLineBatches(file, { highWaterMark: 7 })) lines.push(...batch);
    expect(lines).toEqual([
      { line: 1, text: 'first' },
      { line: 3, text: long },
      { line: 4, text: 'Zürich 🙂' },
      { line: 5, text: 'last' },
    ]);
  });

  it('reads into one reused buffer without ever taking bytes left over from an earlier read', async () => {
    const file = join(tempDir(), 'reuse.txt');
    // Lines of every length around the read size, so lines end at, before and after each read boundary, and the
    // last read is short (the bytes after it in the buffer are left from the read before).
    const texts = Array.from({ length: 60 }, (_, i) => (i % 7 === 3 ? '' : `${i}:${'é'.repeat(i % 13)}${'x'.repeat(i % 11)}`));
    writeFileSync(file, texts.join('\n') + '\ntail');
    const want = [...texts, 'tail'].map((text, i) => ({ line: i + 1, text })).filter((l) => l.text !== '');
    for (const highWaterMark of [1, 2, 5, 8, 13, 64]) {
      const lines = [];
      for await (const batch of readLineBatches(file, { highWaterMark })) lines.push(...batch);
      expect(lines).toEqual(want);
    }
  });
});

describe('loadClient', () => {
  it('is the very Client class undici exports (its module was not moved)', async () => {
    expect(loadClient()).toBe((await import('undici')).Client);
  });
});

describe('eventKinds', () => {
  it('names each event of the lead flow and the other webhooks', async () => {
    const lead = await resolveLeadInput(DEFAULT_LEAD, process.cwd(), 1795243782811);
    const steps = buildFlow('complete', lead).filter((s) => s.type === 'delivery');
    expect(steps.map((s) => (s.type === 'delivery' ? eventKinds(s.body) : []))).toEqual([['handover'], ['summary'], ['referral']]);
    const base = { pageId: '1', psid: '2', time: 3, timestamp: 3 };
    expect(eventKinds(buildCtmReferral({ ...base, adId: '4', adTitle: 't', postId: '5' }))).toEqual(['ctm-referral']);
    expect(eventKinds(toStandby(buildPostback({ ...base, mid: 'm', title: 'Go', payload: 'P' })))).toEqual(['standby']);
    expect(eventKinds({ object: 'page', entry: [{ messaging: [{ message: { text: 'hi', is_echo: true } }, { read: {} }] }] })).toEqual([
      'echo',
      'other',
    ]);
    expect(eventKinds({ nope: true })).toEqual([]);
  });
});

describe('progress', () => {
  it('draws sent/ok/failed/rate and a bar on a TTY once the run has lasted the delay, and clears it', async () => {
    const { startProgress } = await import('../../src/replay/progress.js');
    const { ReplayStats } = await import('../../src/replay/stats.js');
    const { createTestIO } = await import('../helpers/deps.js');
    const stats = new ReplayStats();
    stats.answered(200, 1, 'a', () => '');
    stats.answered(403, 1, 'a', () => 'no');
    const tty = createTestIO({ isTTY: true });
    const p = startProgress(tty, stats, () => 8, 10);
    await new Promise((r) => setTimeout(r, 40));
    p.stop();
    expect(tty.stderr()).toMatch(/\[█{6}░{18}\] {2}25% {2}sent 2\/8 {2}ok 1 {2}failed 1 {2}\d+\/s/);
    expect(tty.stderr().endsWith('\r\x1b[2K')).toBe(true);
    const pipe = createTestIO({ isTTY: false });
    const q = startProgress(pipe, stats, () => 8, 0);
    await new Promise((r) => setTimeout(r, 20));
    q.stop();
    expect(pipe.stderr()).toBe('');
    const short = createTestIO({ isTTY: true });
    startProgress(short, stats, () => 8).stop(); // a run under a second draws nothing
    expect(short.stderr()).toBe('');
  });
});
