import { z } from 'zod';

/**
 * zod schemas of the Instant Form lead-ad surface: the `changes[]` webhook envelope of the Page `leadgen`
 * field and the `leadgen` section of a mock Page. Ids are accepted as numbers (Meta's documented sample) or
 * strings (real deliveries).
 * https://developers.facebook.com/documentation/ads-commerce/marketing-api/guides/lead-ads/retrieving
 */
const id = z.union([z.string().regex(/^\d+$/, 'must be a numeric id'), z.number().int().nonnegative()]);
const seconds = z.number().int().nonnegative();

export const leadgenValueSchema = z.strictObject({
  leadgen_id: id,
  page_id: id,
  form_id: id,
  /** absent for organic and Lead Ads Testing Tool leads */
  adgroup_id: id.optional(),
  ad_id: id.optional(),
  created_time: seconds,
});

/** UNCONFIRMED: `leadgen_update` is undocumented by Meta; this follows a captured Dashboard sample. */
export const leadgenUpdateValueSchema = z.strictObject({
  adgroup_id: id.optional(),
  ad_id: id.optional(),
  leadgen_id: id,
  page_id: id,
  form_id: id,
  updated_time: z.string().regex(/^\d+$/),
  area: z.string(),
  event: z.string(),
  updated_fields: z.array(z.string()),
});

const change = z.discriminatedUnion('field', [
  z.strictObject({ field: z.literal('leadgen'), value: leadgenValueSchema }),
  z.strictObject({ field: z.literal('leadgen_update'), value: leadgenUpdateValueSchema }),
]);

/** `{object: "page", entry: [{id, time, changes: [...]}]}`; several changes may share one entry. */
export const leadgenEnvelopeSchema = z.strictObject({
  object: z.literal('page'),
  entry: z.array(z.strictObject({ id, time: seconds, changes: z.array(change).min(1) })).min(1),
});
export type LeadgenEnvelope = z.output<typeof leadgenEnvelopeSchema>;

/* ---- the `leadgen` section of a mock Page (mock.json) ---- */

const numericId = z.union([
  z.string().regex(/^\d+$/, 'must be a numeric id written as a string, e.g. "1048557243911820"'),
  z.number().int().nonnegative().refine(Number.isSafeInteger, 'is too large for a JSON number: write the id as a string').transform(String),
]);
const instant = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}/.test(s) && !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 date such as "2026-11-21T10:00:00Z"');

/** `field_data`: `[{name, values}]`, or `{"full_name": "Zoë", "city": ["a", "b"]}` for short. */
export const fieldDataSchema = z
  .union([
    z.array(z.strictObject({ name: z.string().min(1), values: z.array(z.string()) })),
    z.record(z.string().min(1), z.union([z.string(), z.array(z.string())])),
  ])
  .transform((v) => (Array.isArray(v) ? v : Object.entries(v).map(([name, x]) => ({ name, values: typeof x === 'string' ? [x] : x }))));
export type FieldData = z.output<typeof fieldDataSchema>;

const questionSchema = z.strictObject({
  key: z.string().min(1),
  label: z.string().min(1).optional(),
  /** FULL_NAME, EMAIL, PHONE, CITY, CUSTOM… @default CUSTOM, or the type a standard key implies */
  type: z.string().min(1).optional(),
});

const formSchema = z.strictObject({
  id: numericId,
  name: z.string().min(1).default('Lead-kit form'),
  status: z.enum(['ACTIVE', 'ARCHIVED', 'DELETED', 'DRAFT']).default('ACTIVE'),
  locale: z.string().default('en_US'),
  questions: z.array(questionSchema).default([{ key: 'full_name' }, { key: 'email' }, { key: 'phone_number' }, { key: 'city' }]),
  created_time: instant.optional(),
});

const adSchema = z.strictObject({
  id: numericId,
  name: z.string().min(1).default('Lead-kit ad'),
  form_id: numericId,
  adset_id: numericId.optional(),
  adset_name: z.string().optional(),
  campaign_id: numericId.optional(),
  campaign_name: z.string().optional(),
});

const leadSchema = z.strictObject({
  id: numericId,
  form_id: numericId,
  /** absent = an organic lead */
  ad_id: numericId.optional(),
  created_time: instant.optional(),
  field_data: fieldDataSchema.default([]),
  custom_disclaimer_responses: z.array(z.strictObject({ checkbox_key: z.string(), is_checked: z.enum(['1', '']) })).default([]),
  platform: z.enum(['fb', 'ig']).default('fb'),
});

/**
 * What the Page's lead reads answer, so an app's handling of the errors integrators hit can be tested:
 * `none`, `no-leads-access` (100/33: token without leads_retrieval or removed in Leads Access Manager),
 * `token-expired` (190/463), `appsecret-proof-required`, `rate-limit` (80005, LeadGen rate limit).
 */
export const leadgenErrorSettings = ['none', 'no-leads-access', 'token-expired', 'appsecret-proof-required', 'rate-limit'] as const;
export type LeadgenErrorSetting = (typeof leadgenErrorSettings)[number];

export const leadgenPageSchema = z.strictObject({
  forms: z.array(formSchema).default([]),
  ads: z.array(adSchema).default([]),
  leads: z.array(leadSchema).default([]),
  error: z.enum(leadgenErrorSettings).default('none'),
});
export type LeadgenPageConfig = z.output<typeof leadgenPageSchema>;
export type LeadgenFormConfig = LeadgenPageConfig['forms'][number];
