import { Argument, Option, type Command } from 'commander';
import type { SetOverride, WebhookExtras, WebhookOptions } from '../../commands/webhook.js';
import { UsageError } from '../../errors.js';
import { parseSetValue } from '../../json/pointer.js';
import { DEFAULT_MESSAGE_TEXT } from '../../webhooks/defaults.js';
import type { WebhookKind } from '../../webhooks/flow.js';
import type { LeadgenKind } from '../../commands/webhook-leadgen.js';
import { addLeadgenWebhookOptions, leadgenWebhookOptions, type LeadgenValues } from '../leadgen-options.js';
import { loadConfigValues } from '../config-file.js';
import type { CommandContext } from '../context.js';
import { examples } from '../help.js';
import {
  addDeliveryOptions,
  addLeadOptions,
  deliveryOptions,
  deliverySettings,
  leadOptions,
  leadSettings,
  type DeliveryValues,
  type LeadValues,
} from '../lead-options.js';
import { alias, configOption, endpointOption, jsonOption, option, repeatable } from '../options.js';
import type { Runners } from '../runners.js';
import { resolveSettings } from '../settings.js';
import { addDeliverySemanticsFlags, deliverySemantics, type DeliverySemanticsValues } from '../delivery-flags.js';
import { summaryOf } from './summaries.js';

const kindHelp = `Kinds:
  handover      pass_thread_control from the Messenger Leadgen app to your app, with the entry-level hop_context
  summary       the lead summary message ("Lead summary:\\n<question>: <answer>…") with hop_context
  referral      the LEAD_COMPLETE / LEAD_INCOMPLETE ads referral with lead.data answers
  message       a text message from the person (--text, --quick-reply)
  postback      a button tap, with the click-to-Messenger referral (--title, --payload, --ref)
  standby       the standby[] copy an app that does not own the thread gets (--of message|postback)
  ctm-referral  a click-to-Messenger ad opening an existing thread (OPEN_THREAD)
  leadgen       Instant Form lead ad: the Page leadgen change (ids only; --ids, --organic, --batch, --dashboard-sample)
  leadgen-update  the newer leadgen_update field (UNCONFIRMED: Meta does not document its payload)`;

const lines = [
  'lead-kit webhook handover --outcome incomplete',
  'lead-kit webhook referral --answer "What city is your store located?=Zürich"',
  'lead-kit webhook summary --raw                      # the exact bytes lead-kit would sign and send',
  'lead-kit webhook message --set /entry/0/messaging/0/message/text=hello',
  'lead-kit webhook referral --endpoint http://127.0.0.1:3000/webhook --app-secret "$APP_SECRET"',
  'lead-kit webhook leadgen --ids number --batch 2',
  'lead-kit webhook message --batch 3 --raw          # 3 messages in one body: entry[0].messaging[0..1], entry[1]',
  'lead-kit webhook message --endpoint http://127.0.0.1:3000/webhook --app-secret "$APP_SECRET" --retries meta',
];

const setArg = repeatable((raw: string): SetOverride => {
  const eq = raw.indexOf('=');
  if (eq <= 0 || !raw.startsWith('/'))
    throw new UsageError(`--set "${raw}" is not "/json/pointer=value"`, { hint: 'e.g. --set /entry/0/messaging/0/referral/ad_id=123' });
  return { pointer: raw.slice(0, eq), value: parseSetValue(raw.slice(eq + 1)) };
});

interface WebhookValues extends LeadValues, DeliveryValues, LeadgenValues, DeliverySemanticsValues, Omit<WebhookExtras, 'set'> {
  set?: SetOverride[];
  raw?: boolean;
  endpoint?: string;
  json?: boolean;
}

export function registerWebhook(program: Command, ctx: CommandContext, run: Runners): void {
  const endpoint = endpointOption("deliver the payload signed to your app's webhook URL instead of printing it");
  const cmd = program
    .command('webhook')
    .description(summaryOf('webhook').description)
    .addArgument(
      new Argument('<kind>', 'the webhook').choices([
        'handover',
        'summary',
        'referral',
        'message',
        'postback',
        'standby',
        'ctm-referral',
        'leadgen',
        'leadgen-update',
      ] satisfies Array<WebhookKind | LeadgenKind>),
    )
    .addOption(
      new Option('--outcome <outcome>', 'handover metadata and referral type').choices(['complete', 'incomplete']).default('complete'),
    )
    .addOption(option('--text <text>', 'message text', { default: DEFAULT_MESSAGE_TEXT }))
    .addOption(option('--quick-reply <payload>', 'the message came from a quick reply with this payload'))
    .addOption(option('--title <title>', 'postback button title', { default: 'Get Started' }))
    .addOption(option('--payload <payload>', 'postback payload', { default: 'GET_STARTED' }))
    .addOption(option('--ref <ref>', 'referral ref parameter (postback, ctm-referral)'))
    .addOption(new Option('--of <event>', 'what a standby copy carries').choices(['message', 'postback']).default('message'))
    .addOption(option('--set <pointer=value>', 'override any field by JSON pointer, value as JSON or text (repeatable)', { parse: setArg }))
    .addOption(option('--raw', "print the exact bytes that would be signed and sent (Meta's escaped form)"))
    .addOption(endpoint)
    .addOption(alias('--send <url>', endpoint))
    .addOption(configOption())
    .addOption(jsonOption('with --endpoint, print the delivery result as JSON'))
    .addHelpText('after', examples(lines, kindHelp));
  addLeadOptions(cmd);
  addDeliveryOptions(cmd);
  addLeadgenWebhookOptions(cmd);
  addDeliverySemanticsFlags(cmd);
  cmd.action(async (kind: WebhookKind | LeadgenKind, _opts: unknown, command: Command) => {
    const config = await loadConfigValues(ctx.deps, command.opts<{ config?: string }>().config);
    // --endpoint only from the command line: a config file's endpoint must not turn printing into sending.
    const { values: v } = resolveSettings<WebhookValues>(command, ctx.deps, [...leadSettings, ...deliverySettings], config);
    const opts: WebhookOptions = {
      ...deliveryOptions(v),
      kind,
      lead: leadOptions(v, command.getOptionValueSource('appName') === 'cli', ctx.deps.io),
      outcome: v.outcome,
      text: v.text,
      title: v.title,
      payload: v.payload,
      of: v.of,
      set: v.set ?? [],
      raw: v.raw === true,
      endpoint: v.endpoint,
      // One --batch: leadgen kinds pack n changes (leadgen options), the Messenger kinds n messaging events.
      delivery: deliverySemantics(v, kind === 'leadgen' || kind === 'leadgen-update' ? undefined : v.batch),
      json: v.json === true,
    };
    if (kind === 'leadgen' || kind === 'leadgen-update') opts.leadgen = leadgenWebhookOptions(v);
    if (v.quickReply !== undefined) opts.quickReply = v.quickReply;
    if (v.ref !== undefined) opts.ref = v.ref;
    ctx.outcome = await run.webhook(opts, ctx.deps);
  });
}
