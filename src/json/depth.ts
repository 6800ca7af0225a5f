/**
 * The deepest nesting of `[` and `{` in JSON text, found in one linear pass that skips string contents;
 * stops counting as soon as `limit` is exceeded. Lets a parser refuse a deeply nested document before
 * `JSON.parse` builds it (a recursive walk of such a value overflows the stack later).
 */
export function nestingExceeds(text: string, limit: number): boolean {
  // Nesting deeper than `limit` needs more than `limit` opening brackets: counting them (a native search) settles
  // almost every real document without the character-by-character pass below.
  if (openingBrackets(text, limit) <= limit) return false;
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

/** How many `[` and `{` the text holds (inside strings too), counting no further than `limit` + 1. */
function openingBrackets(text: string, limit: number): number {
  let n = 0;
  for (const bracket of ['{', '[']) {
    for (let i = text.indexOf(bracket); i !== -1 && n <= limit; i = text.indexOf(bracket, i + 1)) n++;
  }
  return n;
}
