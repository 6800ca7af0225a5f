import { createHash } from 'node:crypto';
import type { Envelope } from './build.js';

/**
 * The Page `leadgen` webhook of Instant Form lead ads: `changes[]` of `{field: "leadgen", value: {ids…}}`.
 * It carries ids only; the app fetches the answers with `GET /{leadgen_id}`.
 * https://developers.facebook.com/documentation/ads-commerce/marketing-api/guides/lead-ads/retrieving
 */

/** The documented Retrieving Leads page, source of the sample (fixtures/seeds/leadgen-retrieving.json). */
export const LEADGEN_DOC_URL = 'https://developers.facebook.com/documentation/ads-commerce/marketing-api/guides/lead-ads/retrieving';

/**
 * How ids are written. `number`: Meta's documented sample, byte for byte in its key order (object first,
 * `field` before `value`, `leadgen_id, page_id, form_id, adgroup_id, ad_id, created_time`). `string`: real
 * deliveries as captured from servers' logs and the App Dashboard "Test" button: string ids, `value` before
 * `field`, `object` last, value keys `ad_id, form_id, leadgen_id, created_time, page_id, adgroup_id`.
 */
export type LeadgenIds = 'number' | 'string';
export const leadgenIdStyles: readonly LeadgenIds[] = ['string', 'number'];

/** One new lead, as the webhook names it. `adId`/`adgroupId` are absent for organic and Testing-Tool leads. */
export interface LeadgenChange {
  leadgenId: string;
  pageId: string;
  formId: string;
  adId?: string;
  adgroupId?: string;
  /** epoch seconds */
  createdTime: number;
}

/**
 * The App Dashboard's "Test" button sample: entry id "0" and fixed ids that `GET /444444444444` cannot load
 * (Graph answers 100/33), so an app must not treat a failed fetch of them as an outage.
 */
export const DASHBOARD_SAMPLE = {
  entryId: '0',
  leadgenId: '444444444444',
  pageId: '444444444444',
  formId: '444444444444',
  adId: '444444444',
  adgroupId: '44444444444',
} as const;

/** A lead id derived from its inputs, so a run repeats: 16 digits, never starting with 0. */
export function leadgenId(...parts: Array<string | number>): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 13);
  return String(1_000_000_000_000_000n + (BigInt('0x' + hex) % 8_000_000_000_000_000n)).slice(0, 16);
}

/** A JSON number when it round-trips exactly (below 2^53), else the string: an id is never corrupted. */
function idValue(id: string, style: LeadgenIds): string | number {
  if (style === 'string') return id;
  const n = Number(id);
  return Number.isSafeInteger(n) && String(n) === id ? n : id;
}

function changeValue(c: LeadgenChange, style: LeadgenIds): Record<string, unknown> {
  if (style === 'number') {
    return {
      leadgen_id: idValue(c.leadgenId, style),
      page_id: idValue(c.pageId, style),
      form_id: idValue(c.formId, style),
      ...(c.adgroupId === undefined ? {} : { adgroup_id: idValue(c.adgroupId, style) }),
      ...(c.adId === undefined ? {} : { ad_id: idValue(c.adId, style) }),
      created_time: c.createdTime,
    };
  }
  return {
    ...(c.adId === undefined ? {} : { ad_id: c.adId }),
    form_id: c.formId,
    leadgen_id: c.leadgenId,
    created_time: c.createdTime,
    page_id: c.pageId,
    ...(c.adgroupId === undefined ? {} : { adgroup_id: c.adgroupId }),
  };
}

export interface LeadgenEnvelopeInput {
  changes: readonly LeadgenChange[];
  /** `entry[].time`, epoch seconds (the documented sample uses seconds) */
  time: number;
  ids: LeadgenIds;
  /** split the changes over this many entries, round robin (Meta batches up to 1000 updates per POST) @default 1 */
  entries?: number;
  /** `entry[].id` @default the Page id of the entry's first change */
  entryId?: string;
  /** key order of the App Dashboard "Test" sample as captured: `object` and `field` first, string ids */
  dashboardOrder?: boolean;
}

