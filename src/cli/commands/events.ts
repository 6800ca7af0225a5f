import { Option, type Command } from 'commander';
import type { EventVia } from '../../commands/events/lead-submitted.js';
import type { LoggingTarget } from '../../events/requests.js';
import type { CommandContext } from '../context.js';
import { addGraphOptions, appIdSetting, graphAction } from '../graph-options.js';
import { examples } from '../help.js';
import { appIdOption, digits, int, option, psidOption } from '../options.js';
import type { Runners } from '../runners.js';
import { summaryOf } from './summaries.js';

const intro = `The Messaging Events API (page_activities) was shut down in September 2025 and the last Graph version that had it,
v20.0, expired on Sep 24, 2026: lead-kit still builds the request of Meta's guide (for old code under test and
for lead-kit mock) and warns. --via conversions-api sends the replacement, a LeadSubmitted event of the
Conversions API for Business Messaging.`;

const lines = [
  'lead-kit events lead-submitted --psid 24680135792468013 --app-id 1234 --page-id 5678 --dry-run',
  'lead-kit events lead-submitted --psid 24680135792468013 --via conversions-api --dataset-id 9876',
  'LEAD_KIT_GRAPH_URL=http://127.0.0.1:4010 lead-kit events lead-submitted --psid 5794982867201265 --app-id 2262510160704936',
];

interface EventValues {
  psid: string;
  via: EventVia;
  appId?: string;
  loggingTarget: LoggingTarget;
  datasetId?: string;
  eventName?: string;
  eventTime?: number;
  partnerAgent?: string;
  dryRun?: boolean;
}

/** `lead-kit events lead-submitted`: report a thread as a lead. */
export function registerEvents(program: Command, ctx: CommandContext, run: Runners): void {
  const events = program.command('events').description(summaryOf('events').description).addHelpText('after', examples(lines, intro));
  const cmd = events
    .command('lead-submitted')
    .description('report that the conversation with a person is a lead')
    .addOption(psidOption().makeOptionMandatory())
    .addOption(
      new Option(
        '--via <api>',
        'messaging-events (POST /{app-id}/page_activities, shut down) or conversions-api (POST /{dataset-id}/events)',
      )
        .choices(['messaging-events', 'conversions-api'] satisfies EventVia[])
        .default('messaging-events'),
    )
    .addOption(appIdOption('your app (messaging-events; config appId)'))
    .addOption(
      new Option('--logging-target <target>', 'who logs the event (messaging-events)')
        .choices(['page', 'app', 'app_and_page'] satisfies LoggingTarget[])
        .default('page'),
    )
    .addOption(
      option('--dataset-id <id>', 'the dataset of the Page (conversions-api)', {
        defaultText: 'looked up with GET /{page-id}/dataset',
        parse: digits('--dataset-id'),
      }),
    )
    .addOption(
      option('--event-name <name>', 'the event name', {
        defaultText: 'lead_submitted (messaging-events), LeadSubmitted (conversions-api)',
      }),
    )
    .addOption(option('--event-time <epoch-seconds>', 'conversions-api event_time', { defaultText: 'now', parse: int('--event-time', 1) }))
    .addOption(option('--partner-agent <name>', 'conversions-api partner_agent'))
    .addOption(option('--dry-run', 'print the request as a curl command (token redacted) and send nothing'))
    .addHelpText('after', examples(lines, intro));
  addGraphOptions(cmd).action(
    graphAction<EventValues>(ctx, [appIdSetting], (g, v, command) =>
      run.eventsLeadSubmitted(
        {
          ...g,
          psid: v.psid,
          via: v.via,
          apiVersionGiven: command.getOptionValueSource('apiVersion') === 'cli',
          appId: v.appId,
          loggingTarget: v.loggingTarget,
          datasetId: v.datasetId,
          eventName: v.eventName,
          eventTime: v.eventTime,
          partnerAgent: v.partnerAgent,
          dryRun: v.dryRun === true,
        },
        ctx.deps,
      ),
    ),
  );
}
