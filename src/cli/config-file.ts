import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE } from '../config/file-name.js';
import type { Deps } from '../io/deps.js';

/**
 * The project config file's values for the precedence chain (flags > env > config > defaults): `file` (--config)
 * or lead-kit.config.json in the working directory, validated with zod (src/schemas/config.ts); ids as strings.
 * Returns undefined when there is no config file. The loader (and zod) are imported only when a command runs.
 * @throws InputError (exit 2) for an unreadable or invalid file, or one that contains a secret-looking key
 */
export async function loadConfigValues(deps: Pick<Deps, 'cwd'>, file: string | undefined): Promise<Record<string, unknown> | undefined> {
  // Most runs have no config file: do not pay for loading zod (or node:fs/promises) then.
  if (file === undefined && !existsSync(join(deps.cwd, CONFIG_FILE))) return undefined;
  const { loadConfig } = await import('../config/load.js');
  const loaded = await loadConfig(deps.cwd, file);
  return loaded === undefined ? undefined : { ...loaded.config };
}
