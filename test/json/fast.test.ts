import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseJsonFast } from '../../src/json/fast.js';
import { JsonSyntaxError, parseJsonWithPositions } from '../../src/json/locate.js';
import { listPointers } from '../../src/json/pointer.js';

const dirs = ['fixtures/templates/valid/', 'fixtures/templates/invalid/'];
const texts: Array<[string, string]> = dirs.flatMap((d) =>
  readdirSync(d)
    .filter((f) => f.endsWith('.json'))
    .map((f) => [d + f, readFileSync(d + f, 'utf8')] as [string, string]),
);
texts.push(
  ['escapes', '{"a\\"b": ["x\\\\", "\\"", {"c": "\\\\\\""}], "d": {"e": [1, 2.5e3, null, true]}}'],
  ['bom and CRLF', '\ufeff{\r\n  "a": [\r\n    {"b": 1}\r\n  ]\r\n}'],
  ['slash and tilde keys', '{"a/b": {"c~d": [0, {"": 1}]}}'],
);

describe('parseJsonFast finds the same values and positions as parseJsonWithPositions', () => {
  it.each(texts)('%s', (_name, text) => {
    let slow;
    try {
      slow = parseJsonWithPositions(text);
    } catch (err) {
      expect(err).toBeInstanceOf(JsonSyntaxError);
      expect(() => parseJsonFast(text)).toThrow(JsonSyntaxError);
      return;
    }
    const fast = parseJsonFast(text);
    expect(fast.value).toEqual(slow.value);
    for (const p of ['', ...listPointers(slow.value)]) {
      expect(fast.positions.get(p), p).toEqual(slow.positions.get(p));
      expect(fast.keyPositions.get(p), p).toEqual(slow.keyPositions.get(p));
    }
    expect(fast.positions.get('/no/such/thing')).toBeUndefined();
    expect(fast.positions.has('/message/0')).toBe(false);
  });

  it('hands duplicates, "__proto__" and escaped keys to the locating parser', () => {
    expect(parseJsonFast('{"a": 1, "a": 2}').duplicates).toHaveLength(1);
    expect(parseJsonFast('{"a": {"b": 1}, "c": {"b": 2}}').duplicates).toHaveLength(0);
    expect(parseJsonFast('{"\\u0061": 1, "a": 2}').duplicates).toHaveLength(1);
    const proto = parseJsonFast('{"__proto__": {"x": 1}}').value as Record<string, unknown>;
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
    expect(Object.keys(proto)).toEqual(['__proto__']);
  });
});
