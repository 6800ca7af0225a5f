import { z } from 'zod';
import { leadgenPageSchema } from './leadgen.js';

/**
 * zod schema of `lead-kit mock --config mock.json`: the Pages, apps, tokens and people the local Graph API
 * knows. Keys are snake_case like the Graph objects they describe. Everything Meta's docs leave unconfirmed or
 * contradict is a documented per-Page setting under `unconfirmed` (Meta's docs leave these open), never a silent guess.
 */

/** Messenger webhook field names (https://developers.facebook.com/documentation/business-messaging/messenger-platform/webhooks; the plural spelling is the real field name). */
export const messengerFields = [
  'messages',
  'message_deliveries',
  'message_echoes',
  'message_edits',
  'message_reactions',
  'message_reads',
  'messaging_account_linking',
  'messaging_feedback',
  'messaging_game_plays',
  'messaging_handovers',
  'messaging_optins',
  'messaging_policy_enforcement',
  'messaging_postbacks',
  'messaging_referrals',
  'messenger_template_status_update',
  'response_feedback',
  'send_cart',
  'standby',
] as const;
export type MessengerField = (typeof messengerFields)[number];

/** Page fields delivered as `changes[]` (Instant Form lead ads); `leadgen_update` is undocumented by Meta. */
export const pageChangeFields = ['leadgen', 'leadgen_update'] as const;
/** Every field an app may subscribe to on a mock Page. */
export const webhookFields: readonly string[] = [...messengerFields, ...pageChangeFields];
export type WebhookField = MessengerField | (typeof pageChangeFields)[number];

/**
 * The singular spellings used by the Conversation Routing page and https://developers.facebook.com/docs/messenger-platform/handover-protocol/messenger-lead-ads-hop (`messaging_handover`,
 * `messaging_referral`) are accepted and stored as the plural field names.
 */
export const fieldAliases: Readonly<Record<string, MessengerField>> = {
  messaging_handover: 'messaging_handovers',
  messaging_referral: 'messaging_referrals',
};

/** What Conversation Routing asks every app to subscribe to (https://developers.facebook.com/docs/messenger-platform/conversation-routing, https://developers.facebook.com/docs/graph-api/reference/page/subscribed_apps). */
export const ROUTING_FIELDS: readonly MessengerField[] = [
  'messages',
  'messaging_handovers',
  'messaging_postbacks',
  'messaging_referrals',
  'standby',
];

/** Permissions a Page token carries unless `scopes` says otherwise (https://developers.facebook.com/docs/graph-api/reference/debug_token). */
export const DEFAULT_SCOPES = ['pages_messaging', 'pages_manage_metadata', 'pages_read_engagement', 'pages_show_list'] as const;

const numericId = z.union([
  z.string().regex(/^\d+$/, 'must be a numeric id written as a string, e.g. "2262510160704936"'),
  z.number().int().nonnegative().refine(Number.isSafeInteger, 'is too large for a JSON number: write the id as a string').transform(String),
]);
const instant = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}/.test(s) && !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 date such as "2026-11-21T10:00:00Z"');
const httpUrl = z.string().refine((s) => /^https?:\/\/[^\s/]+/.test(s), 'must be an http:// or https:// URL');
const field = z.string().transform((s, ctx) => {
  const name = fieldAliases[s] ?? s;
  if (!webhookFields.includes(name)) {
    ctx.addIssue({
      code: 'custom',
      message: `"${s}" is not a Messenger webhook field (e.g. messages, messaging_handovers, standby) or leadgen`,
    });
    return z.NEVER;
  }
  return name as WebhookField;
});

/** A Graph error the mock answers with, where Meta's numbers are unconfirmed. */
const errorSpec = z.strictObject({
  code: z.number().int().positive(),
  error_subcode: z.number().int().positive().optional(),
  message: z.string().min(1).optional(),
  type: z.string().min(1).optional(),
});
export type ErrorSpec = z.output<typeof errorSpec>;

