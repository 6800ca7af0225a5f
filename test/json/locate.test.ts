import { describe, expect, it } from 'vitest';
import { JsonSyntaxError, parseJsonWithPositions } from '../../src/json/locate.js';
import { setExisting, listPointers } from '../../src/json/pointer.js';

describe('parseJsonWithPositions', () => {
  const text = '{\n  "message": {\n    "receiving_app_control_expiration": 8,\n    "a/b": [1, "x"]\n  }\n}';
  it('parses like JSON.parse', () => {
    expect(parseJsonWithPositions(text).value).toEqual(JSON.parse(text));
    for (const t of ['1', '"é\\u00e9\\n"', '[]', '{}', 'null', '-1.5e3', '[true,false]'])
      expect(parseJsonWithPositions(t).value).toEqual(JSON.parse(t));
  });
  it('records where each value and key starts', () => {
    const { positions, keyPositions } = parseJsonWithPositions(text);
    expect(positions.get('/message/receiving_app_control_expiration')).toMatchObject({ line: 3, column: 41 });
    expect(keyPositions.get('/message/receiving_app_control_expiration')).toMatchObject({ line: 3, column: 5 });
    expect(positions.get('/message/a~1b/1')).toMatchObject({ line: 4, column: 16 });
  });
  it.each([
    ['{"a": 1,}', 1, 9, /trailing comma/],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, /expected ',' or '}'/],
    ["{'a': 1}", 1, 2, /double quotes/],
    ['[1, 2', 1, 6, /expected ',' or ']' but found end of input/],
    ['', 1, 1, /empty input/],
    ['{"a": "x\ny"}', 1, 9, /control character/],
  ])('reports %j at line %i column %i', (t, line, column, msg) => {
    try {
      parseJsonWithPositions(t);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(JsonSyntaxError);
      expect((err as JsonSyntaxError).position).toMatchObject({ line, column });
      expect((err as Error).message).toMatch(msg);
    }
  });
});

describe('JSON pointers', () => {
  it('lists every pointer and sets only existing ones', () => {
    const doc = { a: [{ b: 1 }], 'c/d': 2 };
    expect(listPointers(doc)).toEqual(['/a', '/a/0', '/a/0/b', '/c~1d']);
    setExisting(doc, '/c~1d', 3);
    expect(doc['c/d']).toBe(3);
    expect(() => setExisting(doc, '/a/1', 0)).toThrow(/does not exist/);
  });
});
