import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { addGraphFlags, graphAction } from '../graph-flags.js';

const examples = `Examples:
  $ lead-kit leads --token "$PAGE_TOKEN"
  $ lead-kit leads --psid 24680135792468013 --json
  $ lead-kit leads --format csv --out leads.csv
  $ LEAD_KIT_GRAPH_URL=http://127.0.0.1:4010 lead-kit leads    # against lead-kit mock
  $ lead-kit leads --form 1048557243911820 --since 2026-11-01 --format csv --out leads.csv`;

/** `lead-kit leads`: what each person answered, out of the Conversations API. */
export function registerLeads(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('leads')
    .description("read each lead's answers from the Conversations API (summary text, or the Leadgen app's questions paired with the replies)")
    .option('--psid <psid>', 'only the conversation with this person (user_id=<psid>)')
    .option('--format <format>', 'table, json or csv (RFC 4180, one column per question)', 'table')
    .option('--out <file>', 'write to this file (atomically) instead of stdout')
    .option('--rate <calls-per-second>', "pace the conversations calls (Meta allows 2 per second per Page)", '2')
    .option('--limit <n>', 'stop after this many conversations (with --form/--ad: leads)')
    .option('--form <id>', 'Instant Form leads of this form (GET /{form-id}/leads) instead of Messenger conversations')
    .option('--ad <id>', 'Instant Form leads of this ad (GET /{ad-id}/leads)')
    .option('--since <date>', 'with --form/--ad: leads created at or after this date or unix time (filtering time_created)')
    .option('--until <date>', 'with --form/--ad: leads created before this date or unix time')
    .addHelpText('after', `\n${examples}`);
  addGraphFlags(cmd).action(graphAction(ctx, [], async (v, deps, config) => (await import('../../commands/leads.js')).runLeads(v, deps, config)));
}
