import { InvalidArgumentError, Option, type Command } from 'commander';
import { collect } from './flags.js';

/** A whole number ≥ 1 (commander argParser). */
export const positiveInt =
  (flag: string) =>
  (raw: string): number => {
    if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new InvalidArgumentError(`${flag} must be a whole number ≥ 1`);
    return Number(raw);
  };

/** The Instant Form (`leadgen`) variant flags of `lead-kit webhook`. */
export function addLeadgenWebhookFlags(cmd: Command): Command {
  return cmd
    .addOption(
      new Option(
        '--ids <type>',
        "leadgen: ids as JSON strings (real deliveries, default) or numbers (Meta's documented sample and key order)",
      ).choices(['string', 'number']),
    )
    .option('--organic', 'leadgen: an organic or Lead Ads Testing Tool lead (no ad_id, no adgroup_id)')
    .addOption(new Option('--batch <n>', 'leadgen: n leads (changes) in one POST').argParser(positiveInt('--batch')))
    .addOption(new Option('--entries <n>', 'leadgen: spread the --batch changes over n entries').argParser(positiveInt('--entries')))
    .option('--dashboard-sample', 'leadgen: the App Dashboard "Test" sample (entry id "0", ids 444444444444 that cannot be fetched)')
    .option('--form-id <id>', 'leadgen: the Instant Form id')
    .option('--lead-id <id>', 'leadgen: the (first) leadgen_id (default: derived from the other ids)')
    .option('--adgroup-id <id>', 'leadgen: the adgroup_id')
    .option('--area <area>', 'leadgen-update (unconfirmed): value.area (default ai_agent_updates)')
    .option('--event <event>', 'leadgen-update (unconfirmed): value.event (default qualification_status_change)')
    .option('--updated-field <name>', 'leadgen-update (unconfirmed): an entry of value.updated_fields (repeatable)', collect);
}

/** The Instant Form flags of `lead-kit simulate` (form scenarios only). */
export function addFormSimulateFlags(cmd: Command): Command {
  return cmd
    .addOption(
      new Option(
        '--ids <type>',
        "form scenarios: leadgen ids as JSON strings (real deliveries, default) or numbers (Meta's sample)",
      ).choices(['string', 'number']),
    )
    .addOption(new Option('--batch <n>', 'form-batch: leads in the one POST (default 3)').argParser(positiveInt('--batch')))
    .addOption(new Option('--entries <n>', 'form-batch: spread the leads over n entries').argParser(positiveInt('--entries')))
    .option('--form-id <id>', 'form scenarios: the Instant Form id');
}
