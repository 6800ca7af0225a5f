import { Help, type Option } from 'commander';
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

/** Whitespace as commander's `\s` splits words. */
const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13) || (c > 127 && /\s/.test(String.fromCharCode(c)));

/**
 * Help.boxWrap, with the same lines, without a regular expression and an array per word: commander's allocated
 * ~200 KB to format `lead-kit simulate --help`, enough to cost the run a garbage collection. Text with escape codes
 * (colour) goes to commander's own, which measures words without them.
 */
export function boxWrap(this: Help, str: string, width: number): string {
  if (width < this.minWidthToWrap || str.includes('\x1b')) return Help.prototype.boxWrap.call(this, str, width);
  let out: string | undefined;
  const emit = (line: string): void => {
    out = out === undefined ? line : `${out}\n${line}`;
  };
  for (let pos = 0; ;) {
    // One line of the text (split at \n and \r\n); each word with the whitespace before it goes on the current
    // output line while it fits, else starts the next one without that whitespace.
    const eol = str.indexOf('\n', pos);
    const end = eol === -1 ? str.length : eol > pos && str.charCodeAt(eol - 1) === 13 ? eol - 1 : eol;
    let from = -1;
    let to = -1;
    let used = 0;
    for (let i = pos; i < end;) {
      let word = i;
      while (word < end && isSpace(str.charCodeAt(word))) word++;
      if (word === end) break;
      let next = word;
      while (next < end && !isSpace(str.charCodeAt(next))) next++;
      if (from === -1) {
        from = i;
        used = next - i;
      } else if (used + next - i <= width) used += next - i;
      else {
        emit(str.slice(from, to));
        from = word;
        used = next - word;
      }
      to = next;
      i = next;
    }
    emit(from === -1 ? '' : str.slice(from, to));
    if (eol === -1) return out!;
    pos = eol + 1;
  }
}

/** Help.displayWidth without a regular expression for text that has no escape codes. */
export function displayWidth(this: Help, str: string): number {
  return str.includes('\x1b') ? Help.prototype.displayWidth.call(this, str) : str.length;
}

export const helpConfig: Partial<Help> = { optionDescription, argumentDescription, boxWrap, displayWidth } as Partial<Help>;

/** The `Examples:` block every command's and subcommand's --help ends with. */
export const examples = (lines: readonly string[], intro?: string): string =>
  `\n${intro === undefined ? '' : `${intro}\n\n`}Examples:\n${lines.map((l) => `  $ ${l}`).join('\n')}`;
