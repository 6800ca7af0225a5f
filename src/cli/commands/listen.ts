import type { Command } from 'commander';
import type { ListenCommandOptions } from '../../commands/listen-run.js';
import { AuthError, UsageError } from '../../errors.js';
import { parseSize } from '../../text/size.js';
import type { CommandContext } from '../context.js';
import { examples } from '../help.js';
import {
  alias,
  appSecretOption,
  endpointOption,
  hostOption,
  jsonOption,
  option,
  portOption,
  timeoutOption,
  verifyTokenOption,
} from '../options.js';
import type { Runners } from '../runners.js';
import { resolveSettings } from '../settings.js';
import { summaryOf } from './summaries.js';

const intro = `Each request prints one line on stdout: time, status, signature check, event kind, PSID, apps and the
lead's metadata or answers. With --json, NDJSON: {"type":"ready",…} first, then one object per request,
{"type":"stopped",…} last.

--record appends one complete JSON line per delivery: {received_at, method, path, signature_ok, sha256, sha1,
headers, body_encoding, body} with the body exactly as received (a UTF-8 string, or base64 when the bytes do
not round-trip). Credentials and secrets never reach the file. Replay it with \`lead-kit replay <file>\`.

Signatures: X-Hub-Signature-256 must be sha256= and 64 lowercase hex digits, as Meta sends it. An empty app
secret is exit 4. --endpoint at listen's own address is exit 2; forwarded requests carry X-Lead-Kit-Forwarded-By,
and one that comes back (a loop) is answered 508.

Ctrl-C stops cleanly (exit 130); the recording stays valid JSONL.`;

const lines = [
  'lead-kit listen --app-secret "$APP_SECRET" --verify-token "$VERIFY_TOKEN"',
  'lead-kit listen --port 3001 --record deliveries.jsonl --json',
  'lead-kit listen --port 3001 --endpoint http://127.0.0.1:3000/webhook --record deliveries.jsonl',
];

const webhookPath = (raw: string): string => {
  if (!raw.startsWith('/')) throw new UsageError(`--path "${raw}" must start with /`, { hint: 'e.g. --path /webhook' });
  return raw;
};

interface ListenValues {
  port: number;
  host: string;
  path: string;
  verifyToken?: string;
  appSecret?: string;
  maxBody: number;
  record?: string;
  endpoint?: string;
  timeout: number;
  json?: boolean;
}

export function registerListen(program: Command, ctx: CommandContext, run: Runners): void {
  const endpoint = endpointOption(
    "pass each delivery on to your app's webhook URL with the same bytes and headers, and answer what it answers",
  );
  const timeout = timeoutOption('how long --endpoint may take to answer a forwarded delivery', 5000);
  program
    .command('listen')
    .description(summaryOf('listen').description)
    .addOption(portOption(3000, 'port to listen on (0 picks a free one)'))
    .addOption(hostOption())
    .addOption(option('--path <path>', 'the webhook path', { default: '/webhook', parse: webhookPath }))
    .addOption(verifyTokenOption('answer the GET handshake for this token'))
    .addOption(appSecretOption('checks X-Hub-Signature-256 of every delivery'))
    .addOption(
      option('--max-body <size>', 'answer 413 to larger bodies, e.g. 512kb', {
        default: 1024 * 1024,
        defaultText: '1mb',
        parse: (raw) => parseSize('--max-body', raw),
      }),
    )
    .addOption(option('--record <file.jsonl>', 'append each delivery to this file as one JSON line'))
    .addOption(endpoint)
    .addOption(alias('--forward-to <url>', endpoint))
    .addOption(timeout)
    .addOption(alias('--forward-timeout <ms>', timeout))
    .addOption(jsonOption('print NDJSON: a ready line, then one object per request'))
    .addHelpText('after', examples(lines, intro))
    .action(async (_opts: unknown, command: Command) => {
      const { values: v } = resolveSettings<ListenValues>(command, ctx.deps, [
        { key: 'appSecret', env: 'LEAD_KIT_APP_SECRET', secret: true },
        { key: 'verifyToken', env: 'LEAD_KIT_VERIFY_TOKEN', secret: true },
      ]);
      // An empty secret is a mistake (an unset shell variable), never "do not check": listen would accept forgeries.
      if (v.appSecret === '' || (v.appSecret === undefined && ctx.deps.env.LEAD_KIT_APP_SECRET === '')) {
        throw new AuthError('the app secret is empty, so listen could not tell signed deliveries from forged ones', {
          hint: 'pass your app secret with --app-secret or LEAD_KIT_APP_SECRET, or leave both out entirely to receive without checking signatures',
        });
      }
      const opts: ListenCommandOptions = {
        port: v.port,
        host: v.host,
        path: v.path,
        verifyToken: v.verifyToken === '' ? undefined : v.verifyToken,
        appSecret: v.appSecret,
        maxBodyBytes: v.maxBody,
        record: v.record,
        endpoint: v.endpoint,
        timeoutMs: v.timeout,
        json: v.json === true,
      };
      ctx.outcome = await run.listen(opts, ctx.deps);
    });
}
