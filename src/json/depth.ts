/**
 * The deepest nesting of `[` and `{` in JSON text, found in one linear pass that skips string contents;
 * stops counting as soon as `limit` is exceeded. Lets a parser refuse a deeply nested document before
 * `JSON.parse` builds it (a recursive walk of such a value overflows the stack later).
 */
export function nestingExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > limit) return true;
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth--;
  }
  return false;
}
