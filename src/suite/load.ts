import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { JsonSyntaxError, parseJsonWithPositions, type LocatedJson } from '../json/locate.js';
import { issueLines } from '../template/issue-lines.js';
import { jsonPath } from '../template/problems.js';
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
    const { line, column } = err.position;
    throw new InputError(
      `${file}:${line}:${column}: $: ${err.summary} — ${err.fix('fix the JSON syntax (strict JSON: double quotes, no trailing commas, no comments)')}`,
    );
  }
  const parsed = suiteSchema.safeParse(located.value);
  if (parsed.success) return parsed.data;
  const lines = issueLines(located, suiteSchema, parsed.error.issues, {
    file,
    showPath: jsonPath,
    finish: (m) => (m.includes(' — ') ? m : `${m} — see \`lead-kit test --schema\``),
  });
  throw new InputError(lines.join('\n'), { details: { file, problems: lines.length } });
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
    throw new InputError(`cannot read suite ${file}: ${why}`, {
      hint: file === SUITE_FILE ? 'pass the suite file, or create one with `lead-kit init --test-suite`' : 'check the path',
    });
  }
  return { suite: parseSuiteText(text, file), file, dir: dirname(path) };
}
