import { Argument, type Command } from 'commander';
import type { SimulateCommandOptions } from '../../commands/simulate-run.js';
import { UsageError } from '../../errors.js';
import type { Scenario } from '../../webhooks/flow.js';
import type { FormScenario } from '../../webhooks/form-flow.js';
import type { LeadgenIds } from '../../webhooks/leadgen.js';
import { addFormSimulateOptions, batchSize, formOptions } from '../leadgen-options.js';
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
import { collect, configOption, endpointOption, httpUrl, int, jsonOption, option, verifyTokenOption } from '../options.js';
import type { Runners } from '../runners.js';
import { resolveSettings } from '../settings.js';
import { addDeliverySemanticsFlags, deliverySemantics, type DeliverySemanticsValues } from '../delivery-flags.js';
import { summaryOf } from './summaries.js';

const scenarioList = `Scenarios:
  complete      handover (messenger_lead_gen_complete) → lead summary → LEAD_COMPLETE referral (default)
  incomplete    handover (messenger_lead_gen_incomplete) → LEAD_INCOMPLETE referral with the answers so far
  disqualified  handover (messenger_lead_gen_incomplete) → LEAD_INCOMPLETE referral with all answers
  keyword-exit  the stop keyword reaches the app as a message; control is released (no webhook)
  no-app        no connected app: control is released; a subscribed app gets only the LEAD_COMPLETE referral

Instant Form lead ads (the Page leadgen webhook; --answer key=value sets field_data, e.g. --answer email=a@b.c):
  form          one lead from an ad; with --mock your app fetches it (--expect fetched-lead)
  form-organic  an organic / Testing Tool lead: no ad_id, no adgroup_id
  form-batch    --batch leads (3 unless given) in one POST, over --entries entries
  form-forged   a leadgen webhook with a bad signature (--expect no-fetch-on-forged)

Without --endpoint, lead-kit starts an embedded receiver on 127.0.0.1 that checks the handshake and both
signatures over the raw bytes, so \`npx lead-kit simulate\` works with no set-up.`;

const lines = [
  'lead-kit simulate',
  'lead-kit simulate incomplete --endpoint http://127.0.0.1:3000/webhook --app-secret "$APP_SECRET"',
  'lead-kit simulate --answer "What city is your store located?=Zürich" --json',
  'lead-kit simulate --shuffle --duplicate 1 --delay 200',
  'lead-kit simulate --batch 3 --batch-shape entries',
  'lead-kit simulate --endpoint http://127.0.0.1:3000/webhook --app-secret "$APP_SECRET" --retries meta --timeout 5000',
  'lead-kit simulate --mock --interrupt --endpoint http://127.0.0.1:3000/webhook --app-secret "$APP_SECRET" --expect no-send-during-flow',
  'lead-kit simulate --mock --endpoint http://127.0.0.1:3000/webhook --app-secret "$APP_SECRET" --expect pass --expect no-send-during-flow',
  'lead-kit simulate form --mock --endpoint http://127.0.0.1:3000/webhook --app-secret "$APP_SECRET" --expect fetched-lead',
];

/** Port of `--mock` without a value: the same default as `lead-kit mock`. */
const DEFAULT_MOCK_PORT = 4010;

interface SimulateValues extends LeadValues, DeliveryValues, DeliverySemanticsValues {
  ids: LeadgenIds;
  formId: string;
  batch?: number | true;
  entries?: number;
  interrupt?: boolean;
  endpoint?: string;
  verifyToken?: string;
  shuffle?: boolean;
  seed?: number;
  duplicate?: number | true;
  delay: number;
  mock?: number | true;
  expect?: string[];
  expectWithin?: number;
  graphUrl?: string;
  json?: boolean;
}

