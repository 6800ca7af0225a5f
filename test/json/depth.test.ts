import { describe, expect, it } from 'vitest';
import { nestingExceeds } from '../../src/json/depth.js';

/** The reference: the deepest nesting outside strings, by a plain walk. */
function depthOf(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') max = Math.max(max, ++depth);
    else if (c === '}' || c === ']') depth--;
  }
  return max;
}

describe('nestingExceeds', () => {
  const nest = (n: number): string => `${'{"a":['.repeat(n)}1${']}'.repeat(n)}`;
  const cases = [
    '{}',
    '{"a":1}',
    nest(31), // 62 levels
    nest(32), // 64 levels: at the limit
    `${nest(32)}`.replace('1', '[1]'), // 65 levels
    `[${'{}'.repeat(200)}]`, // many brackets, shallow
    `{"s":"${'['.repeat(100)}"}`, // brackets inside a string do not nest
    `{"s":"\\"${'{'.repeat(100)}"}`, // an escaped quote does not end the string
    `${'['.repeat(65)}`, // unclosed
  ];
  it.each(cases.map((c, i) => [i, c]))('case %i agrees with a plain walk at limit 64', (_i, text) => {
    expect(nestingExceeds(text as string, 64)).toBe(depthOf(text as string) > 64);
  });

  it('refuses 65 levels and accepts 64', () => {
    expect(nestingExceeds('['.repeat(64) + ']'.repeat(64), 64)).toBe(false);
    expect(nestingExceeds('['.repeat(65) + ']'.repeat(65), 64)).toBe(true);
  });
});
