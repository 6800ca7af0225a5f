import { Option, type Command } from 'commander';
import type { ReplayOptions } from '../../commands/replay-run.js';
import { UsageError } from '../../errors.js';
import { parseSize } from '../../text/size.js';
import { eventKindNames, type EventKind } from '../../webhooks/kinds.js';
import { loadConfigValues } from '../config-file.js';
import type { CommandContext } from '../context.js';
import { examples } from '../help.js';
import {
  apiVersionOption,
  appSecretOption,
  configOption,
  endpointOption,
  int,
  jsonOption,
  legacySignatureOption,
  option,
  positive,
  timeoutOption,
} from '../options.js';
import type { Runners } from '../runners.js';
import { resolveSettings } from '../settings.js';
import { summaryOf } from './summaries.js';

const intro = `Inputs: JSON files (one webhook body each, sent byte for byte), directories of them (*.json, *.jsonl,
*.ndjson, by name), and \`lead-kit listen --record\` recordings (.jsonl/.ndjson; each line's body is sent with
its original bytes and headers). Every body is signed with --app-secret over exactly the bytes sent; without
it, recordings keep the signatures they were recorded with. Inputs are streamed, so any size works.

Event kinds for --filter: ${eventKindNames.join(', ')}.

Exit: 0 all accepted, 1 any rejected (non-2xx), 2 malformed input (--on-error fail), 3 endpoint unreachable
or stopped answering, 130 Ctrl-C (stops sending, waits for the requests in flight, prints the summary).`;

const lines = [
  'lead-kit replay deliveries.jsonl --endpoint http://127.0.0.1:3000/webhook --app-secret "$APP_SECRET"',
  'lead-kit replay payloads/ --endpoint http://127.0.0.1:3000/webhook --app-secret "$APP_SECRET" --concurrency 32 --repeat 100 --json',
  'lead-kit replay deliveries.jsonl --endpoint http://127.0.0.1:3000/webhook --app-secret "$APP_SECRET" --filter referral --rate 5',
];

const kinds = (raw: string): EventKind[] => {
  const list = raw
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  for (const k of list)
    if (!(eventKindNames as readonly string[]).includes(k))
      throw new UsageError(`--filter "${k}" is not an event kind`, {
        hint: `use one or more of ${eventKindNames.join(', ')}, comma-separated`,
      });
  if (list.length === 0) throw new UsageError('--filter needs at least one kind', { hint: 'e.g. --filter referral,summary' });
  return list as EventKind[];
};

interface ReplayValues {
  endpoint?: string;
  appSecret?: string;
  concurrency: number;
  repeat: number;
  rate?: number;
  filter?: EventKind[];
  onError: 'fail' | 'skip';
  maxLineBytes: number;
  timeout: number;
  legacySignature: boolean;
  apiVersion: string;
  json?: boolean;
}

export function registerReplay(program: Command, ctx: CommandContext, run: Runners): void {
  program
    .command('replay')
    .description(summaryOf('replay').description)
    .argument('<inputs...>', 'JSON files, directories of them, or recordings (.jsonl)')
    .addOption(endpointOption("your app's webhook URL (required; config endpoint works too)"))
    .addOption(appSecretOption('signs every body'))
    .addOption(
      option('--concurrency <n>', 'requests in flight at once; 1 keeps the input order', {
        default: 1,
        parse: int('--concurrency', 1, 4096),
      }),
    )
    .addOption(option('--repeat <n>', 'go through all inputs this many times', { default: 1, parse: int('--repeat', 1) }))
    .addOption(
      option('--rate <per-second>', 'send at most this many requests per second', {
        defaultText: 'as fast as the endpoint answers',
        parse: positive('--rate', 'a number of requests per second above 0'),
      }),
    )
    .addOption(option('--filter <kinds>', 'only payloads with an event of these kinds, comma-separated', { parse: kinds }))
    .addOption(
      new Option('--on-error <mode>', 'a malformed recording line or file: fail (exit 2) or skip (warn and go on)')
        .choices(['fail', 'skip'])
        .default('fail'),
    )
    .addOption(
      option('--max-line-bytes <size>', 'a recording line or payload file longer than this is malformed (see --on-error), e.g. 64mb', {
        default: 16 * 1024 * 1024,
        defaultText: '16mb',
        parse: (raw) => parseSize('--max-line-bytes', raw),
      }),
    )
    .addOption(timeoutOption('a request with no answer within this many ms is an error', 5000))
    .addOption(legacySignatureOption())
    .addOption(apiVersionOption('Facebook-API-Version header for payload files'))
    .addOption(configOption())
    .addOption(jsonOption('print the summary as one JSON document'))
    .addHelpText('after', examples(lines, intro))
    .action(async (inputs: string[], _opts: unknown, command: Command) => {
      const config = await loadConfigValues(ctx.deps, command.opts<{ config?: string }>().config);
      const { values: v } = resolveSettings<ReplayValues>(
        command,
        ctx.deps,
        [
          { key: 'appSecret', env: 'LEAD_KIT_APP_SECRET', secret: true },
          { key: 'endpoint', config: 'endpoint' },
        ],
        config,
      );
      if (v.endpoint === undefined)
        throw new UsageError('--endpoint is required', { hint: 'e.g. --endpoint http://127.0.0.1:3000/webhook' });
      const opts: ReplayOptions = {
        inputs,
        endpoint: v.endpoint,
        appSecret: v.appSecret === '' ? undefined : v.appSecret,
        concurrency: v.concurrency,
        repeat: v.repeat,
        rate: v.rate,
        filter: v.filter,
        onError: v.onError,
        maxLineBytes: v.maxLineBytes,
        timeoutMs: v.timeout,
        legacySignature: v.legacySignature,
        apiVersion: v.apiVersion,
        json: v.json === true,
      };
      ctx.outcome = await run.replay(opts, ctx.deps);
    });
}
