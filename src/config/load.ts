import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InputError } from '../errors.js';
import { DEPTH_FIX, JsonSyntaxError, parseJsonWithPositions, type LocatedJson } from '../json/locate.js';
import { configSchema, type Config } from '../schemas/config.js';
import { keysAt } from '../template/keys.js';
import { jsonPath, pointerOf, positionOf } from '../template/problems.js';
import { closest } from '../template/typo.js';
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
    throw new InputError(`${file}:${err.position.line}:${err.position.column}: ${err.summary}`, { hint: err.kind === 'depth' ? DEPTH_FIX : HINT(file) });
  }
  const secrets = findSecretKeys(located.value);
  if (secrets.length > 0) {
    const lines = secrets.map((s) => {
      const p = located.keyPositions.get(s.pointer) ?? { line: 1, column: 1 };
      return `${file}:${p.line}:${p.column}: "${s.key}" looks like a secret, and secrets do not belong in ${file} (it is meant to be shared and committed) — remove it and ${secretAdvice(s.key)}`;
    });
    throw new InputError(lines.join('\n'), { hint: 'lead-kit reads secrets only from environment variables or flags, and never prints them' });
  }
  const parsed = configSchema.safeParse(located.value);
  if (parsed.success) return parsed.data;
  const lines: Array<{ at: number; text: string }> = [];
  const push = (path: readonly PropertyKey[], which: 'key' | 'value', text: string): void => {
    const p = positionOf(located, path, which);
    lines.push({ at: p.offset, text: `${file}:${p.line}:${p.column}: ${shownPath(path)}: ${text}` });
  };
  const unknown = parsed.error.issues.flatMap((i) => (i.code === 'unrecognized_keys' ? i.keys.map((key) => ({ parent: jsonPath(i.path), key })) : []));
  for (const issue of parsed.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      const valid = (keysAt(configSchema, located.value, issue.path) ?? []).filter((k) => k !== '$schema');
      for (const key of issue.keys) {
        const guess = closest(key, valid);
        const path = [...issue.path, key];
        push(path, 'key', `unknown key "${key}"${guess === undefined ? ` — remove it${valid.length > 0 ? ` (valid keys: ${valid.join(', ')})` : ''}` : ` — did you mean "${guess}"?`}`);
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
    push(issue.path, 'value', message);
  }
  lines.sort((a, b) => a.at - b.at);
  throw new InputError(lines.map((l) => l.text).join('\n'), { hint: HINT(file) });
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
    throw new InputError(`cannot read config ${file}: ${why}`, { hint: explicit === undefined ? HINT(file) : 'check the --config path, or run `lead-kit init` to create one' });
  }
  return { path, file, config: parseConfigText(text, file) };
}
