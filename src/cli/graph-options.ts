import type { Command } from 'commander';
import { DEFAULT_GRAPH_URL, graphBaseUrl } from '../graph/url.js';
import type { Outcome } from '../io/outcome.js';
import type { GraphOptions } from '../commands/shared/graph.js';
import type { CommandContext } from './context.js';
import { loadConfigValues } from './config-file.js';
import {
  alias,
  apiVersionOption,
  appOption,
  appSecretOption,
  configOption,
  jsonOption,
  option,
  pageIdOption,
  parseApp,
  repeatable,
  timeoutOption,
  tokenOption,
  type NamedApp,
} from './options.js';
import { resolveSettings, type SettingSpec } from './settings.js';

/** Graph API base URL: https, or http on a loopback address (a local `lead-kit mock`). */
export const graphUrlOption = () =>
  option('--graph-url <url>', 'Graph API base URL, e.g. a local `lead-kit mock` (http only on loopback)', {
    env: 'LEAD_KIT_GRAPH_URL',
    default: DEFAULT_GRAPH_URL,
    parse: (raw) => graphBaseUrl(raw, '--graph-url'),
  });

/** The flags of every Graph-backed command (page …, doctor, thread …, leads, events), declared once. */
export function addGraphOptions(cmd: Command): Command {
  const app = appOption('a name for an app id in the output (repeatable; config "apps" works too)');
  return cmd
    .addOption(pageIdOption('me, the Page of the token'))
    .addOption(tokenOption())
    .addOption(appSecretOption('adds appsecret_proof to every call'))
    .addOption(graphUrlOption())
    .addOption(apiVersionOption())
    .addOption(timeoutOption('give up on a Graph call after this many ms', 10_000))
    .addOption(app)
    .addOption(
      alias(
        '--name <id=name>',
        app,
        repeatable((raw) => parseApp('--name', raw)),
      ),
    )
    .addOption(jsonOption())
    .addOption(configOption());
}

/** Precedence specs for the Graph flags: flags > env > config file > defaults. */
const graphSettings: SettingSpec[] = [
  { key: 'pageId', env: 'LEAD_KIT_PAGE_ID', config: 'pageId' },
  { key: 'token', env: 'LEAD_KIT_PAGE_TOKEN', secret: true },
  { key: 'appSecret', env: 'LEAD_KIT_APP_SECRET', secret: true },
  { key: 'graphUrl', env: 'LEAD_KIT_GRAPH_URL', config: 'graphUrl' },
  { key: 'apiVersion', config: 'apiVersion' },
];

/** Settings of the app under test (page subscriptions, doctor, events). */
export const appIdSetting: SettingSpec = { key: 'appId', config: 'appId' };
/** An app token for /debug_token. */
export const appTokenSetting: SettingSpec = { key: 'appToken', env: 'LEAD_KIT_APP_TOKEN', secret: true };

interface GraphValues {
  pageId?: string;
  token?: string;
  appSecret?: string;
  graphUrl: string;
  apiVersion: string;
  timeout: number;
  app?: NamedApp[];
  json?: boolean;
}

type Config = Readonly<Record<string, unknown>> | undefined;

/** App names from the config file (`apps`, and `appId` with `appName`), then --app. */
export function appNames(config: Config, apps: readonly NamedApp[] | undefined): Record<string, string> {
  const names: Record<string, string> = {};
  for (const a of (config?.apps as Array<{ id: string; name: string }> | undefined) ?? []) names[a.id] = a.name;
  if (typeof config?.appId === 'string' && typeof config.appName === 'string') names[config.appId] = config.appName;
  for (const a of apps ?? []) if (a.name !== undefined) names[a.id] = a.name;
  return names;
}

const nonEmpty = (s: string | undefined): string | undefined => (s === undefined || s === '' ? undefined : s);

/**
 * The action of a Graph-backed command: loads the config file, resolves the Graph flags and `extra` with the one
 * precedence rule, builds the typed GraphOptions, and lets `build` add the command's own options and run it.
 */
export function graphAction<V>(
  ctx: CommandContext,
  extra: readonly SettingSpec[],
  build: (graph: GraphOptions, values: V & GraphValues, command: Command) => Promise<Outcome>,
): (...args: unknown[]) => Promise<void> {
  return async (...args: unknown[]) => {
    const command = args[args.length - 1] as Command;
    const config = await loadConfigValues(ctx.deps, command.opts<{ config?: string }>().config);
    const { values } = resolveSettings<V & GraphValues>(command, ctx.deps, [...graphSettings, ...extra], config);
    const graph: GraphOptions = {
      pageId: nonEmpty(values.pageId) ?? 'me',
      token: nonEmpty(values.token),
      appSecret: nonEmpty(values.appSecret),
      graphUrl: values.graphUrl,
      apiVersion: values.apiVersion,
      timeoutMs: values.timeout,
      appNames: appNames(config, values.app),
      json: values.json === true,
      debug: command.optsWithGlobals<{ debug?: boolean }>().debug === true,
    };
    ctx.outcome = await build(graph, values, command);
  };
}
