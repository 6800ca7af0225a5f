import { Option, type Command } from 'commander';
import type { CommandContext } from '../context.js';
import { jsonOption } from '../flags.js';
import { resolveSettings } from '../settings.js';

const mockHelp = `Without --config, a demo setup starts: Page 542998526103632, a connected app 2262510160704936 that owns
the thread with PSID 5794982867201265, a default app 498721317747541, and the fake token lead-kit-demo-page-token.

Routes (any /vNN.N/ prefix or none; "me" = the token's Page):
  GET  /{page}?fields=messaging_feature_status     GET  /{page}/thread_owner?recipient=<PSID>
  POST /{page}/messages (thread_control too)       POST /{page}/pass|release|take|request|extend_thread_control
  GET|POST|DELETE /{page}/subscribed_apps          GET  /{page}/conversations   GET /{page}/secondary_receivers
  GET  /debug_token                                GET  /me/permissions
Control and inspection:
  POST /__lead-kit/clock {"advance":"25h"}   GET /__lead-kit/calls   GET /__lead-kit/state   GET /__lead-kit/webhooks
  POST /__lead-kit/message {"psid","text"}   POST /__lead-kit/lead-flow {"scenario":"complete"}

Examples:
  $ lead-kit mock
  $ lead-kit mock --port 0 --json
  $ lead-kit mock --config mock.json --start-time 2026-11-21T10:00:00Z
  $ lead-kit mock --scenario complete --webhook-url http://127.0.0.1:3000/webhook --app-secret "$APP_SECRET"`;

export function registerMock(program: Command, ctx: CommandContext): void {
  program
    .command('mock')
    .description('run a local Graph API with Conversation Routing state that also sends the webhooks, and records every call')
    .option('--port <n>', 'port on 127.0.0.1 (0 = a free port)', '4010')
    .option('--host <address>', 'address to bind', '127.0.0.1')
    .option('--config <file>', 'mock setup (Pages, apps, tokens, people) as JSON; default: the demo setup')
    .option('--start-time <time>', 'where the virtual clock starts (ISO 8601 or epoch ms)')
    .addOption(new Option('--scenario <name>', 'run a lead flow through the mock once it is ready').choices(['complete', 'incomplete', 'disqualified', 'keyword-exit', 'no-app']))
    .option('--webhook-url <url>', "demo setup: the connected app's webhook URL (the mock sends it signed webhooks)")
    .option('--app-secret <secret>', 'demo setup: the connected app secret that signs its webhooks (env LEAD_KIT_APP_SECRET)')
    .addOption(jsonOption('NDJSON: a {"type":"ready",…} line, then one line per request and per webhook'))
    .addHelpText('after', `\n${mockHelp}`)
    .action(async (_opts: unknown, command: Command) => {
      const { values } = resolveSettings(command, ctx.deps, [{ key: 'appSecret', env: 'LEAD_KIT_APP_SECRET', secret: true }]);
      const { runMock } = await import('../../commands/mock-run.js');
      ctx.exitCode = await runMock(values, ctx.deps);
    });
}
