import type { Command } from 'commander';
import type { VerifyOptions } from '../../commands/verify-run.js';
import { UsageError } from '../../errors.js';
import { warn } from '../../io/output.js';
import { httpUrl } from '../../text/parse.js';
import { loadConfigValues } from '../config-file.js';
import type { CommandContext } from '../context.js';
import { examples } from '../help.js';
import {
  alias,
  apiVersionOption,
  appSecretOption,
  configOption,
  endpointOption,
  jsonOption,
  timeoutOption,
  verifyTokenOption,
} from '../options.js';
import type { Runners } from '../runners.js';
import { resolveSettings } from '../settings.js';
import { summaryOf } from './summaries.js';

const intro = `The matrix, sent one request at a time, as Meta and an attacker would:
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
rejected the valid delivery, 3 unreachable, 4 --app-secret or --verify-token missing.`;

const lines = [
  'lead-kit verify --endpoint http://127.0.0.1:3000/webhook --app-secret "$APP_SECRET" --verify-token "$VERIFY_TOKEN"',
  'LEAD_KIT_APP_SECRET=… LEAD_KIT_VERIFY_TOKEN=… lead-kit verify --endpoint https://dev.example.com/webhook --json',
];

interface VerifyValues {
  endpoint?: string;
  appSecret?: string;
  verifyToken?: string;
  apiVersion: string;
  timeout: number;
  json?: boolean;
}

export function registerVerify(program: Command, ctx: CommandContext, run: Runners): void {
  const timeout = timeoutOption('how long to wait for an answer before calling it "no answer"', 10_000);
  program
    .command('verify')
    .description(summaryOf('verify').description)
    .argument('[url]', 'old spelling of --endpoint')
    .addOption(endpointOption("your app's webhook URL (config endpoint works too)"))
    .addOption(appSecretOption('the one the endpoint checks signatures with'))
    .addOption(verifyTokenOption('the verify token the endpoint expects'))
    .addOption(apiVersionOption('Facebook-API-Version header'))
    .addOption(timeout)
    .addOption(alias('--wait <ms>', timeout))
    .addOption(configOption())
    .addOption(jsonOption('print the matrix as one JSON document'))
    .addHelpText('after', examples(lines, intro))
    .action(async (url: string | undefined, _opts: unknown, command: Command) => {
      if (url !== undefined) {
        if (command.getOptionValueSource('endpoint') === 'cli') throw new UsageError('give the URL once: as --endpoint <url>');
        warn(ctx.deps.io, 'verify <url> is deprecated; use verify --endpoint <url>');
        command.setOptionValueWithSource('endpoint', httpUrl('<url>', url), 'cli');
      }
      const config = await loadConfigValues(ctx.deps, command.opts<{ config?: string }>().config);
      const { values: v } = resolveSettings<VerifyValues>(
        command,
        ctx.deps,
        [
          { key: 'endpoint', config: 'endpoint' },
          { key: 'appSecret', env: 'LEAD_KIT_APP_SECRET', secret: true },
          { key: 'verifyToken', env: 'LEAD_KIT_VERIFY_TOKEN', secret: true },
        ],
        config,
      );
      if (v.endpoint === undefined)
        throw new UsageError('--endpoint is required', { hint: 'e.g. lead-kit verify --endpoint http://127.0.0.1:3000/webhook' });
      const opts: VerifyOptions = {
        endpoint: v.endpoint,
        appSecret: v.appSecret === '' ? undefined : v.appSecret,
        verifyToken: v.verifyToken === '' ? undefined : v.verifyToken,
        apiVersion: v.apiVersion,
        timeoutMs: v.timeout,
        json: v.json === true,
      };
      ctx.outcome = await run.verify(opts, ctx.deps);
    });
}
