import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { addGraphFlags, appIdSetting, graphAction } from '../graph-flags.js';

const examples = `Examples:
  $ lead-kit events lead-submitted --psid 24680135792468013 --app-id 1234 --page-id 5678 --dry-run
  $ lead-kit events lead-submitted --psid 24680135792468013 --via conversions-api --dataset-id 9876
  $ LEAD_KIT_GRAPH_URL=http://127.0.0.1:4010 lead-kit events lead-submitted --psid 5794982867201265 --app-id 2262510160704936

The Messaging Events API (page_activities) was shut down in September 2025 and the last Graph version that had it,
v20.0, expired on Sep 24, 2026: lead-kit still builds the request of Meta's guide (for old code under test and
for lead-kit mock) and warns. --via conversions-api sends the replacement, a LeadSubmitted event of the
Conversions API for Business Messaging.`;

/** `lead-kit events lead-submitted`: report a thread as a lead. */
export function registerEvents(program: Command, ctx: CommandContext): void {
  const events = program.command('events').description('report lead events to Meta (Messaging Events API or its successor, the Conversions API)');
  const cmd = events
    .command('lead-submitted')
    .description('report that the conversation with a person is a lead')
    .option('--psid <psid>', "the person's Page-scoped id (required)")
    .option('--via <api>', 'messaging-events (POST /{app-id}/page_activities, shut down) or conversions-api (POST /{dataset-id}/events)', 'messaging-events')
    .option('--app-id <id>', 'your app (messaging-events; config appId)')
    .option('--logging-target <target>', 'page, app or app_and_page (messaging-events)', 'page')
    .option('--dataset-id <id>', 'the dataset of the Page (conversions-api; looked up with GET /{page-id}/dataset when omitted)')
    .option('--event-name <name>', 'lead_submitted (messaging-events) or LeadSubmitted (conversions-api) unless given')
    .option('--event-time <epoch-seconds>', 'conversions-api event_time (default now)')
    .option('--partner-agent <name>', 'conversions-api partner_agent')
    .option('--dry-run', 'print the request as a curl command (token redacted) and send nothing')
    .addHelpText('after', `\n${examples}`);
  addGraphFlags(cmd).action(
    graphAction(ctx, [appIdSetting], async (v, deps, config) => {
      v.apiVersionFromFlag = cmd.getOptionValueSource('apiVersion') === 'cli';
      return (await import('../../commands/events.js')).runLeadSubmitted(v, deps, config);
    }),
  );
}
