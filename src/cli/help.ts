import type { Help, Option } from 'commander';
import { envNameOf } from './options.js';

/**
 * Every option's help line in one style: `description (one of: a, b; default: x; env: NAME)`. Defaults come
 * from the option (`default: 5000`), or from its description of a default that is not a literal value.
 */
export function optionDescription(option: Option): string {
  const extra: string[] = [];
  if (option.argChoices) extra.push(`one of: ${option.argChoices.join(', ')}`);
  const shown =
    option.defaultValueDescription ??
    (option.defaultValue === undefined || typeof option.defaultValue === 'boolean'
      ? undefined
      : Array.isArray(option.defaultValue)
        ? option.defaultValue.join(', ')
        : String(option.defaultValue));
  if (shown !== undefined && shown !== '') extra.push(`default: ${shown}`);
  const env = envNameOf(option);
  if (env !== undefined) extra.push(`env: ${env}`);
  return extra.length === 0 ? option.description : `${option.description} (${extra.join('; ')})`;
}

/** The same style for arguments: `description (default: complete)`. */
export function argumentDescription(arg: {
  description: string;
  defaultValue?: unknown;
  defaultValueDescription?: string;
  argChoices?: string[];
}): string {
  const extra: string[] = [];
  if (arg.argChoices) extra.push(`one of: ${arg.argChoices.join(', ')}`);
  const shown = arg.defaultValueDescription ?? (arg.defaultValue === undefined ? undefined : String(arg.defaultValue));
  if (shown !== undefined) extra.push(`default: ${shown}`);
  return extra.length === 0 ? arg.description : `${arg.description} (${extra.join('; ')})`;
}

export const helpConfig: Partial<Help> = { optionDescription, argumentDescription } as Partial<Help>;

/** The `Examples:` block every command's and subcommand's --help ends with. */
export const examples = (lines: readonly string[], intro?: string): string =>
  `\n${intro === undefined ? '' : `${intro}\n\n`}Examples:\n${lines.map((l) => `  $ ${l}`).join('\n')}`;
