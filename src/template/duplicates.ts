import type { LocatedJson } from '../json/locate.js';
import { jsonPath, type Problem } from './problems.js';

const shown = (v: unknown): string => {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 37)}…` : v);
  if (Array.isArray(v)) return 'an array […]';
  if (v !== null && typeof v === 'object') return 'an object {…}';
  return String(v);
};

/**
 * A warning for every key written twice in one object, at the second one: JSON.parse (and so lead-kit's checks)
 * keeps the last value, but which one Meta's parser keeps is not documented, so the checks may not see what Meta
 * reads.
 */
export function duplicateKeyProblems(located: LocatedJson): Problem[] {
  return located.duplicates.map(({ pointer, first, second }) => {
    const tokens = pointer
      .slice(1)
      .split('/')
      .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
    const path: PropertyKey[] = [];
    let node: unknown = located.value;
    for (const t of tokens) {
      const seg = Array.isArray(node) ? Number(t) : t;
      path.push(seg);
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[seg as string] : undefined;
    }
    const key = tokens[tokens.length - 1]!;
    return {
      severity: 'warning',
      path: jsonPath(path),
      line: second.line,
      column: second.column,
      message: `duplicate key "${key}" (first at ${first.line}:${first.column}, again at ${second.line}:${second.column}): a JSON parser keeps the last value, ${shown(node)}, and lead-kit checks that one, but Meta does not document which one it reads — keep only one "${key}"`,
    };
  });
}
