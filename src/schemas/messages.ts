/** Helpers for schema error messages that say what is wrong and how to fix it. */

/** How a JSON value reads in a message: `null`, `the string "4"`, `2.5`, `an array`. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 37) + '…' : v)}`;
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return String(v);
}

type Iss = { input?: unknown };

/** A type error that reads "X is missing — add it" or "X must be Y, not Z". */
export const typeError =
  (what: string, expected: string, example?: string) =>
  (iss: Iss): string =>
    iss.input === undefined
      ? `${what} is missing — add it${example === undefined ? '' : `, e.g. ${example}`}`
      : `${what} must be ${expected}, not ${describeValue(iss.input)}${example === undefined ? '' : ` — e.g. ${example}`}`;
