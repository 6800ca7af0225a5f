/** A 1-based line and column in a text, plus the 0-based UTF-16 offset. */
export interface Position {
  line: number;
  column: number;
  offset: number;
}

/** Positions by JSON pointer: a Map, or an index that finds them only when asked (src/json/fast.ts). */
export interface PositionIndex {
  get(pointer: string): Position | undefined;
  has(pointer: string): boolean;
}

/** A key written twice in one object: JSON.parse (and this parser) keep the last value. */
export interface DuplicateKey {
  /** JSON pointer of the member */
  pointer: string;
  /** where the key was first written */
  first: Position;
  /** where it was written again (the one whose value is kept) */
  second: Position;
}

export interface LocatedJson {
  value: unknown;
  /** JSON pointer (RFC 6901, "" for the root) → where its value starts (the last value, for a duplicate key) */
  positions: PositionIndex;
  /** JSON pointer → where its key starts (object members only) */
  keyPositions: PositionIndex;
  /** keys written more than once in the same object, in the order found */
  duplicates: DuplicateKey[];
}

/**
 * How deep `[` and `{` may nest in a file lead-kit reads (config, mock config, answers, templates). Real files
 * need a handful of levels; the bound keeps a hostile file from exhausting the stack of any code that walks it.
 */
export const MAX_JSON_DEPTH = 64;

/** A JSON syntax error (or, with kind 'depth', nesting deeper than MAX_JSON_DEPTH) with the place it was found. */
export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: Position,
    readonly kind: 'syntax' | 'depth' = 'syntax',
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }

  /** What to print after `file:line:col: `: "invalid JSON: …", or the depth message with its fix. */
  get summary(): string {
    return this.kind === 'depth' ? this.message : `invalid JSON: ${this.message}`;
  }

  /** The one line a loader prints for it: `file:line:col: summary`. */
  at(file: string): string {
    return `${file}:${this.position.line}:${this.position.column}: ${this.summary}`;
  }

  /** How to fix it: DEPTH_FIX for nesting, else the loader's own advice for a syntax error. */
  fix<T>(syntaxFix: T): string | T {
    return this.kind === 'depth' ? DEPTH_FIX : syntaxFix;
  }
}

/** The message of a kind 'depth' JsonSyntaxError, and how to fix it. */
export const DEPTH_MESSAGE = `JSON nested deeper than ${MAX_JSON_DEPTH} levels`;
export const DEPTH_FIX = 'remove the extra nesting (no lead-kit file needs more than a few levels)';

export function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Parses JSON like JSON.parse, and also records where each value and key starts, so problems can be
 * reported as file:line:column. Node 20's JSON.parse gives no position for most syntax errors.
 */
export function parseJsonWithPositions(text: string): LocatedJson {
  const positions = new Map<string, Position>();
  const keyPositions = new Map<string, Position>();
  const duplicates: DuplicateKey[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const lineStarts = [0];
  for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) === 10) lineStarts.push(k + 1);
  const posAt = (offset: number): Position => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (lineStarts[lo] ?? 0) + 1, offset };
  };
  const fail = (message: string, at = i): never => {
    throw new JsonSyntaxError(message, posAt(at));
  };
  const describe = (at: number): string => (at >= text.length ? 'end of input' : `'${text[at] === '\n' ? '\\n' : text[at]}'`);
  const ws = (): void => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };

  const parseString = (): string => {
    const start = i;
    i++; // opening quote
    let out = '';
    let runStart = i;
    while (true) {
      if (i >= text.length) fail('unterminated string', start);
      const c = text.charCodeAt(i);
      if (c === 34) {
        out += text.slice(runStart, i);
        i++;
        return out;
      }
      if (c < 0x20) fail('control character in string (write it as an escape such as \\n)');
      if (c === 92) {
        out += text.slice(runStart, i);
        const e = text[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && simple[e] !== undefined) {
          out += simple[e];
          i += 2;
        } else if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('invalid \\u escape in string');
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else {
          fail(`invalid escape '\\${e ?? ''}' in string`);
        }
        runStart = i;
        continue;
      }
      i++;
    }
  };

  const parseValue = (pointer: string, depth: number): unknown => {
    ws();
    positions.set(pointer, posAt(i));
    const c = text[i];
    if ((c === '{' || c === '[') && depth >= MAX_JSON_DEPTH) throw new JsonSyntaxError(DEPTH_MESSAGE, posAt(i), 'depth');
    if (c === '{') {
      i++;
      const obj: Record<string, unknown> = {};
      ws();
      if (text[i] === '}') {
        i++;
        return obj;
      }
      while (true) {
        ws();
        if (text[i] !== '"') fail(`expected a property name in double quotes but found ${describe(i)}`);
        const keyAt = i;
        const key = parseString();
        const child = `${pointer}/${escapePointerToken(key)}`;
        const first = Object.hasOwn(obj, key) ? keyPositions.get(child) : undefined;
        keyPositions.set(child, posAt(keyAt));
        if (first !== undefined) duplicates.push({ pointer: child, first, second: posAt(keyAt) });
        ws();
        if (text[i] !== ':') fail(`expected ':' after property name but found ${describe(i)}`);
        i++;
        // Like JSON.parse: every key is an own property, "__proto__" too (an assignment would set the prototype).
        Object.defineProperty(obj, key, { value: parseValue(child, depth + 1), enumerable: true, writable: true, configurable: true });
        ws();
        if (text[i] === ',') {
          i++;
          ws();
          if (text[i] === '}') fail('trailing comma before }');
          continue;
        }
        if (text[i] === '}') {
          i++;
          return obj;
        }
        fail(`expected ',' or '}' but found ${describe(i)}`);
      }
    }
    if (c === '[') {
      i++;
      const arr: unknown[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      while (true) {
        arr.push(parseValue(`${pointer}/${arr.length}`, depth + 1));
        ws();
        if (text[i] === ',') {
          i++;
          ws();
          if (text[i] === ']') fail('trailing comma before ]');
          continue;
        }
        if (text[i] === ']') {
          i++;
          return arr;
        }
        fail(`expected ',' or ']' but found ${describe(i)}`);
      }
    }
    if (c === '"') return parseString();
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    if (literal) {
      i += literal[0].length;
      const word = literal[0];
      return word === 'true' ? true : word === 'false' ? false : word === 'null' ? null : Number(word);
    }
    if (c === "'") fail('strings must use double quotes, not single quotes');
    return fail(`unexpected ${describe(i)}: expected a JSON value`);
  };

  ws();
  if (i >= text.length) fail('empty input: expected a JSON value');
  const value = parseValue('', 0);
  ws();
  if (i < text.length) fail(`unexpected ${describe(i)} after the end of the JSON value`);
  return { value, positions, keyPositions, duplicates };
}
