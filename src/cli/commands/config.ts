import type { Command } from 'commander';
import type { ShownSetting } from '../../commands/config.js';
import { DEFAULT_API_VERSION } from '../../api-version.js';
import { DEFAULT_GRAPH_URL } from '../../graph/url.js';
import { warn } from '../../io/output.js';
import { DEFAULTS } from '../../webhooks/defaults.js';
import type { CommandContext } from '../context.js';
import { graphUrlOption } from '../graph-options.js';
import { examples } from '../help.js';
import { answerArg } from '../lead-options.js';
import {
  apiVersionOption,
  appIdOption,
  appOption,
  appSecretOption,
  appTokenOption,
  configOption,
  digits,
  endpointOption,
  jsonOption,
  option,
  pageIdOption,
  psidOption,
  tokenOption,
  verifyTokenOption,
  type NamedApp,
} from '../options.js';
import type { Runners } from '../runners.js';
import { resolveSettings, type SettingSpec } from '../settings.js';
import { summaryOf } from './summaries.js';

const intro = `Every command resolves its settings the same way: flag > environment variable > config file > default.
This prints what a command would use, and where each value comes from. Secrets (app secret, tokens) are
never stored in the config file and are shown only as <APP_SECRET> / <PAGE_ACCESS_TOKEN> placeholders.`;

/** The settings `lead-kit config` shows: the config-file key (where there is one) and how each resolves. */
const rows: Array<{ name: string; spec: SettingSpec; placeholder?: string }> = [
  { name: 'pageId', spec: { key: 'pageId', env: 'LEAD_KIT_PAGE_ID', config: 'pageId', default: DEFAULTS.pageId } },
  { name: 'psid', spec: { key: 'psid', config: 'psid', default: DEFAULTS.psid } },
  { name: 'appId', spec: { key: 'appId', config: 'appId', default: DEFAULTS.appId } },
  { name: 'appName', spec: { key: 'appName', config: 'appName', default: DEFAULTS.appName } },
  { name: 'adId', spec: { key: 'adId', config: 'adId', default: DEFAULTS.adId } },
  { name: 'answers', spec: { key: 'answer', config: 'answers', default: DEFAULTS.answers } },
  { name: 'endpoint', spec: { key: 'endpoint', config: 'endpoint' } },
  { name: 'apiVersion', spec: { key: 'apiVersion', config: 'apiVersion', default: DEFAULT_API_VERSION } },
  { name: 'graphUrl', spec: { key: 'graphUrl', env: 'LEAD_KIT_GRAPH_URL', config: 'graphUrl', default: DEFAULT_GRAPH_URL } },
  { name: 'apps', spec: { key: 'apps', config: 'apps' } },
  { name: 'appSecret', spec: { key: 'appSecret', env: 'LEAD_KIT_APP_SECRET', secret: true }, placeholder: '<APP_SECRET>' },
  { name: 'token', spec: { key: 'token', env: 'LEAD_KIT_PAGE_TOKEN', secret: true }, placeholder: '<PAGE_ACCESS_TOKEN>' },
  { name: 'appToken', spec: { key: 'appToken', env: 'LEAD_KIT_APP_TOKEN', secret: true }, placeholder: '<APP_ACCESS_TOKEN>' },
  { name: 'verifyToken', spec: { key: 'verifyToken', env: 'LEAD_KIT_VERIFY_TOKEN', secret: true }, placeholder: '<VERIFY_TOKEN>' },
];

export function registerConfig(program: Command, ctx: CommandContext, run: Runners): void {
  program
    .command('config')
    .description(summaryOf('config').description)
    .addOption(pageIdOption())
    .addOption(psidOption())
    .addOption(appIdOption())
    .addOption(appOption())
    .addOption(option('--app-name <name>', 'old spelling of --app <your app id>:<name>').hideHelp())
    .addOption(option('--ad-id <id>', 'the lead ad id', { parse: digits('--ad-id') }))
    .addOption(option('--answer <q=a>', 'a question and its answer (repeatable)', { parse: answerArg }))
    .addOption(endpointOption("your app's webhook URL"))
    // commander defaults would hide the env and config values: `lead-kit config` resolves these itself
    .addOption(apiVersionOption().default(undefined, DEFAULT_API_VERSION))
    .addOption(graphUrlOption().default(undefined, DEFAULT_GRAPH_URL))
    .addOption(appSecretOption('shown as <APP_SECRET>'))
    .addOption(tokenOption())
    .addOption(appTokenOption())
    .addOption(verifyTokenOption('webhook verify token'))
    .addOption(configOption())
    .addOption(jsonOption('print {configFile, settings: {name: {value, source}}}'))
    .addHelpText(
      'after',
      examples(
        ['lead-kit config', 'LEAD_KIT_PAGE_ID=123 lead-kit config --json', 'lead-kit config --config ci/lead-kit.config.json'],
        intro,
      ),
    )
    .action(async (_opts: unknown, command: Command) => {
      const { loadConfig } = await import('../../config/load.js');
      const opts = command.opts<{ config?: string; json?: boolean; app?: NamedApp[]; appId?: string; appName?: string }>();
      const loaded = await loadConfig(ctx.deps.cwd, opts.config);
      // --app <your app id>:<name> names your app; the old --app-name still does, with a warning
      const mine = opts.app?.find((a) => a.id === opts.appId && a.name !== undefined);
      if (command.getOptionValueSource('appName') === 'cli')
        warn(ctx.deps.io, `--app-name is deprecated; use --app ${opts.appId ?? '<app-id>'}:"${opts.appName ?? ''}"`);
      else if (mine?.name !== undefined) command.setOptionValueWithSource('appName', mine.name, 'cli');
      if (opts.app !== undefined) command.setOptionValueWithSource('apps', opts.app, 'cli');
      const resolved = resolveSettings(
        command,
        ctx.deps,
        rows.map((r) => r.spec),
        loaded === undefined ? undefined : { ...loaded.config },
      );
      const settings: ShownSetting[] = rows.map((r) => ({
        name: r.name,
        value: resolved.values[r.spec.key],
        source: resolved.sources[r.spec.key] ?? 'default',
        ...(r.placeholder === undefined ? {} : { placeholder: r.placeholder }),
      }));
      ctx.outcome = await run.config({ configFile: loaded?.path ?? null, settings, json: opts.json === true }, ctx.deps);
    });
}
