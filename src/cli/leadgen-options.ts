import { Option, type Command } from 'commander';
import type { FormOptions } from '../commands/simulate-form.js';
import type { LeadgenWebhookOptions } from '../commands/webhook-leadgen.js';
import { UsageError } from '../errors.js';
import { LEADGEN_DEFAULTS } from '../webhooks/defaults.js';
import type { LeadgenIds } from '../webhooks/leadgen.js';
import { collect, digits, int, option } from './options.js';

/** The Instant Form (`leadgen`) flags of `lead-kit webhook`. */
export function addLeadgenWebhookOptions(cmd: Command): Command {
  return (
    cmd
      .addOption(
        new Option(
          '--ids <type>',
          "leadgen: ids as JSON strings (real deliveries) or numbers (Meta's documented sample and key order)",
        ).choices(['string', 'number']),
      )
      .addOption(option('--organic', 'leadgen: an organic or Lead Ads Testing Tool lead (no ad_id, no adgroup_id)'))
      // Meta batches up to 1000 updates in one POST (Graph webhooks getting-started page).
      .addOption(
        option(
          '--batch <n>',
          'n events in one POST: Messenger kinds pack messaging events (--batch-shape), leadgen packs n leads (changes)',
          { default: 1, parse: int('--batch', 1, 1000) },
        ),
      )
      .addOption(
        option('--entries <n>', 'leadgen: spread the --batch changes over n entries', { default: 1, parse: int('--entries', 1, 1000) }),
      )
      .addOption(
        option('--dashboard-sample', 'leadgen: the App Dashboard "Test" sample (entry id "0", ids 444444444444 that cannot be fetched)'),
      )
      .addOption(
        option('--form-id <id>', 'leadgen: the Instant Form id', {
          default: LEADGEN_DEFAULTS.formId,
          parse: digits('--form-id', '1048557243911820'),
        }),
      )
      .addOption(
        option('--lead-id <id>', 'leadgen: the (first) leadgen_id', {
          defaultText: 'derived from the other ids',
          parse: digits('--lead-id', '1048557243911820'),
        }),
      )
      .addOption(
        option('--adgroup-id <id>', 'leadgen: the adgroup_id', {
          defaultText: 'the ad id',
          parse: digits('--adgroup-id', '1048557243911820'),
        }),
      )
      .addOption(option('--area <area>', 'leadgen-update (unconfirmed): value.area', { default: 'ai_agent_updates' }))
      .addOption(option('--event <event>', 'leadgen-update (unconfirmed): value.event', { default: 'qualification_status_change' }))
      .addOption(
        option('--updated-field <name>', 'leadgen-update (unconfirmed): an entry of value.updated_fields (repeatable)', {
          defaultText: 'qualification_status',
          parse: collect,
        }),
      )
  );
}

export interface LeadgenValues {
  ids?: LeadgenIds;
  organic?: boolean;
  batch: number;
  entries: number;
  dashboardSample?: boolean;
  formId: string;
  leadId?: string;
  adgroupId?: string;
  area: string;
  event: string;
  updatedField?: string[];
}

/** The typed leadgen options, with the combinations that cannot be built refused. */
export function leadgenWebhookOptions(v: LeadgenValues): LeadgenWebhookOptions {
  const o: LeadgenWebhookOptions = {
    organic: v.organic === true,
    batch: v.batch,
    entries: v.entries,
    dashboardSample: v.dashboardSample === true,
    formId: v.formId,
    area: v.area,
    event: v.event,
    updatedFields: v.updatedField ?? ['qualification_status'],
  };
  if (v.ids !== undefined) o.ids = v.ids;
  if (v.adgroupId !== undefined) o.adgroupId = v.adgroupId;
  if (v.leadId !== undefined) o.leadId = v.leadId;
  if (o.entries > o.batch)
    throw new UsageError(`--entries ${o.entries} is more than --batch ${o.batch}`, { hint: 'each entry carries at least one change' });
  if (o.dashboardSample && (o.batch > 1 || o.organic || v.ids !== undefined)) {
    throw new UsageError('--dashboard-sample is a fixed payload: it takes no --batch, --organic or --ids', {
      hint: 'drop the other variant flags',
    });
  }
  return o;
}

/** The Instant Form flags of `lead-kit simulate` (form scenarios only). */
export function addFormSimulateOptions(cmd: Command): Command {
  return cmd
    .addOption(
      new Option('--ids <type>', "form scenarios: leadgen ids as JSON strings (real deliveries) or numbers (Meta's sample)")
        .choices(['string', 'number'])
        .default('string'),
    )
    .addOption(
      option(
        '--batch [n]',
        'n events in one POST: Messenger scenarios pack messaging events (--batch-shape), form-batch packs n leads (changes)',
        { defaultText: '3 when given without a number', parse: int('--batch', 1, 1000) },
      ),
    )
    .addOption(
      option('--entries <n>', 'form-batch: spread the leads over n entries', { defaultText: '1', parse: int('--entries', 1, 1000) }),
    )
    .addOption(
      option('--form-id <id>', 'form scenarios: the Instant Form id', {
        default: LEADGEN_DEFAULTS.formId,
        parse: digits('--form-id', '1048557243911820'),
      }),
    );
}

/** The typed form flags; --batch and --entries belong to form-batch only. */
export function formOptions(
  scenario: string,
  v: { ids: LeadgenIds; formId: string; batch?: number | true; entries?: number },
): FormOptions {
  if (scenario !== 'form-batch' && v.entries !== undefined) {
    throw new UsageError(`--entries belongs to the form-batch scenario, not ${scenario}`, {
      hint: 'run lead-kit simulate form-batch --batch 5 --entries 2',
    });
  }
  // --batch also packs the Messenger scenarios' events; of the Instant Form scenarios only form-batch has several leads.
  if (scenario.startsWith('form') && scenario !== 'form-batch' && v.batch !== undefined) {
    throw new UsageError(`--batch packs several leads, which only the form-batch scenario has, not ${scenario}`, {
      hint: 'run lead-kit simulate form-batch --batch 5',
    });
  }
  return { ids: v.ids, formId: v.formId, batch: batchSize(v.batch), entries: v.entries ?? 1 };
}

/** `simulate --batch [n]`: events in one POST, 3 when given without a number. */
export function batchSize(batch: number | true | undefined): number {
  return batch === undefined || batch === true ? 3 : batch;
}