export function registerSimulate(program: Command, ctx: CommandContext, run: Runners): void {
  const cmd = program
    .command('simulate')
    .description(summaryOf('simulate').description)
    .addArgument(
      new Argument('[scenario]', 'the lead flow')
        .choices([
          'complete',
          'incomplete',
          'disqualified',
          'keyword-exit',
          'no-app',
          'form',
          'form-organic',
          'form-batch',
          'form-forged',
        ] satisfies Array<Scenario | FormScenario>)
        .default('complete'),
    )
    .addOption(endpointOption("your app's webhook URL", 'an embedded receiver'))
    .addOption(verifyTokenOption('also run the GET verification handshake with this token'))
    .addOption(option('--no-summary', 'the ad does not send the lead summary message'))
    .addOption(option('--keyword <word>', 'the stop keyword of keyword-exit', { defaultText: 'support' }))
    .addOption(option('--shuffle', 'deliver in a random order (prints the seed)'))
    .addOption(option('--seed <n>', 'the seed for --shuffle, to repeat an order', { parse: int('--seed', 1, 2 ** 31) }))
    .addOption(
      option('--duplicate [step]', 'deliver one step twice, as Meta retries do', {
        defaultText: 'step 1 when given without a value',
        parse: int('--duplicate', 1),
      }),
    )
    .addOption(option('--delay <ms>', 'wait this long between deliveries', { default: 0, parse: int('--delay', 0) }))
    .addOption(
      option('--mock [port]', 'run a local Graph API (lead-kit mock) next to the flow on this port; point your app at it', {
        defaultText: `${DEFAULT_MOCK_PORT} when given without a port`,
        parse: int('--mock', 0, 65535),
      }),
    )
    .addOption(
      option('--graph-url <url>', 'use an already-running `lead-kit mock` at this URL instead of starting one (--expect reads its calls)', {
        parse: (raw) => httpUrl('--graph-url', raw).replace(/\/+$/, ''),
      }).conflicts('mock'),
    )
    .addOption(
      option(
        '--expect <what>',
        'with --mock or --graph-url: what your app must do: reply | reply:once | no-reply | pass | pass:<app-id> | release | no-send-during-flow | lead-event | status:<code> | fetched-lead | no-fetch-on-forged (repeatable)',
        { parse: collect },
      ),
    )
    .addOption(
      option('--expect-within <ms>', 'with --mock: how long to wait for the expected calls after the last delivery', {
        defaultText: '2000',
        parse: int('--expect-within', 0, 600_000),
      }),
    )
    .addOption(
      option(
        '--interrupt',
        "with --mock: first deliver a message the person wrote just before the ad took the thread; the app's answer meets the lead flow's Send API block (10/2018321)",
      ),
    )
    .addOption(configOption())
    .addOption(jsonOption('print {scenario, endpoint, deliveries: [{step, kind, app, status, ms, ok}], ok}'))
    .addHelpText('after', examples(lines, scenarioList));
  addLeadOptions(cmd);
  addDeliveryOptions(cmd);
  addFormSimulateOptions(cmd);
  addDeliverySemanticsFlags(cmd);
  cmd.action(async (scenario: Scenario | FormScenario, _opts: unknown, command: Command) => {
    const config = await loadConfigValues(ctx.deps, command.opts<{ config?: string }>().config);
    const { values: v } = resolveSettings<SimulateValues>(
      command,
      ctx.deps,
      [
        ...leadSettings,
        ...deliverySettings,
        { key: 'endpoint', config: 'endpoint' },
        { key: 'verifyToken', env: 'LEAD_KIT_VERIFY_TOKEN', secret: true },
      ],
      config,
    );
    let mock: SimulateCommandOptions['mock'];
    if (v.mock !== undefined || v.graphUrl !== undefined) {
      const { parseExpectation } = await import('../../mock/expect.js');
      mock = {
        port: v.mock === undefined || v.mock === true ? DEFAULT_MOCK_PORT : v.mock,
        expectations: (v.expect ?? []).map(parseExpectation),
        withinMs: v.expectWithin ?? 2000,
      };
      if (v.graphUrl !== undefined) mock.graphUrl = v.graphUrl;
      if (v.interrupt === true && v.graphUrl !== undefined)
        throw new UsageError('--interrupt needs the mock simulate starts (--mock), not one already running (--graph-url)', {
          hint: 'use --mock instead of --graph-url',
        });
      if (v.interrupt === true) mock.interrupt = true;
    } else if (v.interrupt === true) {
      throw new UsageError('--interrupt checks what your app sends during the lead flow, so it needs --mock', {
        hint: 'add --mock and start your app with GRAPH_API_URL pointing at the printed mock URL',
      });
    } else if (v.expect !== undefined || v.expectWithin !== undefined) {
      throw new UsageError('--expect checks the Graph calls your app makes, so it needs --mock', {
        hint: 'add --mock and start your app with GRAPH_API_URL pointing at the printed mock URL',
      });
    }
    const opts: SimulateCommandOptions = {
      ...deliveryOptions(v),
      scenario,
      form: formOptions(scenario, v),
      endpoint: v.endpoint,
      verifyToken: v.verifyToken === '' ? undefined : v.verifyToken,
      lead: leadOptions(v, command.getOptionValueSource('appName') === 'cli', ctx.deps.io),
      delayMs: v.delay,
      shuffle: v.shuffle === true,
      seed: v.seed,
      duplicate: v.duplicate === true ? 1 : v.duplicate,
      mock,
      // One --batch: Instant Form scenarios pack leads (form), the Messenger scenarios pack their events.
      delivery: deliverySemantics(v, scenario.startsWith('form') || v.batch === undefined ? undefined : batchSize(v.batch)),
      json: v.json === true,
    };
    ctx.outcome = await run.simulate(opts, ctx.deps);
  });
}
