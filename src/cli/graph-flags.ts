import { Option, type Command } from 'commander';
import type { CommandContext } from './context.js';
import type { Deps } from '../io/deps.js';
import { loadConfigValues } from './config-file.js';
import { collect, configOption, jsonOption } from './flags.js';
import { resolveSettings, type SettingSpec } from './settings.js';

/**
 * The flags of every Graph-backed command (page …, doctor, thread …), declared once.
 * Precedence through `graphSettings`: flags > env > config file (pageId, graphUrl, apiVersion) > defaults.
 */
export function addGraphFlags(cmd: Command): Command {
  return cmd
    .option('--page-id <id>', 'Page id (env LEAD_KIT_PAGE_ID; default "me", the Page of the token)')
    .option('--token <token>', 'Page access token (env LEAD_KIT_PAGE_TOKEN); never printed')
    .option('--app-secret <secret>', 'app secret: adds appsecret_proof to every call (env LEAD_KIT_APP_SECRET)')
    .option('--graph-url <url>', 'Graph API base URL, e.g. a local `lead-kit mock` (env LEAD_KIT_GRAPH_URL; default https://graph.facebook.com; http only on loopback)')
    .option('--api-version <version>', 'Graph API version (default v26.0)')
    .option('--timeout <ms>', 'give up on a Graph call after this many ms (default 10000)')
    .option('--name <id=name>', 'a name for an app id in the output (repeatable; config "apps" works too)', collect)
    .addOption(jsonOption())
    .addOption(configOption());
}

/** Precedence specs for the Graph flags. */
export const graphSettings: SettingSpec[] = [
  { key: 'pageId', env: 'LEAD_KIT_PAGE_ID', config: 'pageId', default: 'me' },
  { key: 'token', env: 'LEAD_KIT_PAGE_TOKEN', secret: true },
  { key: 'appSecret', env: 'LEAD_KIT_APP_SECRET', secret: true },
  { key: 'graphUrl', env: 'LEAD_KIT_GRAPH_URL', config: 'graphUrl', default: 'https://graph.facebook.com' },
  { key: 'apiVersion', config: 'apiVersion', default: 'v26.0' },
  { key: 'timeout', default: '10000' },
];

/** Settings of the app under test, read by page subscriptions, doctor and thread. */
export const appIdSetting: SettingSpec = { key: 'appId', config: 'appId' };
/** An app token for /debug_token (env LEAD_KIT_APP_TOKEN). */
export const appTokenSetting: SettingSpec = { key: 'appToken', env: 'LEAD_KIT_APP_TOKEN', secret: true };

/** The --cr-flag option: which messaging_feature_status flag means "Conversation Routing on" (unconfirmed). */
export const crFlagOption = (): Option =>
  new Option('--cr-flag <flag>', 'the messaging_feature_status flag read as "Conversation Routing on" (Meta does not document them)')
    .choices(['msgr_multi_app', 'hop_v2', 'either', 'ignore'])
    .default('msgr_multi_app');

/** The --source option of permission checks. */
export const sourceOption = (): Option =>
  new Option('--source <source>', 'debug-token (Meta\'s way for Page tokens), permissions (/me/permissions), or auto: debug_token, then /me/permissions if refused')
    .choices(['auto', 'debug-token', 'permissions'])
    .default('auto');

export const appTokenOption = (): Option => new Option('--app-token <token>', 'app access token for /debug_token (env LEAD_KIT_APP_TOKEN; default: the Page token itself)');

/** The --expiration-unit option of thread_owner reads. */
export const expirationUnitOption = (): Option =>
  new Option('--expiration-unit <unit>', 'unit of thread_owner.expiration (unconfirmed): auto (≥10^11 = ms), s or ms')
    .choices(['auto', 's', 'ms'])
    .default('auto');

export type GraphRun = (values: Record<string, unknown>, deps: Deps, config: Readonly<Record<string, unknown>> | undefined) => Promise<number>;

/**
 * The action of a Graph-backed command: loads the config file, resolves `graphSettings` + `extra` with the one
 * precedence rule, adds the global --debug, and hands over to `run` (which imports the command lazily).
 */
export function graphAction(ctx: CommandContext, extra: readonly SettingSpec[], run: GraphRun): (...args: unknown[]) => Promise<void> {
  return async (...args: unknown[]) => {
    const command = args[args.length - 1] as Command;
    const config = await loadConfigValues(ctx.deps, command.opts<{ config?: string }>().config);
    const { values } = resolveSettings(command, ctx.deps, [...graphSettings, ...extra], config);
    values.debug = command.optsWithGlobals<{ debug?: boolean }>().debug === true;
    ctx.exitCode = await run(values, ctx.deps, config);
  };
}
