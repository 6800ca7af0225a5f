import { Option, type Command } from 'commander';
import type { MockOptions } from '../../commands/mock-run.js';
import { UsageError } from '../../errors.js';
import { parseInstant } from '../../mock/clock.js';
import type { Scenario } from '../../webhooks/flow.js';
import type { CommandContext } from '../context.js';
import { examples } from '../help.js';
import { alias, appSecretOption, endpointOption, hostOption, jsonOption, option, portOption } from '../options.js';
import type { Runners } from '../runners.js';
import { resolveSettings } from '../settings.js';
import { summaryOf } from './summaries.js';

/** Every route the mock serves; test/mock/help.test.ts keeps this list complete. */
export const mockRoutes = `Routes (any /vNN.N/ prefix or none; {page} is a Page id or "me", the token's Page):
  GET              /{page}?fields=messaging_feature_status,name
  GET              /{page}/thread_owner?recipient=<PSID>
  POST             /{page}/messages                  (Send API, thread_control too)
  POST             /{page}/pass_thread_control
  POST             /{page}/release_thread_control
  POST             /{page}/take_thread_control
  POST             /{page}/request_thread_control
  POST             /{page}/extend_thread_control
  GET|POST|DELETE  /{page}/subscribed_apps
  GET|POST|DELETE  /{page}/messenger_profile         (get_started, greeting, persistent_menu, ice_breakers, …)
  GET              /{page}/messaging_feature_review
  GET              /{page}/conversations?user_id=<PSID>
  GET              /{page}/secondary_receivers
  GET              /{page}/dataset
  GET              /me/permissions
  GET              /{psid}                          (a person's profile)
  GET              /debug_token?input_token=<token>
  POST             /{app-id}/page_activities
  POST             /{app-id}/activities              (App Events: CUSTOM_APP_EVENTS)
  POST             /                                 (Graph batch requests: batch=[{method, relative_url, body}])
  any              ?method=delete | ?method=post     (Graph's method override)
  POST             /{dataset-id}/events
  GET              /{page}/leadgen_forms             (Instant Form lead ads)
  GET|DELETE       /{lead-id}
  GET              /{form-id}
  GET              /{form-id}/leads
  GET              /{ad-id}/leads
  GET|POST         /{form-id}/test_leads
Control and inspection (never recorded as calls):
  GET|POST         /__lead-kit/clock                 POST {"advance":"25h"} | {"set":"<ISO>"} | {"freeze":true}
  GET|DELETE       /__lead-kit/calls                 GET ?since=<seq>
  GET              /__lead-kit/state
  GET              /__lead-kit/webhooks
  POST             /__lead-kit/message               {"psid","text","page_id"?}
  POST             /__lead-kit/lead-flow             {"scenario"?,"psid"?,"app_id"?,"page_id"?,…}
  POST             /__lead-kit/lead-flow/begin       {"psid","scenario","app_id" | null,"answers","page_id"?}
  POST             /__lead-kit/lead-flow/step        {"psid","step","page_id"?}`;

const intro = `Without --config, a demo setup starts: Page 542998526103632, a connected app 2262510160704936 that owns
the thread with PSID 5794982867201265, a default app 498721317747541, and the fake token lead-kit-demo-page-token.

${mockRoutes}`;

const lines = [
  'lead-kit mock',
  'lead-kit mock --port 0 --json',
  'lead-kit mock --config mock.json --start-time 2026-11-21T10:00:00Z',
  'lead-kit mock --scenario complete --endpoint http://127.0.0.1:3000/webhook --app-secret "$APP_SECRET"',
];

const instant = (raw: string): number => {
  const ms = parseInstant(raw);
  if (ms === undefined)
    throw new UsageError(`--start-time "${raw}" is not a date`, {
      hint: 'write an ISO 8601 date such as 2026-11-21T10:00:00Z, or epoch milliseconds',
    });
  return ms;
};

interface MockValues {
  port: number;
  host: string;
  config?: string;
  startTime?: number;
  scenario?: Scenario;
  endpoint?: string;
  appSecret?: string;
  json?: boolean;
}

export function registerMock(program: Command, ctx: CommandContext, run: Runners): void {
  const endpoint = endpointOption("demo setup: your app's webhook URL; the mock sends it signed webhooks").conflicts('config');
  program
    .command('mock')
    .description(summaryOf('mock').description)
    .addOption(portOption(4010))
    .addOption(hostOption())
    .addOption(option('--config <file>', 'mock setup (Pages, apps, tokens, people) as JSON', { defaultText: 'the demo setup' }))
    .addOption(
      option('--start-time <time>', 'where the virtual clock starts (ISO 8601 or epoch ms)', {
        defaultText: "the config's start_time, else now",
        parse: instant,
      }),
    )
    .addOption(
      new Option('--scenario <name>', 'run a lead flow through the mock once it is ready').choices([
        'complete',
        'incomplete',
        'disqualified',
        'keyword-exit',
        'no-app',
      ] satisfies Scenario[]),
    )
    .addOption(endpoint)
    .addOption(alias('--webhook-url <url>', endpoint))
    .addOption(appSecretOption('demo setup: signs the webhooks the mock sends your app'))
    .addOption(jsonOption('NDJSON: a {"type":"ready",…} line, then one line per request and per webhook'))
    .addHelpText('after', examples(lines, intro))
    .action(async (_opts: unknown, command: Command) => {
      const { values: v } = resolveSettings<MockValues>(command, ctx.deps, [
        { key: 'appSecret', env: 'LEAD_KIT_APP_SECRET', secret: true },
      ]);
      const opts: MockOptions = {
        port: v.port,
        host: v.host,
        config: v.config,
        startTime: v.startTime,
        json: v.json === true,
        scenario: v.scenario,
        endpoint: v.endpoint,
        appSecret: v.appSecret === '' ? undefined : v.appSecret,
      };
      ctx.outcome = await run.mock(opts, ctx.deps);
    });
}
