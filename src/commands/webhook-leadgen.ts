import { UsageError } from '../errors.js';
import { leadgenEnvelopeSchema } from '../schemas/leadgen.js';
import type { Envelope } from '../webhooks/build.js';
import type { FlowInput } from '../webhooks/flow.js';
import { buildDashboardSample, buildLeadgenEnvelope, buildLeadgenUpdate, leadgenChanges, type LeadgenIds } from '../webhooks/leadgen.js';

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
