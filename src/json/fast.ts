import { MAX_JSON_DEPTH, parseJsonWithPositions, type LocatedJson, type Position } from './locate.js';

/**
 * Parses JSON like `parseJsonWithPositions`, but fast when nothing is unusual: JSON.parse builds the value, one
 * linear scan checks that no object repeats a key or has a "__proto__" or escaped key and that nesting stays within
 * MAX_JSON_DEPTH, and positions are found only for the pointers asked for. Anything else (a syntax error, too deep,
 * a duplicate or unusual key) goes through `parseJsonWithPositions`, which locates and reports it.
 * @throws JsonSyntaxError (kind 'syntax' or 'depth') with the position
 */
export function parseJsonFast(text: string): LocatedJson {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let value: unknown;
  try {
    value = JSON.parse(start === 0 ? text : text.slice(1));
  } catch {
    return parseJsonWithPositions(text);
  }
  if (!plainJson(text, start)) return parseJsonWithPositions(text);
  const index = new SeekIndex(text, start);
  return {
    value,
    positions: { get: (p) => index.find(p).value, has: (p) => index.find(p).value !== undefined },
    keyPositions: { get: (p) => index.find(p).key, has: (p) => index.find(p).key !== undefined },
    duplicates: [],
  };
}

/**
 * True when `text` (valid JSON) nests at most MAX_JSON_DEPTH levels and has no object with a repeated key, a
 * "__proto__" key or a key written with an escape (which could spell either). One pass; string bodies are
 * skipped with indexOf.
 */
function plainJson(text: string, from: number): boolean {
  const objects: Array<Set<string> | null> = []; // per open container: its keys so far (null for an array)
  let expectKey = false;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      const end = stringEnd(text, i);
      if (expectKey) {
        const key = text.slice(i + 1, end);
        const keys = objects[objects.length - 1]!;
        if (key === '__proto__' || key.includes('\\') || keys.has(key)) return false;
        keys.add(key);
        expectKey = false;
      }
      i = end;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (objects.length >= MAX_JSON_DEPTH) return false;
      objects.push(c === 123 ? new Set() : null);
      expectKey = c === 123;
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      objects.pop();
    } else if (c === 44 /* , */) {
      expectKey = objects[objects.length - 1] !== null;
    }
  }
  return true;
}

/** The index of the quote that closes the string opening at `open` (valid JSON assumed). */
function stringEnd(text: string, open: number): number {
  let end = text.indexOf('"', open + 1);
  while (text.charCodeAt(end - 1) === 92 /* \ */) {
    let k = end - 1;
    while (text.charCodeAt(k) === 92) k--;
    if ((end - 1 - k) % 2 === 0) break; // an even run of backslashes escapes itself, not the quote
    end = text.indexOf('"', end + 1);
  }
  return end;
}

/** The index just past the value starting at `i` (valid JSON assumed). */
function valueEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 34) return stringEnd(text, i) + 1;
  if (c === 123 || c === 91) {
    let depth = 0;
    for (let k = i; k < text.length; k++) {
      const d = text.charCodeAt(k);
      if (d === 34) k = stringEnd(text, k);
      else if (d === 123 || d === 91) depth++;
      else if ((d === 125 || d === 93) && --depth === 0) return k + 1;
    }
    return text.length;
  }
  let k = i;
  for (let d = text.charCodeAt(k); k < text.length && d !== 44 && d !== 93 && d !== 125 && !isWs(d); d = text.charCodeAt(++k));
  return k;
}

const isWs = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;

const skipWs = (text: string, i: number): number => {
  while (i < text.length && isWs(text.charCodeAt(i))) i++;
  return i;
};

/** Finds where the value (and key) of a JSON pointer start, by walking down to it; answers are remembered. */
class SeekIndex {
  private readonly found = new Map<string, { value?: Position; key?: Position }>();
  private lineStarts: number[] | undefined;

  constructor(
    private readonly text: string,
    private readonly start: number,
  ) {}

  find(pointer: string): { value?: Position; key?: Position } {
    let hit = this.found.get(pointer);
    if (hit === undefined) {
      hit = this.seek(pointer);
      this.found.set(pointer, hit);
    }
    return hit;
  }

  private seek(pointer: string): { value?: Position; key?: Position } {
    const { text } = this;
    const tokens =
      pointer === ''
        ? []
        : pointer
            .slice(1)
            .split('/')
            .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
    let i = skipWs(text, this.start);
    let key: number | undefined;
    for (const token of tokens) {
      const c = text.charCodeAt(i);
      if (c === 123) {
        i = skipWs(text, i + 1);
        for (;;) {
          if (text.charCodeAt(i) !== 34) return {};
          const keyAt = i;
          const end = stringEnd(text, i);
          const name = text.slice(i + 1, end); // plain keys only reach here (see plainJson)
          i = skipWs(text, skipWs(text, end + 1) + 1); // past the ':'
          if (name === token) {
            key = keyAt;
            break;
          }
          i = skipWs(text, valueEnd(text, i));
          if (text.charCodeAt(i) !== 44) return {};
          i = skipWs(text, i + 1);
        }
      } else if (c === 91 && /^(0|[1-9]\d*)$/.test(token)) {
        i = skipWs(text, i + 1);
        for (let n = Number(token); n > 0; n--) {
          if (text.charCodeAt(i) === 93) return {};
          i = skipWs(text, valueEnd(text, i));
          if (text.charCodeAt(i) !== 44) return {};
          i = skipWs(text, i + 1);
        }
        if (text.charCodeAt(i) === 93) return {};
        key = undefined;
      } else {
        return {};
      }
    }
    return key === undefined ? { value: this.position(i) } : { value: this.position(i), key: this.position(key) };
  }

  private position(offset: number): Position {
    if (this.lineStarts === undefined) {
      this.lineStarts = [0];
      for (let k = this.text.indexOf('\n'); k !== -1; k = this.text.indexOf('\n', k + 1)) this.lineStarts.push(k + 1);
    }
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1, offset };
  }
}
