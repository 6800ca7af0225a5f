/** A 1-based line and column in a text, plus the 0-based UTF-16 offset. */
export interface Position {
  line: number;
  column: number;
  offset: number;
}

export interface LocatedJson {
  value: unknown;
  /** JSON pointer (RFC 6901, "" for the root) → where its value starts */
  positions: Map<string, Position>;
  /** JSON pointer → where its key starts (object members only) */
  keyPositions: Map<string, Position>;
}

/** A JSON syntax error with the place it was found. */
export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: Position,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

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
  const describe = (at: number): string =>
    at >= text.length ? 'end of input' : `'${text[at] === '\n' ? '\\n' : text[at]}'`;
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

  const parseValue = (pointer: string): unknown => {
    ws();
    positions.set(pointer, posAt(i));
    const c = text[i];
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
        keyPositions.set(child, posAt(keyAt));
        ws();
        if (text[i] !== ':') fail(`expected ':' after property name but found ${describe(i)}`);
        i++;
        obj[key] = parseValue(child);
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
        arr.push(parseValue(`${pointer}/${arr.length}`));
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
    if (c === "'") fail("strings must use double quotes, not single quotes");
    return fail(`unexpected ${describe(i)}: expected a JSON value`);
  };

  ws();
  if (i >= text.length) fail('empty input: expected a JSON value');
  const value = parseValue('');
  ws();
  if (i < text.length) fail(`unexpected ${describe(i)} after the end of the JSON value`);
  return { value, positions, keyPositions };
}