/** Per-Page choices where Meta's docs are unconfirmed or disagree (Meta's docs leave these open). Defaults are documented in the README. */
const unconfirmedSchema = z.strictObject({
  /** after a release or an expired control window: the default app owns the thread (older CR page, https://developers.facebook.com/docs/messenger-platform/conversation-routing) or it is idle (2025 page) */
  after_release: z.enum(['default-app', 'idle']).default('default-app'),
  /** take/request/extend_thread_control under Conversation Routing: documented by the 2025 page; "disabled" per the older revision (https://developers.facebook.com/docs/messenger-platform/conversation-routing) */
  hop_calls: z.enum(['allowed', 'disabled']).default('allowed'),
  /** the older Send API `thread_control: {payload}` form (https://developers.facebook.com/docs/messenger-platform/conversation-routing), absent from the 2025 page (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing) */
  thread_control_payload: z.enum(['accept', 'reject']).default('accept'),
  /** a Send API call with thread_control but no message: every Meta example sends one, so "reject" (error 100) unless told (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing) */
  thread_control_without_message: z.enum(['reject', 'accept']).default('reject'),
  /** JSON type of app ids in the handover webhooks the mock sends: numbers as in the lead-ad examples, strings as the reference (https://developers.facebook.com/documentation/business-messaging/messenger-platform/webhooks/webhook-events/messaging_handovers) */
  webhook_app_id: z.enum(['number', 'string']).default('number'),
  /** JSON type of `thread_owner.app_id` (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing) */
  thread_owner_app_id: z.enum(['string', 'number']).default('string'),
  /** `GET /me/permissions` with a Page token (https://developers.facebook.com/docs/graph-api/reference/user/permissions/): list the token's scopes, or answer error 100 */
  me_permissions: z.enum(['scopes', 'error']).default('scopes'),
  /**
   * `POST /{app-id}/page_activities` (the Messaging Events API, https://developers.facebook.com/docs/messenger-platform/analytics/messaging-events-api): Meta shut it down in September 2025 and
   * its post-shutdown error is unconfirmed (https://developers.facebook.com/docs/messenger-platform/analytics/messaging-events-api). "accept" records lead events so CI can assert them;
   * "shut-down" answers as for an edge that no longer exists (code 100).
   */
  page_activities: z.enum(['accept', 'shut-down']).default('accept'),
  /**
   * `request_thread_control` on a Conversation Routing Page: the 2025 page supports it "only in default" behaviour
   * (no default app), so a Page with a default app refuses it; "always" accepts it as the legacy HOP did
   */
  request_thread_control: z.enum(['default-behaviour-only', 'always']).default('default-behaviour-only'),
  /** HTTP status sent with every Graph error envelope (https://developers.facebook.com/docs/messenger-platform/error-codes) */
  error_status: z.number().int().min(400).max(599).default(400),
  /** the codes of errors whose numbers are unconfirmed (https://developers.facebook.com/docs/graph-api/guides/error-handling, https://developers.facebook.com/docs/messenger-platform/error-codes) */
  errors: z
    .strictObject({
      another_app_controls: errorSpec,
      lead_flow: errorSpec,
      hop_disabled: errorSpec,
      take_denied: errorSpec,
      request_unsupported: errorSpec,
    })
    .partial()
    .default({}),
});

const connectedAppSchema = z.strictObject({
  app_id: numericId,
  /** the Page access token this app calls with (a Page token is issued to one app) */
  token: z.string().min(8, 'must be at least 8 characters'),
  scopes: z.array(z.string().min(1)).default([...DEFAULT_SCOPES]),
  subscribed_fields: z.array(field).default([...ROUTING_FIELDS]),
  /** the "Take control of conversations" toggle in Page settings → Advanced messaging → Connected apps (https://developers.facebook.com/docs/messenger-platform/conversation-routing) */
  may_take_control: z.boolean().default(false),
});

