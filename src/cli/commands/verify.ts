import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { jsonOption } from '../flags.js';
import { resolveSettings } from '../settings.js';

const help = `The matrix, sent one request at a time, as Meta and an attacker would:
  handshake with the right verify token     must answer 200 with the exact hub.challenge
  handshake with a wrong verify token       must not answer 200
  signed delivery                           Meta's escaped body (\\u00fc) with non-ASCII answers, signed over its
                                            exact bytes: must be accepted (200)
  tampered body                             must not be accepted (an answer changed after signing)
  signed with a wrong app secret            must not be accepted
  no signature header                       must not be accepted
  only the legacy X-Hub-Signature (sha1)    should not be accepted (a warning, not a failure)
  signature over the re-serialized body     must not be accepted: accepting it means the endpoint hashes
                                            JSON.stringify(JSON.parse(body)) instead of the raw bytes
Each answer's time is checked against Meta's 5 s limit. The signed delivery is a realistic LEAD_COMPLETE
referral: point verify at a development endpoint.

Exit: 0 every case passed (warnings allowed), 1 the endpoint accepted a forged request, failed the handshake or
rejected the valid delivery, 3 unreachable, 4 --app-secret or --verify-token missing.

Examples:
  $ lead-kit verify http://127.0.0.1:3000/webhook --app-secret "$APP_SECRET" --verify-token "$VERIFY_TOKEN"
  $ LEAD_KIT_APP_SECRET=… LEAD_KIT_VERIFY_TOKEN=… lead-kit verify https://dev.example.com/webhook --json`;

export function registerVerify(program: Command, ctx: CommandContext): void {
  program
    .command('verify')
    .description("check that an endpoint answers Meta's handshake and accepts only correctly signed deliveries (a pass/fail matrix)")
    .argument('<url>', "your app's webhook URL")
    .option('--app-secret <secret>', 'the app secret the endpoint checks signatures with (env LEAD_KIT_APP_SECRET)')
    .option('--verify-token <token>', 'the verify token the endpoint expects (env LEAD_KIT_VERIFY_TOKEN)')
    .option('--api-version <version>', 'Facebook-API-Version header (default v26.0)')
    .option('--wait <ms>', 'how long to wait for an answer before calling it "no answer"', '10000')
    .addOption(jsonOption('print the matrix as one JSON document'))
    .addHelpText('after', `\n${help}`)
    .action(async (url: string, _opts: unknown, command: Command) => {
      const { values } = resolveSettings(command, ctx.deps, [
        { key: 'appSecret', env: 'LEAD_KIT_APP_SECRET', secret: true },
        { key: 'verifyToken', env: 'LEAD_KIT_VERIFY_TOKEN', secret: true },
      ]);
      const { runVerify } = await import('../../commands/verify-run.js');
      ctx.exitCode = await runVerify(url, values, ctx.deps);
    });
}
