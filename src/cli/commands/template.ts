import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { configOption, jsonOption } from '../flags.js';
import { loadConfigValues } from '../config-file.js';
import { resolveSettings } from '../settings.js';

const validateHelp = `Checks (each problem names file:line:column, the JSON path, what is wrong and how to fix it):
  - structure: button (text ≤ 640, 1–3 buttons), generic (≤ 10 elements, title/subtitle ≤ 80), media;
    buttons (title ≤ 20, web_url with an http(s) url, postback payload ≤ 1000); quick_replies (≤ 13, title ≤ 20)
  - receiving_app_control_expiration: a whole number 1–7, else Meta silently uses 1 day (error); missing → note (1 day)
  - receiving_app_id: a numeric app id; with --page-id and a token it must be an app connected to the Page
  - unknown keys: warnings naming the nearest valid key
  - the file: UTF-8 (else an error at the byte offset); a duplicate key is a warning; message text ≤ 2000

Exit codes: 0 all valid (warnings allowed), 1 any error (or any warning with --strict), 2 a file cannot be read
(or nests deeper than 64 levels).

Examples:
  $ lead-kit template validate template.json
  $ lead-kit template example | lead-kit template validate -
  $ lead-kit template validate ads/*.json --strict --json
  $ LEAD_KIT_PAGE_TOKEN=… lead-kit template validate template.json --page-id 542998526103632`;

export function registerTemplate(program: Command, ctx: CommandContext): void {
  const template = program.command('template').description('validate lead-ad message templates; print their JSON Schema or an example');

  template
    .command('validate')
    .description('validate message-template JSON files (- reads stdin)')
    .argument('<file...>', 'template JSON files, or - for stdin')
    .option('--strict', 'warnings fail too (exit 1)')
    .option('--lenient-strings', 'a digit string in receiving_app_control_expiration ("4") is a warning, not an error (whether Meta accepts it is undocumented)')
    .option('--page-id <id>', 'check receiving_app_id against the apps connected to this Page (env LEAD_KIT_PAGE_ID)')
    .option('--token <token>', 'Page access token for that check (env LEAD_KIT_PAGE_TOKEN)')
    .option('--graph-url <url>', 'Graph API base URL, e.g. a local `lead-kit mock` (env LEAD_KIT_GRAPH_URL)')
    .option('--api-version <version>', 'Graph API version (default v26.0)')
    .addOption(configOption())
    .addOption(jsonOption('print {files: [{file, ok, problems: [{severity, path, line, column, message}]}]}'))
    .addHelpText('after', `\n${validateHelp}`)
    .action(async (files: string[], _opts: unknown, command: Command) => {
      const config = await loadConfigValues(ctx.deps, command.opts<{ config?: string }>().config);
      const { values } = resolveSettings(
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
      const { runTemplateValidate } = await import('../../commands/template-validate.js');
      ctx.exitCode = await runTemplateValidate(files, { ...values, debug: command.optsWithGlobals<{ debug?: boolean }>().debug === true }, ctx.deps);
    });

  template
    .command('schema')
    .description('print the JSON Schema of a message template (for editors: "$schema")')
    .addHelpText('after', '\nExample:\n  $ lead-kit template schema > lead-kit-template.schema.json')
    .action(async () => {
      const { runTemplateSchema } = await import('../../commands/template-schema.js');
      ctx.exitCode = runTemplateSchema(ctx.deps);
    });

  template
    .command('example')
    .description("print a valid template to start from (button: Meta's sample from the lead-ads docs)")
    .argument('[kind]', 'button | generic', 'button')
    .action(async (kind: string) => {
      const { runTemplateExample } = await import('../../commands/template-example.js');
      ctx.exitCode = runTemplateExample(kind, ctx.deps);
    });
}
