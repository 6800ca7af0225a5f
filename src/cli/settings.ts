import type { Command } from 'commander';
import { LeadKitError, UsageError } from '../errors.js';
import type { Deps } from '../io/deps.js';

import type { SettingSource } from '../config/settings.js';

export type { SettingSource };

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
}

export interface Resolved<T = Record<string, unknown>> {
  values: T;
  sources: Record<string, SettingSource>;
}

/** An environment value goes through the option's own parser, so LEAD_KIT_PAGE_ID=abc fails like --page-id abc. */
function parseEnv(cmd: Pick<Command, 'options'>, spec: SettingSpec, raw: string): unknown {
  const option = cmd.options.find((o) => o.attributeName() === spec.key);
  if (option?.parseArg === undefined) return raw;
  try {
    return option.parseArg(raw, undefined);
  } catch (err) {
    if (err instanceof LeadKitError)
      throw new UsageError(`${spec.env ?? ''}: ${err.message}`, { ...(err.hint === undefined ? {} : { hint: err.hint }) });
    throw err;
  }
}

/**
 * Applies the one precedence rule of every command: flags > env > config file > defaults.
 * `config` is the already-validated config file (or undefined when there is none). Flag values are already typed
 * by their option's parser; env values go through the same parser.
 */
export function resolveSettings<T = Record<string, unknown>>(
  cmd: Pick<Command, 'opts' | 'getOptionValueSource' | 'options'>,
  deps: Pick<Deps, 'env'>,
  specs: readonly SettingSpec[],
  config?: Readonly<Record<string, unknown>>,
): Resolved<T> {
  const raw = cmd.opts();
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
      values[spec.key] = parseEnv(cmd, spec, envValue);
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
      // a commander-side default (typed by the option) stays as commander set it
      sources[spec.key] = 'default';
      continue;
    }
    values[spec.key] = spec.default;
    sources[spec.key] = 'default';
  }
  return { values: values as T, sources };
}
