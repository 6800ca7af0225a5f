import { z } from 'zod';

/**
 * zod schemas of the Graph API answers lead-kit reads (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing). Lenient about extra keys (Graph adds
 * fields over time) and about the types Meta's own examples disagree on (ids as numbers or strings, `"true"`).
 */

/** An id Meta prints as a number in some examples and as a string in others; always a string after parsing. */
export const graphIdSchema = z.union([z.string().min(1), z.number().int().nonnegative()]).transform((v) => String(v));

/** `{"success": true}`; Meta's docs also print `"true"` as a string (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing, https://developers.facebook.com/docs/graph-api/reference/page/subscribed_apps). */
export const successSchema = z.looseObject({
  success: z.union([z.boolean(), z.enum(['true', 'false'])]).transform((v) => v === true || v === 'true'),
});
export type SuccessResponse = z.infer<typeof successSchema>;

/** The error envelope (https://developers.facebook.com/docs/graph-api/guides/error-handling). */
export const graphErrorEnvelopeSchema = z.looseObject({
  error: z.looseObject({
    message: z.string().default(''),
    type: z.string().optional(),
    code: z.coerce.number().int().optional(),
    error_subcode: z.coerce.number().int().optional(),
    error_user_title: z.string().optional(),
    error_user_msg: z.string().optional(),
    fbtrace_id: z.string().optional(),
    is_transient: z.boolean().optional(),
  }),
});
export type GraphErrorEnvelope = z.infer<typeof graphErrorEnvelopeSchema>;
export type GraphErrorBody = GraphErrorEnvelope['error'];

/** GET /{page-id}?fields=messaging_feature_status (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing). Every flag may be absent. */
export const featureStatusSchema = z.looseObject({
  id: graphIdSchema.optional(),
  messaging_feature_status: z
    .looseObject({
      hop_v2: z.boolean().optional(),
      msgr_multi_app: z.boolean().optional(),
      ig_multi_app: z.boolean().optional(),
    })
    .optional(),
});
export type FeatureStatusResponse = z.infer<typeof featureStatusSchema>;

const threadOwnerItemSchema = z.looseObject({
  thread_owner: z
    .looseObject({
      app_id: graphIdSchema.optional(),
      // unit unconfirmed (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing); seconds per the doc's UNIX-TIMESTAMP placeholder
      expiration: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).optional(),
    })
    .optional(),
});

/**
 * GET /{page-id}/thread_owner?recipient=<PSID> (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing). The literal form of Meta's "empty response"
 * is unconfirmed, so `{}`, `{"data": []}`, `{"data": [{}]}` and an empty body (parsed as `{}`) are all accepted.
 */
export const threadOwnerSchema = z.looseObject({ data: z.array(threadOwnerItemSchema).optional() });
export type ThreadOwnerResponse = z.infer<typeof threadOwnerSchema>;

/** GET /{page-id}/subscribed_apps (https://developers.facebook.com/docs/graph-api/reference/page/subscribed_apps); `data` is empty when no app is installed. */
export const subscribedAppsSchema = z.looseObject({
  data: z.array(
    z.looseObject({
      id: graphIdSchema,
      name: z.string().optional(),
      category: z.string().optional(),
      link: z.string().optional(),
      subscribed_fields: z.array(z.string()).default([]),
    }),
  ),
});
export type SubscribedAppsResponse = z.infer<typeof subscribedAppsSchema>;

/** GET /debug_token (https://developers.facebook.com/docs/graph-api/reference/debug_token). An invalid input token comes back as `is_valid: false` + `data.error`. */
export const debugTokenSchema = z.looseObject({
  data: z.looseObject({
    app_id: graphIdSchema.optional(),
    type: z.string().optional(),
    application: z.string().optional(),
    expires_at: z.number().optional(),
    data_access_expires_at: z.number().optional(),
    is_valid: z.boolean(),
    scopes: z.array(z.string()).default([]),
    granular_scopes: z.array(z.looseObject({ scope: z.string(), target_ids: z.array(graphIdSchema).optional() })).optional(),
    user_id: graphIdSchema.optional(),
    profile_id: graphIdSchema.optional(),
    error: z.looseObject({ message: z.string().optional(), code: z.number().optional(), subcode: z.number().optional() }).optional(),
  }),
});
export type DebugTokenResponse = z.infer<typeof debugTokenSchema>;

/** GET /me/permissions (https://developers.facebook.com/docs/graph-api/reference/user/permissions/; its behaviour with a Page token is unconfirmed). */
export const permissionsSchema = z.looseObject({
  data: z.array(z.looseObject({ permission: z.string(), status: z.string() })),
});
export type PermissionsResponse = z.infer<typeof permissionsSchema>;

/** POST /{page-id}/messages success (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing). */
export const sendResponseSchema = z.looseObject({
  recipient_id: graphIdSchema.optional(),
  message_id: z.string().optional(),
});
export type SendResponse = z.infer<typeof sendResponseSchema>;