const personSchema = z.strictObject({
  psid: numericId,
  name: z.string().min(1).optional(),
  /** the person's last message; opens the 24-hour window @default the clock's start */
  last_message_at: instant.optional(),
  /** who owns the thread at start; null = idle @default the Page's default app */
  owner_app_id: numericId.nullable().optional(),
  /** when the owner's control ends @default 24 h after last_message_at for a non-default owner */
  control_expires_at: instant.optional(),
  /** User Profile API fields (GET /{psid}); locale, timezone and gender are answered only to tokens with pages_user_<field> */
  profile_pic: httpUrl.optional(),
  locale: z
    .string()
    .regex(/^[a-z]{2}_[A-Z]{2}$/, 'must look like en_US')
    .optional(),
  timezone: z.number().min(-24).max(24).optional(),
  gender: z.string().min(1).optional(),
});

const pageSchema = z.strictObject({
  id: numericId,
  name: z.string().min(1).default('Lead-kit Mock Page'),
  /** "conversation-routing" (current model) or the legacy "handover-protocol" (primary/secondary receivers) */
  rules: z.enum(['conversation-routing', 'handover-protocol']).default('conversation-routing'),
  /** the Conversation Routing default app (HOP: the primary receiver); null = no default app ("default behaviour") */
  default_app_id: numericId.nullable().default(null),
  /** the Page's Conversions API dataset (`GET /{page-id}/dataset`) @default "9" followed by the Page id */
  dataset_id: numericId.optional(),
  /** overrides of `messaging_feature_status`, whose flags' meanings are unconfirmed (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing) */
  feature_status: z.strictObject({ hop_v2: z.boolean(), msgr_multi_app: z.boolean(), ig_multi_app: z.boolean() }).partial().default({}),
  connected_apps: z.array(connectedAppSchema).default([]),
  persons: z.array(personSchema).default([]),
  /** `GET /{page-id}/messaging_feature_review` answers these (a Page that never asked for a feature has none) */
  feature_review: z
    .array(z.strictObject({ feature: z.string().min(1), status: z.enum(['pending', 'rejected', 'approved', 'limited']) }))
    .default([]),
  unconfirmed: unconfirmedSchema.prefault({}),
  /** Instant Form lead ads: forms, ads, leads and the error lead reads answer with (src/schemas/leadgen.ts) */
  leadgen: leadgenPageSchema.prefault({}),
});

const appSchema = z.strictObject({
  id: numericId,
  name: z.string().min(1),
  /** signs the webhooks this app receives; also checks `appsecret_proof` */
  secret: z.string().min(1).optional(),
  /** where this app receives webhooks; without it its webhooks are recorded as not sent */
  webhook_url: httpUrl.optional(),
  /** answer error 100 to calls without `appsecret_proof` ("Require App Secret" in the App Dashboard) */
  require_appsecret_proof: z.boolean().default(false),
  category: z.string().default('Business'),
});

export const mockConfigSchema = z.strictObject({
  $schema: z.string().optional(),
  /** where the virtual clock starts @default now */
  start_time: instant.optional(),
  /** Facebook-API-Version header of the webhooks the mock sends @default v26.0 */
  api_version: z
    .string()
    .regex(/^v\d{1,2}\.\d$/, 'must look like v26.0')
    .default('v26.0'),
  /** larger request bodies get a 413 Graph error @default 1048576 */
  max_body_bytes: z
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024)
    .default(1024 * 1024),
  /** the call log keeps this many most recent calls @default 1000 */
  max_calls: z.number().int().min(10).max(1_000_000).default(1000),
  apps: z.array(appSchema).min(1, 'needs at least one app'),
  pages: z.array(pageSchema).min(1, 'needs at least one Page'),
});

export type MockConfigInput = z.input<typeof mockConfigSchema>;
export type MockConfig = z.output<typeof mockConfigSchema>;
export type MockPageConfig = MockConfig['pages'][number];
export type MockAppConfig = MockConfig['apps'][number];
export type MockConnectedApp = MockPageConfig['connected_apps'][number];
export type Unconfirmed = MockPageConfig['unconfirmed'];
