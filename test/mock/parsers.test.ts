import { describe, expect, it } from 'vitest';
import { evaluateAll, parseExpectation } from '../../src/mock/expect.js';
import type { RecordedCall } from '../../src/mock/calls.js';
import { parseFields } from '../../src/mock/fields.js';
import { parseLenientJson } from '../../src/mock/lenient-json.js';

describe("lenient JSON (form values in Meta's curl examples)", () => {
  it('reads single quotes, bare keys and strict JSON alike', () => {
    expect(parseLenientJson("{'id':'5794982867201265'}")).toEqual({ id: '5794982867201265' });
    expect(parseLenientJson("{'text':'it\\'s \"fine\"', n: 1.5, ok: true, x: null, list: ['a', \"b\"]}")).toEqual({
      text: 'it\'s "fine"',
      n: 1.5,
      ok: true,
      x: null,
      list: ['a', 'b'],
    });
    expect(parseLenientJson('{"id": 12345678901234567890}')).toEqual({ id: '12345678901234567890' });
    expect(Object.getPrototypeOf(parseLenientJson('{"__proto__": {"polluted": 1}}'))).toBe(Object.prototype);
  });

  it('rejects what is not JSON-ish', () => {
    for (const bad of ["{'id':", '{id}', "{'a':1,}x", "'open", '[1 2]', '{'.repeat(100)])
      expect(() => parseLenientJson(bad), bad).toThrow(SyntaxError);
  });
});

describe('Graph fields', () => {
  it('parses nested fields and ignores modifiers', () => {
    const f = parseFields('participants,messages.limit(5){message,created_time}')!;
    expect([...f.keys()]).toEqual(['participants', 'messages']);
    expect([...f.get('messages')!.keys()]).toEqual(['message', 'created_time']);
    expect(() => parseFields('messages{message')).toThrow(/missing }/);
  });
});

describe('expectations', () => {
  const call = (seq: number, route: string, body: Record<string, unknown>, status = 200): RecordedCall => ({
    seq,
    at: '',
    method: 'POST',
    path: `/v26.0${route.slice(5)}`,
    version: 'v26.0',
    route,
    query: {},
    body,
    page_id: '1',
    app_id: '2',
    psid: '9',
    during_lead_flow: false,
    status,
    response: {},
    ms: 0,
  });
  const ctx = { psid: '9', defaultAppId: '100' };

  it('parses the five kinds and refuses others', () => {
    expect(['reply', 'pass', 'pass:123', 'release', 'no-send-during-flow'].map(parseExpectation)).toEqual([
      { kind: 'reply' },
      { kind: 'pass' },
      { kind: 'pass', appId: '123' },
      { kind: 'release' },
      { kind: 'no-send-during-flow' },
    ]);
    expect(() => parseExpectation('passes')).toThrow(/not an expectation/);
  });

  it('a pass without a target counts as a pass to the default app; thread_control release counts as release', () => {
    const calls = [
      call(1, 'POST /me/pass_thread_control', { recipient: { id: '9' } }),
      call(2, 'POST /me/messages', { recipient: { id: '9' }, message: { text: 'x' }, thread_control: { app_id: '5' } }),
    ];
    const r = evaluateAll([parseExpectation('pass:100'), parseExpectation('release'), parseExpectation('reply')], calls, ctx);
    expect(r.map((x) => [x.expect, x.ok, x.matched?.seq])).toEqual([
      ['pass:100', true, 1],
      ['release', true, 2],
      ['reply', true, 2],
    ]);
  });

  it('a reply to another PSID or a refused reply is a near miss, not a match', () => {
    const calls = [call(1, 'POST /me/messages', { message: { text: 'x' } }, 400), call(2, 'POST /me/messages', { message: { text: 'x' } })];
    calls[1]!.psid = '8';
    const [r] = evaluateAll([parseExpectation('reply')], calls, ctx);
    expect(r!.ok).toBe(false);
    expect(r!.near_misses.map((n) => n.differences.map((d) => d.field))).toEqual([['psid'], ['status']]);
  });
});
