import { escapePointerToken, type LocatedJson, type Position } from '../json/locate.js';

/** error: Meta rejects it or silently does something else; warning: probably a mistake; note: worth knowing. */
export type Severity = 'error' | 'warning' | 'note';

/** One finding, placed in the file. `line`/`column` are 1-based; null only when the file could not be read. */
export interface Problem {
  severity: Severity;
  /** JSONPath of the value, e.g. `$.message.attachment.payload.buttons[0].title` */
  path: string;
  line: number | null;
  column: number | null;
  /** what is wrong, why it matters, and how to fix it */
  message: string;
}

/** `$.message.buttons[0].title`; keys that are not identifiers are quoted: `$["a b"]`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '$';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(String(seg))) out += `.${String(seg)}`;
    else out += `[${JSON.stringify(String(seg))}]`;
  }
  return out;
}

/** The JSON pointer (RFC 6901) of a zod path, as `parseJsonWithPositions` keys its maps. */
export function pointerOf(path: readonly PropertyKey[]): string {
  return path.map((seg) => `/${escapePointerToken(String(seg))}`).join('');
}

/**
 * Where to point for `path`: the key itself when `at` is 'key' (unknown keys), else the value; a path that does
 * not exist in the file (a missing key) points at the closest existing ancestor.
 */
export function positionOf(located: LocatedJson, path: readonly PropertyKey[], at: 'key' | 'value' = 'value'): Position {
  if (at === 'key') {
    const p = located.keyPositions.get(pointerOf(path));
    if (p) return p;
  }
  for (let n = path.length; n >= 0; n--) {
    const p = located.positions.get(pointerOf(path.slice(0, n)));
    if (p) return p;
  }
  return { line: 1, column: 1, offset: 0 };
}

/** A problem at `path`, placed at the key (`at: 'key'`) or the value in the parsed file. */
export function problemAt(
  located: LocatedJson,
  severity: Severity,
  path: readonly PropertyKey[],
  message: string,
  at: 'key' | 'value' = 'value',
): Problem {
  const pos = positionOf(located, path, at);
  return { severity, path: jsonPath(path), line: pos.line, column: pos.column, message };
}

const rank: Record<Severity, number> = { error: 0, warning: 1, note: 2 };

/** Orders problems as they appear in the file, errors first at the same place. */
export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || rank[a.severity] - rank[b.severity],
  );
}

/** How many errors, warnings and notes there are. */
export function countBySeverity(problems: readonly Problem[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, note: 0 };
  for (const p of problems) c[p.severity]++;
  return c;
}
