import type { GraphClient } from '../graph/client.js';
import { csvField } from './csv.js';
import { pacer } from './fetch.js';

/** One Instant Form lead as `GET /{form-id}/leads` answers it. */
export interface FormLead {
  id: string;
  created_time?: string;
  ad_id?: string;
  form_id?: string;
  is_organic?: boolean;
  field_data?: Array<{ name: string; values: string[] }>;
}

export interface FormLeadsQuery {
  /** `{form-id}` or `{ad-id}`: the node whose `leads` edge is read */
  node: string;
  /** unix seconds, inclusive */
  since?: number;
  /** unix seconds, exclusive */
  until?: number;
  /** calls per second @default 2 */
  ratePerSecond?: number;
  /** stop after this many leads */
  limit?: number;
  signal?: AbortSignal;
}

const FIELDS = 'id,created_time,ad_id,form_id,is_organic,field_data';

/**
 * `filtering` for a time range: `time_created` with GREATER_THAN_OR_EQUAL / LESS_THAN (Retrieving Leads, Bulk Read).
 * https://developers.facebook.com/documentation/ads-commerce/marketing-api/guides/lead-ads/retrieving
 */
export function timeFiltering(since?: number, until?: number): string | undefined {
  const f: Array<{ field: string; operator: string; value: number }> = [];
  if (since !== undefined) f.push({ field: 'time_created', operator: 'GREATER_THAN_OR_EQUAL', value: since });
  if (until !== undefined) f.push({ field: 'time_created', operator: 'LESS_THAN', value: until });
  return f.length ? JSON.stringify(f) : undefined;
}

/** Reads every lead of a form or ad, following the `after` cursor while Graph says there is a next page. */
export async function fetchFormLeads(client: GraphClient, q: FormLeadsQuery): Promise<FormLead[]> {
  const pace = pacer(q.ratePerSecond ?? 2, q.signal);
  const filtering = timeFiltering(q.since, q.until);
  const out: FormLead[] = [];
  let after: string | undefined;
  do {
    await pace();
    if (q.signal?.aborted) break;
    const page = (await client.get(`${q.node}/leads`, { fields: FIELDS, limit: 100, filtering, after })) as {
      data?: FormLead[];
      paging?: { next?: string; cursors?: { after?: string } };
    };
    for (const l of page.data ?? []) {
      out.push(l);
      if (q.limit !== undefined && out.length >= q.limit) return out;
    }
    after = page.paging?.next ? page.paging.cursors?.after : undefined;
  } while (after !== undefined);
  return out;
}

/** Field names in first-seen order: one column each. */
export function fieldColumns(leads: readonly FormLead[]): string[] {
  const names: string[] = [];
  for (const l of leads) for (const f of l.field_data ?? []) if (!names.includes(f.name)) names.push(f.name);
  return names;
}

/** Multi-value answers (checkbox questions) in one cell, joined with "; ". */
export const MULTI_VALUE_SEPARATOR = '; ';

/** The row cells of a lead: fixed columns, then one per field name. */
export function formLeadRow(l: FormLead, columns: readonly string[]): string[] {
  const by = new Map((l.field_data ?? []).map((f) => [f.name, f.values.join(MULTI_VALUE_SEPARATOR)]));
  return [
    l.id,
    l.created_time ?? '',
    l.form_id ?? '',
    l.ad_id ?? '',
    l.is_organic === undefined ? '' : String(l.is_organic),
    ...columns.map((c) => by.get(c) ?? ''),
  ];
}

export const FORM_LEAD_HEADER = ['id', 'created_time', 'form_id', 'ad_id', 'is_organic'] as const;

/** RFC 4180 CSV (CRLF), one column per field name, UTF-8 kept as is. */
export function formLeadsToCsv(leads: readonly FormLead[]): string {
  const columns = fieldColumns(leads);
  return (
    [[...FORM_LEAD_HEADER, ...columns], ...leads.map((l) => formLeadRow(l, columns))].map((r) => r.map(csvField).join(',')).join('\r\n') +
    '\r\n'
  );
}
