import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { JsonSyntaxError, parseJsonWithPositions, type LocatedJson } from '../json/locate.js';
import { keysAt } from '../template/keys.js';
import { jsonPath, positionOf } from '../template/problems.js';
import { closest } from '../template/typo.js';
import { suiteSchema, type Suite } from './schema.js';

/** The default suite file of `lead-kit test`. */
export const SUITE_FILE = 'lead-kit.test.json';

export interface LoadedSuite {
  suite: Suite;
  /** as given (for messages) */
  file: string;
  /** the folder the suite file is in: the app's default cwd */
  dir: string;
}

/**
 * Validates the text of a suite file. Every problem is one line `file:line:col: $.path: what — how to fix`,
 * in file order; all of them together make one InputError (exit 2).
 */
export function parseSuiteText(text: string, file: string): Suite {
  let located: LocatedJson;
  try {
    located = parseJsonWithPositions(text);
  } catch (err) {
    if (!(err instanceof JsonSyntaxError)) throw err;
    throw new InputError(`${file}:${err.position.line}:${err.position.column}: $: invalid JSON: ${err.message} — fix the JSON syntax (strict JSON: double quotes, no trailing commas, no comments)`);
  }
  const parsed = suiteSchema.safeParse(located.value);
  if (parsed.success) return parsed.data;
  const lines: Array<{ at: number; text: string }> = [];
  const push = (path: readonly PropertyKey[], which: 'key' | 'value', message: string): void => {
    const p = positionOf(located, path, which);
    lines.push({ at: p.offset, text: `${file}:${p.line}:${p.column}: ${jsonPath(path)}: ${message}` });
  };
  for (const issue of parsed.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      const valid = (keysAt(suiteSchema, located.value, issue.path) ?? []).filter((k) => k !== '$schema');
      for (const key of issue.keys) {
        const guess = closest(key, valid);
        push([...issue.path, key], 'key', `unknown key "${key}" — ${guess === undefined ? `remove it${valid.length > 0 ? ` (valid keys: ${valid.join(', ')})` : ''}` : `did you mean "${guess}"?`}`);
      }
      continue;
    }
    const message = issue.message.includes(' — ') ? issue.message : `${issue.message} — see \`lead-kit test --schema\``;
    push(issue.path, 'value', message);
  }
  lines.sort((a, b) => a.at - b.at);
  throw new InputError(lines.map((l) => l.text).join('\n'), { details: { file, problems: lines.length } });
}

/** Reads and validates the suite file (relative to `cwd`). */
export async function loadSuite(file: string, cwd: string): Promise<LoadedSuite> {
  const path = resolve(cwd, file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (code ?? (err as Error).message);
    throw new InputError(`cannot read suite ${file}: ${why}`, { hint: file === SUITE_FILE ? 'pass the suite file, or create one with `lead-kit init --test-suite`' : 'check the path' });
  }
  return { suite: parseSuiteText(text, file), file, dir: dirname(path) };
}
