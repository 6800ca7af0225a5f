import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { collect } from '../flags.js';
import { resolveSettings } from '../settings.js';

const initHelp = `Asks for the Page id, the app ids, your webhook URL and the lead-form answers, and writes
lead-kit.config.json (atomically). Flags answer questions in advance. It never prompts when stdin is not a
terminal or CI is set: pass the flags (or --yes) instead. Secrets are never written: keep them in
LEAD_KIT_APP_SECRET / LEAD_KIT_PAGE_TOKEN.

Examples:
  $ lead-kit init
  $ lead-kit init --yes
  $ lead-kit init --test-suite
  $ lead-kit init --page-id 542998526103632 --app-id 2262510160704936:"CRM bot" \\
      --endpoint http://127.0.0.1:3000/webhook --answer "What city is your store located?=Zürich"`;

export function registerInit(program: Command, ctx: CommandContext): void {
  program
    .command('init')
    .description('create lead-kit.config.json by answering a few questions')
    .option('--page-id <id>', 'Page id (env LEAD_KIT_PAGE_ID)')
    .option('--app-id <id[:name]>', 'a connected app; the first is the app under test (repeatable)', collect)
    .option('--endpoint <url>', "your app's webhook URL (\"\" for lead-kit's embedded receiver)")
    .option('--answer <q=a>', 'a lead-form question and its answer, "Question?=Answer" (repeatable)', collect)
    .option('-y, --yes', 'accept the defaults for everything not given as a flag; never prompt')
    .option('--test-suite', 'also write a starter lead-kit.test.json for `lead-kit test` (alone, without a terminal: only that)')
    .option('--force', 'overwrite an existing config file (and test suite)')
    .option('--config <file>', 'the file to write', 'lead-kit.config.json')
    .addHelpText('after', `\n${initHelp}`)
    .action(async (_opts: unknown, command: Command) => {
      const { values } = resolveSettings(command, ctx.deps, [{ key: 'pageId', env: 'LEAD_KIT_PAGE_ID' }]);
      const { runInit } = await import('../../commands/init.js');
      const { createPrompter } = await import('../prompter.js');
      ctx.exitCode = await runInit(values, ctx.deps, () => createPrompter(ctx.deps));
    });
}
