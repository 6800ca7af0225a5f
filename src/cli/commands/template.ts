import { Argument, type Command } from 'commander';
import type { ExampleName } from '../../template/examples.js';
import type { CommandContext } from '../context.js';
import { loadConfigValues } from '../config-file.js';
import { graphUrlOption } from '../graph-options.js';
import { examples } from '../help.js';
import { apiVersionOption, configOption, jsonOption, option, pageIdOption, tokenOption } from '../options.js';
import type { Runners } from '../runners.js';
import { resolveSettings } from '../settings.js';
import { summaryOf } from './summaries.js';

const validateIntro = `Checks (each problem names file:line:column, the JSON path, what is wrong and how to fix it):
  - structure: button (text ≤ 640, 1–3 buttons), generic (≤ 10 elements, title/subtitle ≤ 80), media;
    buttons (title ≤ 20, web_url with an http(s) url, postback payload ≤ 1000); quick_replies (≤ 13, title ≤ 20)
  - receiving_app_control_expiration: a whole number 1–7, else Meta silently uses 1 day (error); missing → note (1 day)
  - receiving_app_id: a numeric app id; with --page-id and a token it must be an app connected to the Page
  - unknown keys: warnings naming the nearest valid key
  - the file: UTF-8 (else an error at the byte offset); a duplicate key is a warning; message text ≤ 2000

Exit codes: 0 all valid (warnings allowed), 1 any error (or any warning with --strict), 2 a file cannot be read
(said on stderr) or nests deeper than 64 levels.`;

const validateLines = [
  'lead-kit template validate template.json',
  'lead-kit template example | lead-kit template validate -',
  'lead-kit template validate ads/*.json --strict --json',
  'LEAD_KIT_PAGE_TOKEN=… lead-kit template validate template.json --page-id 542998526103632',
];

interface ValidateValues {
  strict?: boolean;
  lenientStrings?: boolean;
  pageId?: string;
  token?: string;
  graphUrl: string;
  apiVersion: string;
  apps?: Array<{ id: string; name?: string }>;
  json?: boolean;
}

export function registerTemplate(program: Command, ctx: CommandContext, run: Runners): void {
  const template = program
    .command('template')
    .description(summaryOf('template').description)
    .addHelpText(
      'after',
      examples([
        'lead-kit template example > template.json',
        'lead-kit template validate template.json',
        'lead-kit template schema > lead-kit-template.schema.json',
      ]),
    );

  template
    .command('validate')
    .description('validate message-template JSON files (- reads stdin)')
    .argument('<file...>', 'template JSON files, or - for stdin')
    .addOption(option('--strict', 'warnings fail too (exit 1)'))
    .addOption(
      option(
        '--lenient-strings',
        'a digit string in receiving_app_control_expiration ("4") is a warning, not an error (whether Meta accepts it is undocumented)',
      ),
    )
    .addOption(pageIdOption(undefined, 'check receiving_app_id against the apps connected to this Page (needs a token)'))
    .addOption(tokenOption())
    .addOption(graphUrlOption())
    .addOption(apiVersionOption())
    .addOption(configOption())
    .addOption(jsonOption('print {files: [{file, ok, problems: [{severity, path, line, column, message}]}]}'))
    .addHelpText('after', examples(validateLines, validateIntro))
    .action(async (files: string[], _opts: unknown, command: Command) => {
      const config = await loadConfigValues(ctx.deps, command.opts<{ config?: string }>().config);
      const { values: v } = resolveSettings<ValidateValues>(
        command,
        ctx.deps,
        [
          { key: 'pageId', env: 'LEAD_KIT_PAGE_ID', config: 'pageId' },
          { key: 'token', env: 'LEAD_KIT_PAGE_TOKEN', secret: true },
          { key: 'graphUrl', env: 'LEAD_KIT_GRAPH_URL', config: 'graphUrl' },
          { key: 'apiVersion', config: 'apiVersion' },
          { key: 'apps', config: 'apps' },
        ],
        config,
      );
      ctx.outcome = await run.templateValidate(
        {
          files,
          json: v.json === true,
          strict: v.strict === true,
          lenientStrings: v.lenientStrings === true,
          pageId: v.pageId,
          token: v.token === '' ? undefined : v.token,
          graphUrl: v.graphUrl,
          apiVersion: v.apiVersion,
          apps: v.apps,
          debug: command.optsWithGlobals<{ debug?: boolean }>().debug === true,
        },
        ctx.deps,
      );
    });

  template
    .command('schema')
    .description('print the JSON Schema of a message template (for editors: "$schema")')
    .addHelpText('after', examples(['lead-kit template schema > lead-kit-template.schema.json']))
    .action(async () => {
      ctx.outcome = await run.templateSchema(ctx.deps);
    });

  template
    .command('example')
    .description("print a valid template to start from (button: Meta's sample from the lead-ads docs)")
    .addArgument(new Argument('[kind]', 'the kind of template').choices(['button', 'generic'] satisfies ExampleName[]).default('button'))
    .addHelpText('after', examples(['lead-kit template example', 'lead-kit template example generic > template.json']))
    .action(async (kind: ExampleName) => {
      ctx.outcome = await run.templateExample({ kind }, ctx.deps);
    });
}
