import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { collect, configOption, jsonOption } from '../flags.js';
import { resolveSettings } from '../settings.js';

const configHelp = `Every command resolves its settings the same way: flag > environment variable > config file > default.
This prints what a command would use, and where each value comes from. Secrets (app secret, tokens) are
never stored in the config file and are shown only as <APP_SECRET> / <PAGE_ACCESS_TOKEN> placeholders.

Examples:
  $ lead-kit config
  $ LEAD_KIT_PAGE_ID=123 lead-kit config --json
  $ lead-kit config --config ci/lead-kit.config.json`;

export function registerConfig(program: Command, ctx: CommandContext): void {
  program
    .command('config')
    .description('print the effective configuration and where each value comes from (flag, env, config, default)')
    .option('--page-id <id>', 'Page id (env LEAD_KIT_PAGE_ID)')
    .option('--psid <id>', "the person's Page-scoped id")
    .option('--app-id <id>', 'the app under test')
    .option('--app-name <name>', 'a name for the app under test')
    .option('--ad-id <id>', 'the lead ad id')
    .option('--answer <q=a>', 'a question and its answer (repeatable)', collect)
    .option('--endpoint <url>', "your app's webhook URL")
    .option('--api-version <version>', 'Graph API version')
    .option('--graph-url <url>', 'Graph API base URL (env LEAD_KIT_GRAPH_URL)')
    .option('--app-secret <secret>', 'app secret (env LEAD_KIT_APP_SECRET)')
    .option('--token <token>', 'Page access token (env LEAD_KIT_PAGE_TOKEN)')
    .option('--app-token <token>', 'app access token (env LEAD_KIT_APP_TOKEN)')
    .option('--verify-token <token>', 'webhook verify token (env LEAD_KIT_VERIFY_TOKEN)')
    .addOption(configOption())
    .addOption(jsonOption('print {configFile, settings: {name: {value, source}}}'))
    .addHelpText('after', `\n${configHelp}`)
    .action(async (_opts: unknown, command: Command) => {
      const { loadConfig } = await import('../../config/load.js');
      const { configSpecs, runConfigShow } = await import('../../commands/config-show.js');
      const opts = command.opts<{ config?: string; json?: boolean }>();
      const loaded = await loadConfig(ctx.deps.cwd, opts.config);
      const resolved = resolveSettings(command, ctx.deps, configSpecs, loaded === undefined ? undefined : { ...loaded.config });
      ctx.exitCode = runConfigShow(resolved, loaded?.path ?? null, opts.json === true, ctx.deps);
    });
}
