import { UsageError } from '../errors.js';
import { leadgenEnvelopeSchema } from '../schemas/leadgen.js';
import type { Envelope } from '../webhooks/build.js';
import type { FlowInput } from '../webhooks/flow.js';
import {
  buildDashboardSample,
  buildLeadgenEnvelope,
  buildLeadgenUpdate,
  LEADGEN_DEFAULTS,
  leadgenChanges,
  type LeadgenIds,
} from '../webhooks/leadgen.js';

/** The Instant Form kinds of `lead-kit webhook`. */
export const leadgenKinds = ['leadgen', 'leadgen-update'] as const;
export type LeadgenKind = (typeof leadgenKinds)[number];
export const isLeadgenKind = (k: string): k is LeadgenKind => (leadgenKinds as readonly string[]).includes(k);

/** Options of `webhook leadgen` / `webhook leadgen-update`, typed by the CLI wiring. */
export interface LeadgenWebhookOptions {
  /** @default string for leadgen (real deliveries), number for leadgen-update (its captured sample) */
  ids?: LeadgenIds;
  organic: boolean;
  /** changes (leads) in the POST @default 1 */
  batch: number;
  /** entries the changes are spread over @default 1 */
  entries: number;
  dashboardSample: boolean;
  formId: string;
  /** @default the ad id: "adgroup" is the Graph API's older name for an ad, and Meta's sample shows the same id in both */
  adgroupId?: string;
  leadId?: string;
  /** leadgen-update (unconfirmed) */
  area: string;
  event: string;
  updatedFields: readonly string[];
}

const digits = (flag: string, v: unknown): string | undefined => {
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !/^\d+$/.test(v))
    throw new UsageError(`${flag} "${String(v)}" is not a numeric id`, { hint: `pass the digits only, e.g. ${flag} 1048557243911820` });
  return v;
};
const count = (flag: string, v: unknown, max: number): number => {
  if (v === undefined) return 1;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`${flag} "${String(v)}" must be a whole number from 1 to ${max}`);
  return n;
};

/** The leadgen options from resolved flag values (commander has already applied choices and parsers). */
export function leadgenWebhookOptions(v: Record<string, unknown>): LeadgenWebhookOptions {
  const ids = v.ids as LeadgenIds | undefined;
  if (ids !== undefined && ids !== 'number' && ids !== 'string')
    throw new UsageError(`--ids "${String(ids)}" is not one of number, string`);
  const o: LeadgenWebhookOptions = {
    organic: v.organic === true,
    // Meta batches up to 1000 updates in one POST (Graph webhooks getting-started page).
    batch: count('--batch', v.batch, 1000),
    entries: count('--entries', v.entries, 1000),
    dashboardSample: v.dashboardSample === true,
    formId: digits('--form-id', v.formId) ?? LEADGEN_DEFAULTS.formId,
    area: typeof v.area === 'string' ? v.area : 'ai_agent_updates',
    event: typeof v.event === 'string' ? v.event : 'qualification_status_change',
    updatedFields: Array.isArray(v.updatedField) && v.updatedField.length > 0 ? (v.updatedField as string[]) : ['qualification_status'],
  };
  if (ids !== undefined) o.ids = ids;
  const adgroupId = digits('--adgroup-id', v.adgroupId);
  if (adgroupId !== undefined) o.adgroupId = adgroupId;
  const leadId = digits('--lead-id', v.leadId);
  if (leadId !== undefined) o.leadId = leadId;
  if (o.entries > o.batch)
    throw new UsageError(`--entries ${o.entries} is more than --batch ${o.batch}`, { hint: 'each entry carries at least one change' });
  if (o.dashboardSample && (o.batch > 1 || o.organic || ids !== undefined))
    throw new UsageError('--dashboard-sample is a fixed payload: it takes no --batch, --organic or --ids', {
      hint: 'drop the other variant flags',
    });
  return o;
}

/** Builds the `leadgen` or (unconfirmed) `leadgen_update` payload for the lead's Page and ad. */
export function buildLeadgenWebhook(kind: LeadgenKind, lead: FlowInput, o: LeadgenWebhookOptions): Envelope {
  const timeS = Math.floor(lead.startMs / 1000);
  if (o.dashboardSample) {
    if (kind !== 'leadgen')
      throw new UsageError("--dashboard-sample is the leadgen field's sample", { hint: 'use lead-kit webhook leadgen --dashboard-sample' });
    return buildDashboardSample(timeS);
  }
  const changes = leadgenChanges({
    pageId: lead.pageId,
    formId: o.formId,
    adId: lead.adId,
    adgroupId: o.adgroupId ?? lead.adId,
    startMs: lead.startMs,
    organic: o.organic,
    count: o.batch,
    ...(o.leadId === undefined ? {} : { leadId: o.leadId }),
  });
  if (kind === 'leadgen') return buildLeadgenEnvelope({ changes, time: timeS, ids: o.ids ?? 'string', entries: o.entries });
  if (o.batch > 1) throw new UsageError('--batch applies to leadgen only', { hint: 'leadgen-update carries one change' });
  return buildLeadgenUpdate(
    { ...changes[0]!, updatedTime: timeS, area: o.area, event: o.event, updatedFields: o.updatedFields },
    timeS,
    o.ids ?? 'number',
  );
}

/** Problems of a payload against the leadgen envelope schema, as `path: message` lines. */
export function leadgenProblems(body: unknown): string[] {
  const r = leadgenEnvelopeSchema.safeParse(body);
  return r.success ? [] : r.error.issues.map((i) => `/${i.path.join('/')}: ${i.message}`);
}
