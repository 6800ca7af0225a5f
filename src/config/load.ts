import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InputError } from '../errors.js';
import { JsonSyntaxError, parseJsonWithPositions, type LocatedJson } from '../json/locate.js';
import { configSchema, type Config } from '../schemas/config.js';
import { issueLines } from '../template/issue-lines.js';
import { jsonPath } from '../template/problems.js';
import { CONFIG_FILE } from './file-name.js';
import { findSecretKeys, secretAdvice } from './secrets.js';

export { CONFIG_FILE };

export interface LoadedConfig {
  /** absolute path */
  path: string;
  /** the name used in messages: as given to --config, or lead-kit.config.json */
  file: string;
  config: Config;
}

const HINT = (file: string): string => `fix ${file}, or point --config at another file`;

const shownPath = (path: readonly PropertyKey[]): string => (path.length === 0 ? '(top level)' : jsonPath(path).replace(/^\$\.?/, ''));

/**
 * Parses and validates the text of a config file. Secret-looking keys are rejected first (with where they are
 * and where the secret belongs instead), then the zod schema; every problem reads `file:line:col: path: message`.
 * @throws InputError (exit 2)
 */
export function parseConfigText(text: string, file: string): Config {
  let located: LocatedJson;
  try {
    located = parseJsonWithPositions(text);
  } catch (err) {
    if (!(err instanceof JsonSyntaxError)) throw err;
    throw new InputError(err.at(file), { hint: err.fix(HINT(file)) });
  }
  const secrets = findSecretKeys(located.value);
  if (secrets.length > 0) {
    const lines = secrets.map((s) => {
      const p = located.keyPositions.get(s.pointer) ?? { line: 1, column: 1 };
      return `${file}:${p.line}:${p.column}: "${s.key}" looks like a secret, and secrets do not belong in ${file} (it is meant to be shared and committed) — remove it and ${secretAdvice(s.key)}`;
    });
    throw new InputError(lines.join('\n'), {
      hint: 'lead-kit reads secrets only from environment variables or flags, and never prints them',
    });
  }
  const parsed = configSchema.safeParse(located.value);
  if (parsed.success) return parsed.data;
  const lines = issueLines(located, configSchema, parsed.error.issues, { file, showPath: shownPath });
  throw new InputError(lines.join('\n'), { hint: HINT(file) });
}

/**
 * Reads `explicit` (--config) or, when not given, lead-kit.config.json in `cwd` if it exists.
 * @returns undefined when there is no --config and no lead-kit.config.json
 * @throws InputError (exit 2) when --config cannot be read or the file is invalid
 */
export async function loadConfig(cwd: string, explicit?: string): Promise<LoadedConfig | undefined> {
  const file = explicit ?? CONFIG_FILE;
  const path = resolve(cwd, file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (explicit === undefined && code === 'ENOENT') return undefined;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (code ?? (err as Error).message);
    throw new InputError(`cannot read config ${file}: ${why}`, {
      hint: explicit === undefined ? HINT(file) : 'check the --config path, or run `lead-kit init` to create one',
    });
  }
  return { path, file, config: parseConfigText(text, file) };
}
