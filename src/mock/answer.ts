/**
 * An answer whose JSON text a handler wrote itself, for the hot routes: the mock sends `json` as it is instead
 * of building an object and stringifying it. Anything that serializes it generically (a batch operation's body,
 * the call log) gets the same JSON through `toJSON`.
 */
export class PreparedJson {
  constructor(readonly json: string) {}

  /** The answer as a value, parsed from its text. */
  toJSON(): unknown {
    return JSON.parse(this.json);
  }
}

/** A JSON string literal: the text in quotes when it needs no escaping (ids, digits), else JSON.stringify's. */
export function jsonString(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Printable ASCII but for `"` and `\`.
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return JSON.stringify(text);
  }
  return `"${text}"`;
}

/** A JSON number literal (`null` for NaN and infinities, as JSON.stringify writes them). */
export function jsonNumber(n: number): string {
  return Number.isFinite(n) ? String(n) : 'null';
}

/** A handler's answer as a plain value (a PreparedJson parsed back). */
export function answerValue(answer: unknown): unknown {
  return answer instanceof PreparedJson ? answer.toJSON() : answer;
}
