import type { Command } from 'commander';
import type { Deps } from '../io/deps.js';

/** Where an effective value came from, in precedence order. */
export type SettingSource = 'flag' | 'env' | 'config' | 'default';

export interface SettingSpec {
  /** commander's camelCase option key */
  key: string;
  /** environment variable that supplies it */
  env?: string;
  /** key in lead-kit.config.json */
  config?: string;
  default?: unknown;
  /** a secret: never printed (see `lead-kit config`) */
  secret?: boolean;
  /** turns the env/config string into the option's type */
  parse?: (raw: string) => unknown;
}

export interface Resolved {
  values: Record<string, unknown>;
  sources: Record<string, SettingSource>;
}

/**
 * Applies the one precedence rule of every command: flags > env > config file > defaults.
 * `config` is the already-validated config file (or undefined when there is none).
 */
export function resolveSettings(
  cmd: Pick<Command, 'opts' | 'getOptionValueSource'>,
  deps: Pick<Deps, 'env'>,
  specs: readonly SettingSpec[],
  config?: Readonly<Record<string, unknown>>,
): Resolved {
  const raw = cmd.opts() as Record<string, unknown>;
  const values: Record<string, unknown> = { ...raw };
  const sources: Record<string, SettingSource> = {};
  for (const spec of specs) {
    const fromCli = cmd.getOptionValueSource(spec.key) === 'cli' && raw[spec.key] !== undefined;
    if (fromCli) {
      sources[spec.key] = 'flag';
      continue;
    }
    const envValue = spec.env === undefined ? undefined : deps.env[spec.env];
    if (envValue !== undefined && envValue !== '') {
      values[spec.key] = spec.parse ? spec.parse(envValue) : envValue;
      sources[spec.key] = 'env';
      continue;
    }
    const configValue = spec.config === undefined ? undefined : config?.[spec.config];
    if (configValue !== undefined) {
      values[spec.key] = configValue;
      sources[spec.key] = 'config';
      continue;
    }
    if (raw[spec.key] !== undefined && spec.default === undefined) {
      // a commander-side default (e.g. a negatable --no-x flag) stays as commander set it
      sources[spec.key] = 'default';
      continue;
    }
    values[spec.key] = spec.default;
    sources[spec.key] = 'default';
  }
  return { values, sources };
}
