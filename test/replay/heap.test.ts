import { describe, expect, it } from 'vitest';
import { keepHeapFlat } from '../../src/replay/heap.js';

describe('keepHeapFlat', () => {
  it('asks V8 for a full collection once the old generation has grown by the slack, without exposing gc()', async () => {
    const before = typeof (globalThis as { gc?: unknown }).gc;
    const keeper = keepHeapFlat(10, 1024 * 1024);
    const kept: Array<{ i: number; s: string }> = [];
    // Objects still referenced after two young-generation collections move to the old generation.
    for (let round = 0; round < 400 && keeper.collections === 0; round++) {
      for (let i = 0; i < 20_000; i++) kept.push({ i, s: `object ${i}` });
      await new Promise((r) => setTimeout(r, 15));
    }
    keeper.stop();
    expect(kept.length).toBeGreaterThan(0);
    expect(keeper.collections).toBeGreaterThan(0);
    expect(typeof (globalThis as { gc?: unknown }).gc).toBe(before);
  });
});
