import type { Command } from 'commander';
import type { InitOptions } from '../../commands/init.js';
import { warn } from '../../io/output.js';
import type { Answer } from '../../webhooks/build.js';
import type { CommandContext } from '../context.js';
import { examples } from '../help.js';
import { answerArg } from '../lead-options.js';
import { appOption, httpUrl, option, pageIdOption, parseApp, repeatable, type NamedApp } from '../options.js';
import type { Runners } from '../runners.js';
import { resolveSettings } from '../settings.js';
import { summaryOf } from './summaries.js';

const intro = `Asks for the Page id, the app ids, your webhook URL and the lead-form answers, and writes
lead-kit.config.json (atomically). Flags answer questions in advance. It never prompts when stdin is not a
terminal or CI is set: pass the flags (or --yes) instead. Secrets are never written: keep them in
LEAD_KIT_APP_SECRET / LEAD_KIT_PAGE_TOKEN.`;

const lines = [
  'lead-kit init',
  'lead-kit init --yes',
  'lead-kit init --test-suite',
  'lead-kit init --page-id 542998526103632 --app-id 2262510160704936 --app 2262510160704936:"CRM bot" \\\n      --endpoint http://127.0.0.1:3000/webhook --answer "What city is your store located?=Zürich"',
];

interface InitValues {
  pageId?: string;
  appId?: NamedApp[];
  app?: NamedApp[];
  endpoint?: string;
  answer?: Answer[];
  yes?: boolean;
  testSuite?: boolean;
  force?: boolean;
  config: string;
}

export function registerInit(program: Command, ctx: CommandContext, run: Runners): void {
  program
    .command('init')
    .description(summaryOf('init').description)
    .addOption(pageIdOption())
    // `id:name` and a repeated --app-id are the old spelling of --app-id <id> --app <id:name>
    .addOption(option('--app-id <id>', 'your app (the app under test)', { parse: repeatable((raw) => parseApp('--app-id', raw)) }))
    .addOption(appOption('another app connected to the Page, with a name (repeatable; --app <your app id>:<name> names your app)'))
    .addOption(
      option('--endpoint <url>', 'your app\'s webhook URL ("" for lead-kit\'s embedded receiver)', {
        parse: (raw) => (raw === '' ? '' : httpUrl('--endpoint', raw)),
      }),
    )
    .addOption(option('--answer <q=a>', 'a lead-form question and its answer, "Question?=Answer" (repeatable)', { parse: answerArg }))
    .addOption(option('-y, --yes', 'accept the defaults for everything not given as a flag; never prompt'))
    .addOption(option('--test-suite', 'also write a starter lead-kit.test.json for `lead-kit test` (alone, without a terminal: only that)'))
    .addOption(option('--force', 'overwrite an existing config file (and test suite)'))
    .addOption(option('--config <file>', 'the file to write', { default: 'lead-kit.config.json' }))
    .addHelpText('after', examples(lines, intro))
    .action(async (_opts: unknown, command: Command) => {
      const { values: v } = resolveSettings<InitValues>(command, ctx.deps, [{ key: 'pageId', env: 'LEAD_KIT_PAGE_ID' }]);
      const [legacy, ...legacyOthers] = v.appId ?? [];
      if (legacy?.name !== undefined || legacyOthers.length > 0)
        warn(ctx.deps.io, '--app-id <id:name> (repeated) is deprecated; use --app-id <id> for your app and --app <id:name> for each app');
      const apps = [...legacyOthers, ...(v.app ?? [])];
      const mine =
        legacy === undefined ? undefined : { ...legacy, ...(apps.find((a) => a.id === legacy.id && a.name !== undefined) ?? {}) };
      const opts: InitOptions = { yes: v.yes === true, force: v.force === true, config: v.config };
      if (v.pageId !== undefined) opts.pageId = v.pageId;
      if (mine !== undefined) opts.app = mine;
      const others = apps.filter((a) => a.id !== mine?.id);
      if (others.length > 0) opts.otherApps = others;
      if (v.endpoint !== undefined) opts.endpoint = v.endpoint;
      if (v.answer !== undefined) opts.answers = v.answer;
      if (v.testSuite !== undefined) opts.testSuite = v.testSuite;
      ctx.outcome = await run.init(opts, ctx.deps);
    });
}
