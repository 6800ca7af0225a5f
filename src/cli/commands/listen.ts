import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { jsonOption } from '../flags.js';
import { resolveSettings } from '../settings.js';

const help = `Each request prints one line on stdout: time, status, signature check, event kind, PSID, apps and the
lead's metadata or answers. With --json, NDJSON: {"type":"ready",…} first, then one object per request,
{"type":"stopped",…} last.

--record appends one complete JSON line per delivery: {received_at, method, path, signature_ok, sha256, sha1,
headers, body_encoding, body} with the body exactly as received (a UTF-8 string, or base64 when the bytes do
not round-trip). Credentials and secrets never reach the file. Replay it with \`lead-kit replay <file>\`.

Signatures: X-Hub-Signature-256 must be sha256= and 64 lowercase hex digits, as Meta sends it. An empty app
secret is exit 4. --forward-to listen's own address is exit 2; forwarded requests carry X-Lead-Kit-Forwarded-By,
and one that comes back (a loop) is answered 508.

Ctrl-C stops cleanly (exit 130); the recording stays valid JSONL.

Examples:
  $ lead-kit listen --app-secret "$APP_SECRET" --verify-token "$VERIFY_TOKEN"
  $ lead-kit listen --port 3001 --record deliveries.jsonl --json
  $ lead-kit listen --port 3001 --forward-to http://127.0.0.1:3000/webhook --record deliveries.jsonl`;

export function registerListen(program: Command, ctx: CommandContext): void {
  program
    .command('listen')
    .description("a local webhook receiver that answers Meta's handshake, checks signatures over the raw bytes, prints, records and forwards deliveries")
    .option('--port <n>', 'port to listen on (0 picks a free one)', '3000')
    .option('--host <address>', 'address to bind', '127.0.0.1')
    .option('--path <path>', 'the webhook path', '/webhook')
    .option('--verify-token <token>', 'answer the GET handshake for this token (env LEAD_KIT_VERIFY_TOKEN)')
    .option('--app-secret <secret>', 'check X-Hub-Signature-256 with this app secret (env LEAD_KIT_APP_SECRET)')
    .option('--max-body <size>', 'answer 413 to larger bodies, e.g. 512kb (default 1mb)')
    .option('--record <file.jsonl>', 'append each delivery to this file as one JSON line')
    .option('--forward-to <url>', 'pass each delivery on with the same bytes and headers, and answer what it answers')
    .option('--forward-timeout <ms>', 'how long the --forward-to target may take', '5000')
    .addOption(jsonOption('print NDJSON: a ready line, then one object per request'))
    .addHelpText('after', `\n${help}`)
    .action(async (_opts: unknown, command: Command) => {
      const { values } = resolveSettings(command, ctx.deps, [
        { key: 'appSecret', env: 'LEAD_KIT_APP_SECRET', secret: true },
        { key: 'verifyToken', env: 'LEAD_KIT_VERIFY_TOKEN', secret: true },
      ]);
      const { runListen } = await import('../../commands/listen-run.js');
      ctx.exitCode = await runListen(values, ctx.deps);
    });
}
