import { Option, type Command } from 'commander';
import type { LeadFormat } from '../../commands/leads.js';
import { UsageError } from '../../errors.js';
import type { CommandContext } from '../context.js';
import { addGraphOptions, graphAction } from '../graph-options.js';
import { examples } from '../help.js';
import { int, option, positive, psidOption } from '../options.js';
import type { Runners } from '../runners.js';

interface LeadsValues {
  psid?: string;
  format: LeadFormat;
  out?: string;
  rate: number;
  limit?: number;
}

/** `lead-kit leads`: what each person answered, out of the Conversations API. */
export function registerLeads(program: Command, ctx: CommandContext, run: Runners): void {
  const cmd = program
    .command('leads')
    .description("read each lead's answers from the Conversations API (summary text, or the Leadgen app's questions paired with the replies)")
    .addOption(psidOption('only the conversation with this person (user_id=<psid>)'))
    .addOption(new Option('--format <format>', 'table, json, or csv (RFC 4180, one column per question)').choices(['table', 'json', 'csv'] satisfies LeadFormat[]).default('table'))
    .addOption(option('--out <file>', 'write to this file instead of stdout: atomically, through symlinks, keeping its mode (- = stdout)'))
    .addOption(option('--rate <calls-per-second>', 'pace the conversations calls (Meta allows 2 per second per Page)', { default: 2, parse: positive('--rate', 'a number of calls per second from 0.1 to 100', 100) }))
    .addOption(option('--limit <n>', 'stop after this many conversations', { parse: int('--limit', 1) }))
    .addHelpText(
      'after',
      examples(['lead-kit leads --token "$PAGE_TOKEN"', 'lead-kit leads --psid 24680135792468013 --json', 'lead-kit leads --format csv --out leads.csv', 'LEAD_KIT_GRAPH_URL=http://127.0.0.1:4010 lead-kit leads    # against lead-kit mock']),
    );
  addGraphOptions(cmd);
  // --json is --format json: one format flag, two spellings.
  cmd.options.find((o) => o.long === '--json')!.description = 'the same as --format json';
  cmd.action(
    graphAction<LeadsValues>(ctx, [], (g, v, command) => {
      const json = command.getOptionValueSource('json') === 'cli';
      if (json && command.getOptionValueSource('format') === 'cli' && v.format !== 'json') {
        throw new UsageError(`--json and --format ${v.format} contradict each other`, { hint: '--json is --format json; give one of them' });
      }
      return run.leads({ ...g, json: false, psid: v.psid, format: json ? 'json' : v.format, out: v.out, rate: v.rate, limit: v.limit }, ctx.deps);
    }),
  );
}
