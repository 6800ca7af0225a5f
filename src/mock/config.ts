import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type { z } from 'zod';
import { InputError } from '../errors.js';
import { escapePointerToken, JsonSyntaxError, parseJsonWithPositions, type LocatedJson } from '../json/locate.js';
import { mockConfigSchema, type MockConfig, type MockConfigInput } from '../schemas/mock-config.js';
import { KNOWN_APPS, LEADGEN_APP_ID } from '../webhooks/ids.js';

/** One problem in a mock config file, with the JSON pointer and the place it points at. */
export interface ConfigProblem {
  pointer: string;
  line: number;
  column: number;
  message: string;
}

const toPointer = (path: readonly PropertyKey[]): string => path.map((p) => `/${escapePointerToken(String(p))}`).join('');

/** The nearest position for `pointer`: its value, its key, or the closest enclosing value that exists. */
function locate(located: LocatedJson, pointer: string): { line: number; column: number } {
  let p = pointer;
  for (;;) {
    const at = located.positions.get(p) ?? located.keyPositions.get(p);
    if (at) return at;
    if (p === '') return { line: 1, column: 1 };
    p = p.slice(0, p.lastIndexOf('/'));
  }
}

/**
 * Secrets that look like a documentation placeholder (`"<APP_SECRET>"`, `"…"`, `"YOUR_APP_SECRET"`): the mock would
 * sign with them as given, so the app's signature check fails for a reason that is easy to miss.
 */
export function placeholderSecrets(config: MockConfigInput): string[] {
  return (config.apps ?? []).flatMap((a, i) =>
    typeof a.secret === 'string' && /^(<[^>]*>|…|\.\.\.|(YOUR|MY)_[A-Z_]+|x+)$/i.test(a.secret.trim())
      ? [
          `/apps/${i}/secret of app ${a.id} looks like a placeholder ("${a.secret}"): the mock signs with it as written — put the secret your app checks signatures with`,
        ]
      : [],
  );
}

/** Checks that ids refer to each other: default apps, connected apps and thread owners exist; ids and tokens are unique. */
export function crossCheck(config: MockConfig): Array<{ pointer: string; message: string }> {
  const problems: Array<{ pointer: string; message: string }> = [];
  const appIds = new Set<string>();
  config.apps.forEach((a, i) => {
    if (appIds.has(a.id)) problems.push({ pointer: `/apps/${i}/id`, message: `app ${a.id} is listed twice` });
    appIds.add(a.id);
    if (a.webhook_url !== undefined && a.secret === undefined)
      problems.push({
        pointer: `/apps/${i}`,
        message: `app ${a.id} has a webhook_url but no secret to sign its webhooks with: add "secret"`,
      });
  });
  const known = (id: string): boolean => appIds.has(id) || KNOWN_APPS[id] !== undefined;
  const pageIds = new Set<string>();
  const tokens = new Set<string>();
  config.pages.forEach((p, i) => {
    if (pageIds.has(p.id)) problems.push({ pointer: `/pages/${i}/id`, message: `Page ${p.id} is listed twice` });
    pageIds.add(p.id);
    if (p.default_app_id !== null && !known(p.default_app_id))
      problems.push({ pointer: `/pages/${i}/default_app_id`, message: `app ${p.default_app_id} is not in "apps"` });
    const connected = new Set<string>();
    p.connected_apps.forEach((c, j) => {
      if (!appIds.has(c.app_id))
        problems.push({ pointer: `/pages/${i}/connected_apps/${j}/app_id`, message: `app ${c.app_id} is not in "apps"` });
      if (connected.has(c.app_id))
        problems.push({ pointer: `/pages/${i}/connected_apps/${j}/app_id`, message: `app ${c.app_id} is connected twice` });
      connected.add(c.app_id);
      if (tokens.has(c.token))
        problems.push({
          pointer: `/pages/${i}/connected_apps/${j}/token`,
          message: 'this token is already used by another connected app: each token stands for one app on one Page',
        });
      tokens.add(c.token);
    });
    p.persons.forEach((person, j) => {
      const owner = person.owner_app_id;
      if (
        owner !== undefined &&
        owner !== null &&
        !connected.has(owner) &&
        owner !== p.default_app_id &&
        owner !== LEADGEN_APP_ID &&
        KNOWN_APPS[owner] === undefined
      ) {
        problems.push({ pointer: `/pages/${i}/persons/${j}/owner_app_id`, message: `app ${owner} is not connected to Page ${p.id}` });
      }
    });
  });
  return problems;
}

/** Validates parsed JSON as a mock config; problems come back with line:column. */
export function validateMockConfig(located: LocatedJson): { config?: MockConfig; problems: ConfigProblem[] } {
  const result = mockConfigSchema.safeParse(located.value);
  const raw: Array<{ pointer: string; message: string }> = result.success
    ? crossCheck(result.data)
    : result.error.issues.map((issue: z.core.$ZodIssue) => ({ pointer: toPointer(issue.path), message: issueMessage(issue) }));
  const problems = raw.map((p) => ({ ...p, ...locate(located, p.pointer) }));
  return problems.length === 0 && result.success ? { config: result.data, problems } : { problems };
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys')
    return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return `missing: expected ${issue.expected}`;
  return issue.message.replace(/^Invalid input: /, '');
}

/**
 * Reads and validates `lead-kit mock --config <file>`. Any problem is an InputError naming
 * `file:line:column`, the JSON pointer and what to change; the rest are counted and kept in `details`.
 */
export async function loadMockConfig(file: string, cwd: string): Promise<MockConfig> {
  const path = isAbsolute(file) ? file : resolve(cwd, file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read --config ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
      hint: 'check the path, or leave out --config to start the demo setup',
    });
  }
  let located: LocatedJson;
  try {
    located = parseJsonWithPositions(text);
  } catch (err) {
    if (err instanceof JsonSyntaxError) {
      throw new InputError(err.at(file), { hint: err.fix('fix the JSON syntax (strict JSON: double quotes, no trailing commas)') });
    }
    throw err;
  }
  const { config, problems } = validateMockConfig(located);
  if (config) return config;
  const first = problems[0]!;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  throw new InputError(`${file}:${first.line}:${first.column}: ${first.pointer || '/'}: ${first.message}${more}`, {
    hint: 'fix the mock config; the README section "lead-kit mock" shows the format',
    details: { file, problems },
  });
}
