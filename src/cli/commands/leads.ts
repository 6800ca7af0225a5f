import { Option, type Command } from 'commander';
import type { LeadFormat } from '../../commands/leads.js';
import { UsageError } from '../../errors.js';
import type { CommandContext } from '../context.js';
import { addGraphOptions, graphAction } from '../graph-options.js';
import { examples } from '../help.js';
import { digits, int, option, positive, psidOption } from '../options.js';
import type { Runners } from '../runners.js';
import { summaryOf } from './summaries.js';

interface LeadsValues {
  psid?: string;
  format: LeadFormat;
  out?: string;
  rate: number;
  limit?: number;
  form?: string;
  ad?: string;
  since?: number;
  until?: number;
}

/** `--since` / `--until`: unix seconds, or an ISO 8601 date. */
function unixTime(flag: string, raw: string): number {
  const s = raw.trim();
  if (/^\d{9,11}$/.test(s)) return Number(s);
  const ms = /^\d{4}-\d{2}-\d{2}/.test(s) ? Date.parse(s) : NaN;
  if (Number.isNaN(ms))
    throw new UsageError(`${flag} "${s}" is not a date`, { hint: 'write it as 2026-11-01, 2026-11-01T10:00:00Z or unix seconds' });
  return Math.floor(ms / 1000);
}

/** `lead-kit leads`: what each person answered, out of the Conversations API. */
export function registerLeads(program: Command, ctx: CommandContext, run: Runners): void {
  const cmd = program
    .command('leads')
    .description(summaryOf('leads').description)
    .addOption(psidOption('only the conversation with this person (user_id=<psid>)'))
    .addOption(
      new Option('--format <format>', 'table, json, or csv (RFC 4180, one column per question)')
        .choices(['table', 'json', 'csv'] satisfies LeadFormat[])
        .default('table'),
    )
    .addOption(option('--out <file>', 'write to this file instead of stdout: atomically, through symlinks, keeping its mode (- = stdout)'))
    .addOption(
      option('--rate <calls-per-second>', 'pace the conversations calls (Meta allows 2 per second per Page)', {
        default: 2,
        parse: positive('--rate', 'a number of calls per second from 0.1 to 100', 100),
      }),
    )
    .addOption(option('--limit <n>', 'stop after this many conversations (with --form/--ad: leads)', { parse: int('--limit', 1) }))
    .addOption(
      option('--form <id>', 'Instant Form leads of this form (GET /{form-id}/leads) instead of Messenger conversations', {
        parse: digits('--form', '1048557243911820'),
      }).conflicts(['ad', 'psid']),
    )
    .addOption(
      option('--ad <id>', 'Instant Form leads of this ad (GET /{ad-id}/leads)', { parse: digits('--ad', '6302572858686') }).conflicts(
        'psid',
      ),
    )
    .addOption(
      option('--since <date>', 'with --form/--ad: leads created at or after this date or unix time (filtering time_created)', {
        parse: (raw) => unixTime('--since', raw),
      }),
    )
    .addOption(
      option('--until <date>', 'with --form/--ad: leads created before this date or unix time', {
        parse: (raw) => unixTime('--until', raw),
      }),
    )
    .addHelpText(
      'after',
      examples([
        'lead-kit leads --token "$PAGE_TOKEN"',
        'lead-kit leads --psid 24680135792468013 --json',
        'lead-kit leads --format csv --out leads.csv',
        'LEAD_KIT_GRAPH_URL=http://127.0.0.1:4010 lead-kit leads    # against lead-kit mock',
        'lead-kit leads --form 1048557243911820 --since 2026-11-01 --format csv --out leads.csv',
      ]),
    );
  addGraphOptions(cmd);
  // --json is --format json: one format flag, two spellings.
  cmd.options.find((o) => o.long === '--json')!.description = 'the same as --format json';
  cmd.action(
    graphAction<LeadsValues>(ctx, [], (g, v, command) => {
      const json = command.getOptionValueSource('json') === 'cli';
      if (json && command.getOptionValueSource('format') === 'cli' && v.format !== 'json') {
        throw new UsageError(`--json and --format ${v.format} contradict each other`, {
          hint: '--json is --format json; give one of them',
        });
      }
      if (v.since !== undefined && v.until !== undefined && v.since >= v.until) throw new UsageError('--since must be before --until');
      const form = v.form !== undefined ? { form: v.form } : v.ad !== undefined ? { ad: v.ad } : undefined;
      if (form === undefined && (v.since !== undefined || v.until !== undefined))
        throw new UsageError('--since and --until filter Instant Form leads: they need --form or --ad');
      return run.leads(
        {
          ...g,
          json: false,
          psid: v.psid,
          format: json ? 'json' : v.format,
          out: v.out,
          rate: v.rate,
          limit: v.limit,
          instantForm: form === undefined ? undefined : { ...form, since: v.since, until: v.until },
        },
        ctx.deps,
      );
    }),
  );
}
