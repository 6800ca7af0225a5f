import { Argument, Option, type Command } from 'commander';
import { DEFAULT_API_VERSION, normalizeApiVersion } from '../api-version.js';
import { UsageError } from '../errors.js';
import { digits, httpUrl as httpUrlArg, int, parseApp } from '../text/parse.js';
import type { IO } from '../io/deps.js';
import { warn } from '../io/output.js';

/**
 * The flags many commands take, declared once (npm-check-updates' cli-options, as data): each factory returns a
 * commander Option whose argParser turns the text into the typed value the command's options object holds, so a
 * run function never parses a flag. Parsers throw UsageError (exit 2) with the flag's name and a fix.
 */

/** Environment variables shown in --help, by option (commander's own .env() would read process.env). */
const envNames = new WeakMap<Option, string>();
/** Hidden old spellings, by option: the canonical option they stand for. */
const aliases = new WeakMap<Option, Option>();

/** The environment variable an option falls back to, for --help. */
export const envNameOf = (o: Option): string | undefined => envNames.get(o);

interface OptionSpec<T> {
  env?: string;
  /** a typed default (shown in --help as `default: …`) */
  default?: T;
  /** how --help shows the default when there is no literal one, e.g. "an embedded receiver" */
  defaultText?: string;
  parse?: (raw: string, previous: T | undefined) => T;
}

/** A commander Option with its parser, default and environment variable in one place. */
export function option<T = string>(flags: string, description: string, spec: OptionSpec<T> = {}): Option {
  const o = new Option(flags, description);
  if (spec.parse) o.argParser(spec.parse);
  if (spec.default !== undefined || spec.defaultText !== undefined) o.default(spec.default, spec.defaultText);
  if (spec.env !== undefined) envNames.set(o, spec.env);
  return o;
}

/**
 * Every option and argument with choices answers a value outside them with one lead-kit line
 * (`unknown scenario "x" — use one of …`, `--via "x" is not one of …`) rather than commander's wording.
 */
export function friendlyChoices(cmd: Command): void {
  const install = (o: Option | Argument, values: readonly string[]): void => {
    const arg = o instanceof Argument;
    const flag = arg ? (o.name() === 'kind' ? `${cmd.name()} kind` : o.name()) : (o.long ?? o.flags);
    o.argParser((raw: string) => {
      if (values.includes(raw)) return raw;
      if (arg) throw new UsageError(`unknown ${flag} "${raw}"`, { hint: `use one of ${values.join(', ')}` });
      throw new UsageError(`${flag} "${raw}" is not one of ${values.join(', ')}`);
    });
  };
  for (const o of cmd.options) if (o.argChoices) install(o, o.argChoices);
  for (const a of cmd.registeredArguments) if (a.argChoices) install(a, a.argChoices);
  cmd.commands.forEach(friendlyChoices);
}

/** A hidden old spelling of `canonical`: same value and parser, and a one-line deprecation when used. */
export function alias(flags: string, canonical: Option, parse?: (raw: string, previous: never) => unknown): Option {
  const o = new Option(flags).hideHelp();
  const parser = parse ?? canonical.parseArg;
  if (parser) o.argParser(parser as (raw: string, previous: unknown) => unknown);
  aliases.set(o, canonical);
  return o;
}

/**
 * Moves the values of old spellings to their canonical options, with a deprecation warning on stderr
 * (run before every action). Repeatable values (arrays) from both spellings are joined.
 */
export function applyAliases(command: Command, io: IO): void {
  for (const o of command.options) {
    const canonical = aliases.get(o);
    if (canonical === undefined || command.getOptionValueSource(o.attributeName()) !== 'cli') continue;
    const name = o.long ?? o.flags;
    warn(io, `${name} is deprecated; use ${canonical.long ?? canonical.flags}`);
    const key = canonical.attributeName();
    const value: unknown = command.getOptionValue(o.attributeName());
    const current: unknown = command.getOptionValue(key);
    if (command.getOptionValueSource(key) === 'cli') {
      if (!Array.isArray(value) || !Array.isArray(current))
        throw new UsageError(`${name} and ${canonical.long ?? ''} are the same option`, { hint: `give only ${canonical.long ?? ''}` });
      command.setOptionValueWithSource(key, [...(current as unknown[]), ...(value as unknown[])], 'cli');
    } else {
      command.setOptionValueWithSource(key, value, 'cli');
    }
  }
}