/** One signed-ready `leadgen` POST body. */
export function buildLeadgenEnvelope(i: LeadgenEnvelopeInput): Envelope {
  const n = Math.max(1, Math.min(i.entries ?? 1, i.changes.length));
  const groups: LeadgenChange[][] = Array.from({ length: n }, () => []);
  i.changes.forEach((c, k) => groups[k % n]!.push(c));
  const entry = groups.map((changes) => {
    const id = idValue(i.entryId ?? changes[0]!.pageId, i.ids);
    const fieldFirst = i.ids === 'number' || i.dashboardOrder === true;
    const list = changes.map((c) =>
      fieldFirst ? { field: 'leadgen', value: changeValue(c, i.ids) } : { value: changeValue(c, i.ids), field: 'leadgen' },
    );
    return { id, time: i.time, changes: list };
  });
  // Envelope types `object` first; real deliveries put it last, so the key order is built here.
  return (i.ids === 'number' || i.dashboardOrder === true ? { object: 'page', entry } : { entry, object: 'page' }) as Envelope;
}

/** The values a `webhook leadgen` / `simulate form` run needs to make its changes. */
export interface LeadgenRun {
  pageId: string;
  formId: string;
  adId: string;
  adgroupId: string;
  /** epoch ms of the first lead */
  startMs: number;
  /** organic or Testing-Tool leads: no ad_id / adgroup_id */
  organic: boolean;
  /** how many leads (changes) */
  count: number;
  /** the first lead's id @default derived from the other values */
  leadId?: string;
}

/** The changes of a run: lead ids derived from the run, created one second apart. */
export function leadgenChanges(r: LeadgenRun): LeadgenChange[] {
  const s = Math.floor(r.startMs / 1000);
  return Array.from({ length: r.count }, (_, k): LeadgenChange => {
    const id = k === 0 && r.leadId !== undefined ? r.leadId : leadgenId(r.pageId, r.formId, r.startMs, k);
    const c: LeadgenChange = { leadgenId: id, pageId: r.pageId, formId: r.formId, createdTime: s + k };
    if (!r.organic) {
      c.adId = r.adId;
      c.adgroupId = r.adgroupId;
    }
    return c;
  });
}

/** The App Dashboard "Test" sample as that button sends it (fixtures/leadgen/dashboard-sample.json). */
export function buildDashboardSample(timeS: number): Envelope {
  const d = DASHBOARD_SAMPLE;
  return buildLeadgenEnvelope({
    changes: [{ leadgenId: d.leadgenId, pageId: d.pageId, formId: d.formId, adId: d.adId, adgroupId: d.adgroupId, createdTime: timeS }],
    time: timeS,
    ids: 'string',
    entryId: d.entryId,
    dashboardOrder: true,
  });
}

/**
 * UNCONFIRMED: the newer `leadgen_update` Page field. Meta lists it among the Page's subscribed fields
 * (Business SDK `Page.SubscribedFields`) but does not document its payload; this shape is a Dashboard sample
 * captured by a third party: integer ids, `updated_time` a string, `area`, `event` and `updated_fields`.
 */
export interface LeadgenUpdateInput extends LeadgenChange {
  /** epoch seconds */
  updatedTime: number;
  area: string;
  event: string;
  updatedFields: readonly string[];
}

export function buildLeadgenUpdate(u: LeadgenUpdateInput, timeS: number, ids: LeadgenIds): Envelope {
  const value: Record<string, unknown> = {};
  if (u.adgroupId !== undefined) value.adgroup_id = idValue(u.adgroupId, ids);
  if (u.adId !== undefined) value.ad_id = idValue(u.adId, ids);
  Object.assign(value, {
    leadgen_id: idValue(u.leadgenId, ids),
    page_id: idValue(u.pageId, ids),
    form_id: idValue(u.formId, ids),
    updated_time: String(u.updatedTime),
    area: u.area,
    event: u.event,
    updated_fields: [...u.updatedFields],
  });
  return {
    object: 'page',
    entry: [{ id: idValue(u.pageId, ids), time: timeS, changes: [{ field: 'leadgen_update', value }] }],
  } as Envelope;
}
