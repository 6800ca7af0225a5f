import type { Deps } from './deps.js';

/**
 * The project config file's values for the precedence chain (flags > env > config > defaults).
 * Returns undefined when there is no config file.
 * TODO(issue 5): load and validate lead-kit.config.json / --config <file> with zod.
 */
export async function loadConfigValues(_deps: Pick<Deps, 'cwd'>, _file: string | undefined): Promise<Record<string, unknown> | undefined> {
  return undefined;
}
