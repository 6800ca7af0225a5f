import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { addDeliveryFlags, addLeadFlags, collect, configOption, deliverySettings, jsonOption, leadSettings } from '../flags.js';
import { loadConfigValues } from '../config-file.js';
import { addLeadgenWebhookFlags } from '../leadgen-flags.js';
import { resolveSettings } from '../settings.js';

const kindHelp = `Kinds:
  handover      pass_thread_control from the Messenger Leadgen app to your app, with the entry-level hop_context
  summary       the lead summary message ("Lead summary:\\n<question>: <answer>…") with hop_context
  referral      the LEAD_COMPLETE / LEAD_INCOMPLETE ads referral with lead.data answers
  message       a text message from the person (--text, --quick-reply)
  postback      a button tap, with the click-to-Messenger referral (--title, --payload, --ref)
  standby       the standby[] copy an app that does not own the thread gets (--of message|postback)
  ctm-referral  a click-to-Messenger ad opening an existing thread (OPEN_THREAD)
  leadgen       Instant Form lead ad: the Page leadgen change (ids only; --ids, --organic, --batch, --dashboard-sample)
  leadgen-update  the newer leadgen_update field (UNCONFIRMED: Meta does not document its payload)

Examples:
  $ lead-kit webhook handover --outcome incomplete
  $ lead-kit webhook referral --answer "What city is your store located?=Zürich"
  $ lead-kit webhook summary --raw                      # the exact bytes lead-kit would sign and send
  $ lead-kit webhook message --set /entry/0/messaging/0/message/text=hello
  $ lead-kit webhook leadgen --ids number --batch 2
  $ lead-kit webhook referral --send http://127.0.0.1:3000/webhook --app-secret "$APP_SECRET"`;

export function registerWebhook(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('webhook')
    .description('print one lead-flow webhook payload, or deliver it signed with --send')
    .argument('<kind>', 'handover | summary | referral | message | postback | standby | ctm-referral | leadgen | leadgen-update')
    .option('--outcome <outcome>', 'complete or incomplete (handover metadata, referral type)')
    .option('--text <text>', 'message text')
    .option('--quick-reply <payload>', 'the message came from a quick reply with this payload')
    .option('--title <title>', 'postback button title (default "Get Started")')
    .option('--payload <payload>', 'postback payload (default GET_STARTED)')
    .option('--ref <ref>', 'referral ref parameter (postback, ctm-referral)')
    .option('--of <event>', 'what a standby copy carries: message or postback')
    .option('--set <pointer=value>', 'override any field by JSON pointer, value as JSON or text (repeatable)', collect)
    .option('--raw', 'print the exact bytes that would be signed and sent (Meta\'s escaped form)')
    .option('--send <url>', 'deliver the payload signed to this URL instead of printing it')
    .addOption(configOption())
    .addOption(jsonOption('with --send, print the delivery result as JSON'))
    .addHelpText('after', `\n${kindHelp}`);
  addLeadFlags(cmd);
  addDeliveryFlags(cmd);
  addLeadgenWebhookFlags(cmd);
  cmd.action(async (kind: string, _opts: unknown, command: Command) => {
    const config = await loadConfigValues(ctx.deps, command.opts<{ config?: string }>().config);
    const { values } = resolveSettings(command, ctx.deps, [...leadSettings, ...deliverySettings], config);
    const { runWebhook } = await import('../../commands/webhook-run.js');
    ctx.exitCode = await runWebhook(kind, values, ctx.deps);
  });
}
