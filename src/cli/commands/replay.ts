import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { loadConfigValues } from '../config-file.js';
import { configOption, jsonOption } from '../flags.js';
import { resolveSettings } from '../settings.js';

const help = `Inputs: JSON files (one webhook body each, sent byte for byte), directories of them (*.json, *.jsonl,
*.ndjson, by name), and \`lead-kit listen --record\` recordings (.jsonl/.ndjson; each line's body is sent with
its original bytes and headers). Every body is signed with --app-secret over exactly the bytes sent; without
it, recordings keep the signatures they were recorded with. Inputs are streamed, so any size works.

Event kinds for --filter: handover, summary, referral, ctm-referral, message, echo, postback, standby, other.

Exit: 0 all accepted, 1 any rejected (non-2xx), 2 malformed input (--on-error fail), 3 endpoint unreachable
or stopped answering, 130 Ctrl-C (stops sending, waits for the requests in flight, prints the summary).

Examples:
  $ lead-kit replay deliveries.jsonl --endpoint http://127.0.0.1:3000/webhook --app-secret "$APP_SECRET"
  $ lead-kit replay payloads/ --endpoint http://127.0.0.1:3000/webhook --concurrency 32 --repeat 100 --json
  $ lead-kit replay deliveries.jsonl --endpoint http://127.0.0.1:3000/webhook --filter referral --rate 5`;

export function registerReplay(program: Command, ctx: CommandContext): void {
  program
    .command('replay')
    .description('replay saved payloads or listen recordings against an endpoint, signed over the exact bytes, as fast or as slow as you like')
    .argument('<inputs...>', 'JSON files, directories of them, or recordings (.jsonl)')
    .option('--endpoint <url>', "your app's webhook URL")
    .option('--app-secret <secret>', 'sign every body with this app secret (env LEAD_KIT_APP_SECRET)')
    .option('--concurrency <n>', 'requests in flight at once; 1 keeps the input order', '1')
    .option('--repeat <n>', 'go through all inputs this many times', '1')
    .option('--rate <per-second>', 'send at most this many requests per second')
    .option('--filter <kinds>', 'only payloads with an event of these kinds, comma-separated')
    .option('--on-error <mode>', 'a malformed recording line or file: fail (exit 2) or skip (warn and go on)', 'fail')
    .option('--max-line-bytes <size>', 'a recording line or payload file longer than this is malformed (see --on-error), e.g. 64mb (default 16mb)')
    .option('--timeout <ms>', 'a request with no answer within this many ms is an error', '5000')
    .option('--no-legacy-signature', 'do not send the legacy X-Hub-Signature (sha1) header')
    .option('--api-version <version>', 'Facebook-API-Version header for payload files (default v26.0)')
    .addOption(configOption())
    .addOption(jsonOption('print the summary as one JSON document'))
    .addHelpText('after', `\n${help}`)
    .action(async (inputs: string[], _opts: unknown, command: Command) => {
      const config = await loadConfigValues(ctx.deps, command.opts<{ config?: string }>().config);
      const { values } = resolveSettings(command, ctx.deps, [
        { key: 'appSecret', env: 'LEAD_KIT_APP_SECRET', secret: true },
        { key: 'endpoint', config: 'endpoint' },
      ], config);
      const { runReplay } = await import('../../commands/replay-run.js');
      ctx.exitCode = await runReplay(inputs, values, ctx.deps);
    });
}
