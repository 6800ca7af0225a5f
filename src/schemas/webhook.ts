import { z } from 'zod';

/**
 * zod schema of the Messenger webhook envelope (https://developers.facebook.com/documentation/business-messaging/messenger-platform/webhooks). Lenient where Meta's own
 * examples disagree (ids as number or string, timestamps in s or ms, number or string), strict about
 * keys so a typo in a builder or a `--set` cannot slip through.
 */
const appId = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]);
const timestamp = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]);
const party = z.strictObject({ id: z.string().min(1) });

const handoverChange = z.strictObject({
  previous_owner_app_id: appId.nullable(),
  new_owner_app_id: appId,
  metadata: z.string().optional(),
});

const adsContextData = z.strictObject({
  ad_title: z.string(),
  photo_url: z.string().optional(),
  video_url: z.string().optional(),
  post_id: z.string(),
  product_id: z.string().optional(),
  flow_id: z.string().optional(),
});

export const referralSchema = z.strictObject({
  ref: z.string().optional(),
  ad_id: z.string().optional(),
  source: z.enum(['ADS', 'SHORTLINK']),
  type: z.enum(['OPEN_THREAD', 'LEAD_COMPLETE', 'LEAD_INCOMPLETE']),
  referer_uri: z.string().optional(),
  ads_context_data: adsContextData.optional(),
});

export const messageSchema = z.strictObject({
  mid: z.string().min(1),
  text: z.string().optional(),
  quick_reply: z.strictObject({ payload: z.string() }).optional(),
  reply_to: z.strictObject({ mid: z.string(), is_self_reply: z.boolean().optional() }).optional(),
  attachments: z.array(z.object({ type: z.string(), payload: z.record(z.string(), z.unknown()).optional() })).optional(),
  referral: referralSchema.optional(),
  is_echo: z.boolean().optional(),
  app_id: appId.optional(),
});

const postbackSchema = z.strictObject({
  mid: z.string().optional(),
  title: z.string(),
  payload: z.string().optional(),
  referral: z
    .strictObject({ ref: z.string().optional(), ad_id: z.string().optional(), source: z.string(), type: z.literal('OPEN_THREAD') })
    .optional(),
});

const eventKinds = ['message', 'postback', 'referral', 'pass_thread_control', 'take_thread_control', 'request_thread_control'] as const;

export const messagingEventSchema = z
  .strictObject({
    sender: party,
    recipient: party,
    timestamp,
    message: messageSchema.optional(),
    postback: postbackSchema.optional(),
    referral: referralSchema.optional(),
    lead: z.strictObject({ data: z.array(z.strictObject({ question: z.string(), answer: z.string() })) }).optional(),
    hop_context: z.strictObject({ app_id: appId, metadata: z.string() }).optional(),
    pass_thread_control: handoverChange.optional(),
    take_thread_control: handoverChange.optional(),
    request_thread_control: z.strictObject({ requested_owner_app_id: appId, metadata: z.string().optional() }).optional(),
  })
  .refine((e) => eventKinds.filter((k) => e[k] !== undefined).length === 1, {
    message: `an event carries exactly one of ${eventKinds.join(', ')}`,
  })
  .refine((e) => e.lead === undefined || (e.referral !== undefined && e.referral.type !== 'OPEN_THREAD'), {
    message: 'lead.data goes with a LEAD_COMPLETE or LEAD_INCOMPLETE referral',
    path: ['lead'],
  });

export const entrySchema = z
  .strictObject({
    id: z.string().min(1),
    time: z.number().int().nonnegative(),
    messaging: z.array(messagingEventSchema).min(1).optional(),
    standby: z.array(messagingEventSchema).min(1).optional(),
    hop_context: z.array(z.strictObject({ app_id: appId, metadata: z.string() })).optional(),
  })
  .refine((e) => (e.messaging === undefined) !== (e.standby === undefined), {
    message: 'an entry carries either messaging[] or standby[]',
  });

export const webhookEnvelopeSchema = z.strictObject({
  object: z.literal('page'),
  entry: z.array(entrySchema).min(1),
});

export type WebhookEnvelope = z.infer<typeof webhookEnvelopeSchema>;
