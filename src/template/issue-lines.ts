import type { z } from 'zod';
import type { LocatedJson } from '../json/locate.js';
import { keysAt } from './keys.js';
import { jsonPath, pointerOf, positionOf } from './problems.js';
import { closest } from './typo.js';

/**
 * zod issues of a JSON file as `file:line:col: <path>: message` lines, in file order: an unknown key points at the
 * key and names the valid key it is probably a misspelling of; a missing key notes an unknown sibling that looks
 * like its misspelling. Used by the config file and `lead-kit test` suite loaders.
 */
export function issueLines(
  located: LocatedJson,
  schema: z.ZodType,
  issues: readonly z.core.$ZodIssue[],
  o: { file: string; showPath: (path: readonly PropertyKey[]) => string; finish?: (message: string) => string },
): string[] {
  const lines: Array<{ at: number; text: string }> = [];
  const push = (path: readonly PropertyKey[], which: 'key' | 'value', text: string): void => {
    const p = positionOf(located, path, which);
    lines.push({ at: p.offset, text: `${o.file}:${p.line}:${p.column}: ${o.showPath(path)}: ${text}` });
  };
  const unknown = issues.flatMap((i) => (i.code === 'unrecognized_keys' ? i.keys.map((key) => ({ parent: jsonPath(i.path), key })) : []));
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const valid = (keysAt(schema, located.value, issue.path) ?? []).filter((k) => k !== '$schema');
      for (const key of issue.keys) {
        const guess = closest(key, valid);
        push(
          [...issue.path, key],
          'key',
          `unknown key "${key}"${guess === undefined ? ` — remove it${valid.length > 0 ? ` (valid keys: ${valid.join(', ')})` : ''}` : ` — did you mean "${guess}"?`}`,
        );
      }
      continue;
    }
    let message = issue.message;
    if (issue.code === 'invalid_type' && !located.positions.has(pointerOf(issue.path))) {
      // a required key is missing: an unknown sibling key may be its misspelling
      const missing = String(issue.path[issue.path.length - 1]);
      const parent = jsonPath(issue.path.slice(0, -1));
      const typo = unknown.find((u) => u.parent === parent && closest(u.key, [missing]) !== undefined);
      if (typo !== undefined) message += ` ("${typo.key}" looks like a misspelling of it)`;
    }
    push(issue.path, 'value', o.finish ? o.finish(message) : message);
  }
  lines.sort((a, b) => a.at - b.at);
  return lines.map((l) => l.text);
}
