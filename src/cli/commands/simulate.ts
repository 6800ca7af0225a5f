import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { addDeliveryFlags, addLeadFlags, collect, configOption, deliverySettings, jsonOption, leadSettings } from '../flags.js';
import { loadConfigValues } from '../config-file.js';
import { resolveSettings } from '../settings.js';

const scenarioList = `Scenarios:
  complete      handover (messenger_lead_gen_complete) → lead summary → LEAD_COMPLETE referral (default)
  incomplete    handover (messenger_lead_gen_incomplete) → LEAD_INCOMPLETE referral with the answers so far
  disqualified  handover (messenger_lead_gen_incomplete) → LEAD_INCOMPLETE referral with all answers
  keyword-exit  the stop keyword reaches the app as a message; control is released (no webhook)
  no-app        no connected app: control is released; a subscribed app gets only the LEAD_COMPLETE referral

Without --endpoint, lead-kit starts an embedded receiver on 127.0.0.1 that checks the handshake and both
signatures over the raw bytes, so \`npx lead-kit simulate\` works with no set-up.

Examples:
  $ lead-kit simulate
  $ lead-kit simulate incomplete --endpoint http://127.0.0.1:3000/webhook --app-secret "$APP_SECRET"
  $ lead-kit simulate --answer "What city is your store located?=Zürich" --json
  $ lead-kit simulate --shuffle --duplicate 1 --delay 200
  $ lead-kit simulate --mock --endpoint http://127.0.0.1:3000/webhook --app-secret "$APP_SECRET" --expect pass --expect no-send-during-flow`;

export function registerSimulate(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('simulate')
    .description('run a whole lead-ad flow as ordered, signed webhook deliveries and report what the endpoint answered')
    .argument('[scenario]', 'complete | incomplete | disqualified | keyword-exit | no-app', 'complete')
    .option('--endpoint <url>', "your app's webhook URL (default: an embedded receiver)")
    .option('--verify-token <token>', 'also run the GET verification handshake with this token (env LEAD_KIT_VERIFY_TOKEN)')
    .option('--no-summary', 'the ad does not send the lead summary message')
    .option('--keyword <word>', 'the stop keyword of keyword-exit (default "support")')
    .option('--standby-app <id[:name]>', 'another subscribed app that gets standby copies (repeatable)', (v: string, p: string[] = []) => [...p, v])
    .option('--shuffle', 'deliver in a random order (prints the seed)')
    .option('--seed <n>', 'the seed for --shuffle, to repeat an order')
    .option('--duplicate [step]', 'deliver one step twice, as Meta retries do (default: step 1)')
    .option('--delay <ms>', 'wait this long between deliveries', '0')
    .option('--mock [port]', 'run a local Graph API (lead-kit mock) next to the flow on this port (default 4010); point your app at it')
    .option('--graph-url <url>', 'use an already-running `lead-kit mock` at this URL instead of starting one (--expect reads its calls)')
    .option('--expect <what>', 'with --mock: what your app must do: reply | reply:once | no-reply | pass | pass:<app-id> | release | no-send-during-flow | lead-event | status:<code> (repeatable)', collect)
    .option('--expect-within <ms>', 'with --mock: how long to wait for the expected calls after the last delivery (default 2000)')
    .addOption(configOption())
    .addOption(jsonOption('print {scenario, endpoint, deliveries: [{step, kind, app, status, ms, ok}], ok}'))
    .addHelpText('after', `\n${scenarioList}`);
  addLeadFlags(cmd);
  addDeliveryFlags(cmd);
  cmd.action(async (scenario: string, _opts: unknown, command: Command) => {
    const config = await loadConfigValues(ctx.deps, command.opts<{ config?: string }>().config);
    const { values } = resolveSettings(command, ctx.deps, [
      ...leadSettings,
      ...deliverySettings,
      { key: 'endpoint', config: 'endpoint' },
      { key: 'verifyToken', env: 'LEAD_KIT_VERIFY_TOKEN', secret: true },
    ], config);
    const { runSimulate } = await import('../../commands/simulate-run.js');
    ctx.exitCode = await runSimulate(scenario, values, ctx.deps);
  });
}
