import { Option, type Command } from 'commander';
import type { CommandContext } from '../context.js';
import type { Runners } from '../runners.js';
import { UsageError } from '../../errors.js';
import { summaryOf } from './summaries.js';

const help = `The suite file (./lead-kit.test.json unless given; \`lead-kit init --test-suite\` writes a starter):
  app.command           how to start your app (through the shell, in app.cwd, default the suite's folder)
  app.webhook           where your app receives webhooks; ready when it accepts connections
  app.ready_url         optional: ready when this URL answers 2xx instead
  app.env               extra environment; values may hold {graph_url} {page_token} {app_secret}
                        {verify_token} {page_id} {app_id}
  cases[]               a lead flow (simulate's inputs in snake_case: scenario, answers, summary, duplicate,
                        shuffle, seed, delay_ms, keyword, standby_apps, psid, expect, expect_within_ms)
                        or {"name", "verify": true}: the forged-delivery matrix of \`lead-kit verify\`

lead-kit starts a mock Graph API on a free port with a generated app secret, Page token and verify token, starts
your app with LEAD_KIT_GRAPH_URL, LEAD_KIT_PAGE_TOKEN, LEAD_KIT_APP_SECRET, LEAD_KIT_VERIFY_TOKEN,
LEAD_KIT_PAGE_ID and LEAD_KIT_APP_ID set, runs each case with its own PSID, then stops the app (SIGTERM, SIGKILL
after 5 s) and the mock.

Exit: 0 every case passed, 1 a case failed, 2 bad suite or flags, 3 the app never became ready or died,
130 interrupted.

Examples:
  $ lead-kit test
  $ lead-kit test ci/lead-kit.test.json --reporter junit --output lead-kit.xml
  $ lead-kit test --schema > lead-kit.test.schema.json`;

interface RawTestFlags {
  schema?: boolean;
  reporter: 'default' | 'junit' | 'tap';
  output?: string;
  json?: boolean;
}

export function registerTest(program: Command, ctx: CommandContext, run: Runners): void {
  program
    .command('test')
    .description(summaryOf('test').description)
    .argument('[suite]', 'the suite file', 'lead-kit.test.json')
    .option('--schema', "print the suite file's JSON Schema (for editors) and exit")
    .addOption(
      new Option('--reporter <name>', 'default: one line per case; junit: JUnit XML; tap: TAP 13')
        .choices(['default', 'junit', 'tap'])
        .default('default'),
    )
    .option('--output <file>', 'write the junit/tap report to this file (the case lines still go to stdout)')
    .option('--json', 'NDJSON on stdout: one {"type":"case"} event per case, then {"type":"summary"}')
    .addHelpText('after', `\n${help}`)
    .action(async (suite: string, flags: RawTestFlags) => {
      if (flags.output !== undefined && flags.reporter === 'default')
        throw new UsageError('--output writes a junit or tap report', { hint: 'add --reporter junit (or tap)' });
      if (flags.json === true && flags.reporter !== 'default' && flags.output === undefined)
        throw new UsageError(`--json and --reporter ${flags.reporter} both want stdout`, {
          hint: `add --output <file> for the ${flags.reporter} report`,
        });
      ctx.outcome = await run.test(
        {
          suite,
          schema: flags.schema === true,
          reporter: flags.reporter,
          ...(flags.output === undefined ? {} : { output: flags.output }),
          json: flags.json === true,
          githubAnnotations: ctx.deps.env.GITHUB_ACTIONS === 'true',
        },
        ctx.deps,
      );
    });
}