export { digits, httpUrl, int, parseApp, positive, type NamedApp } from '../text/parse.js';

/** Appends a parsed value to a repeatable option's list. */
export const repeatable =
  <T>(parse: (raw: string) => T) =>
  (raw: string, previous: T[] | undefined): T[] => [...(previous ?? []), parse(raw)];
export const collect = repeatable((s: string) => s);

// ---- shared options ------------------------------------------------------------------------------------------

export const jsonOption = (what = 'print one JSON document on stdout instead of text'): Option => option('--json', what);

/** The project config file, on every command that reads lead-kit.config.json. */
export const configOption = (): Option =>
  option('--config <file>', 'config file', { defaultText: './lead-kit.config.json when it exists' });

/** The app secret; `purpose` says what this command does with it. */
export const appSecretOption = (purpose: string): Option =>
  option('--app-secret <secret>', `app secret: ${purpose}; never printed`, { env: 'LEAD_KIT_APP_SECRET' });

export const verifyTokenOption = (purpose: string): Option => option('--verify-token <token>', purpose, { env: 'LEAD_KIT_VERIFY_TOKEN' });

export const tokenOption = (): Option => option('--token <token>', 'Page access token; never printed', { env: 'LEAD_KIT_PAGE_TOKEN' });

export const appTokenOption = (): Option =>
  option('--app-token <token>', 'app access token for /debug_token; never printed', {
    env: 'LEAD_KIT_APP_TOKEN',
    defaultText: 'the Page token itself',
  });

/** The Graph API version: of the calls lead-kit makes, or of the Facebook-API-Version header it sends. */
export const apiVersionOption = (what = 'Graph API version'): Option =>
  option('--api-version <version>', what, { default: DEFAULT_API_VERSION, parse: (raw) => normalizeApiVersion(raw) });

/** Your app's webhook URL: where deliveries go. */
export const endpointOption = (description: string, defaultText?: string): Option =>
  option('--endpoint <url>', description, {
    parse: (raw) => httpUrlArg('--endpoint', raw),
    ...(defaultText === undefined ? {} : { defaultText }),
  });

/** How long an answer may take, in milliseconds. */
export const timeoutOption = (what: string, ms: number): Option =>
  option('--timeout <ms>', what, { default: ms, parse: int('--timeout', 1) });

export const pageIdOption = (defaultText?: string, description = 'Page id'): Option =>
  option('--page-id <id>', description, {
    env: 'LEAD_KIT_PAGE_ID',
    parse: digits('--page-id', '542998526103632'),
    ...(defaultText === undefined ? {} : { defaultText }),
  });

export const psidOption = (description = "the person's Page-scoped id"): Option =>
  option('--psid <psid>', description, { parse: digits('--psid', '24680135792468013') });

/** `--app-id`: your app, the one under test, everywhere. */
export const appIdOption = (description = 'your app (the app under test)'): Option =>
  option('--app-id <id>', description, { parse: digits('--app-id', '2262510160704936') });

/** `--app <id[:name]>`: an app connected to the Page, with a name for the output (repeatable). */
export const appOption = (description = 'an app connected to the Page, with a name for the output (repeatable)'): Option =>
  option('--app <id[:name]>', description, { parse: repeatable((raw) => parseApp('--app', raw)) });

export const portOption = (port: number, description = 'port on 127.0.0.1 (0 picks a free one)'): Option =>
  option('--port <n>', description, { default: port, parse: int('--port', 0, 65535) });

export const hostOption = (): Option => option('--host <address>', 'address to bind', { default: '127.0.0.1' });

/** Sends the legacy sha1 header unless --no-legacy-signature. */
export const legacySignatureOption = (): Option =>
  new Option('--no-legacy-signature', 'do not send the legacy X-Hub-Signature (sha1) header');
