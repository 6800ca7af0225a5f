import { z } from 'zod';
import { DOCS, LIMITS, charCount } from './template-limits.js';
import { buttonList, describeValue, httpUrl, limitedText, onObjects, typeError } from './template-parts.js';

/**
 * zod schema of the message template of a Messenger lead ad (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing/messenger-lead-ads, "Setup Thread Control Window"):
 * `{"message": {attachment, quick_replies, receiving_app_id, receiving_app_control_expiration}}`.
 * Objects are strict so a misspelt key shows up (lead-kit reports unknown keys as warnings with the nearest
 * valid key); every cross-field rule is a zod refinement AND the equivalent JSON Schema keyword (via `.meta`),
 * so `z.toJSONSchema(templateSchema)` says the same thing as zod.
 */

/** Button template: text + 1–3 buttons. https://developers.facebook.com/documentation/business-messaging/messenger-platform/send-messages/template/button */
export const buttonTemplatePayloadSchema = z
  .strictObject({
    template_type: z.literal('button'),
    text: limitedText('"text"', LIMITS.buttonTemplateText, { min: 1, example: '"Hi! How can we help you?"', doc: 'button template text' }),
    buttons: buttonList('the button template', LIMITS.buttonTemplateButtonsMin, LIMITS.buttonTemplateButtonsMax, 'button template'),
  })
  .meta({ description: `button template (${DOCS.buttonTemplate})` });

const defaultActionSchema = z.strictObject({
  type: z.literal('web_url', { error: '"default_action" must have "type": "web_url"' }),
  url: httpUrl('"default_action.url"'),
  webview_height_ratio: z.enum(['compact', 'tall', 'full']).optional(),
  messenger_extensions: z.boolean().optional(),
  fallback_url: httpUrl('"fallback_url"').optional(),
  webview_share_button: z.literal('hide').optional(),
});

const elementExtras = ['subtitle', 'image_url', 'default_action', 'buttons'] as const;

/** One card of a generic template (carousel item). */
export const genericElementSchema = z
  .strictObject({
    title: limitedText('element "title"', LIMITS.genericTitle, { min: 1, example: '"Spring offer"', doc: 'generic template title' }),
    subtitle: limitedText('"subtitle"', LIMITS.genericSubtitle, { doc: 'generic template subtitle' }).optional(),
    image_url: httpUrl('"image_url"').optional(),
    default_action: defaultActionSchema.optional(),
    buttons: buttonList('an element', 0, LIMITS.genericButtons, 'generic template').optional(),
  })
  .refine((e) => elementExtras.some((k) => (e as Record<string, unknown>)[k] !== undefined), {
    error: `an element needs at least one of ${elementExtras.join(', ')} besides its title (Meta: "At least one property must be set in addition to title") — add a "subtitle"`,
    ...onObjects,
  })
  .meta({ anyOf: elementExtras.map((k) => ({ required: [k] })) });

/** Generic template: up to 10 elements. https://developers.facebook.com/documentation/business-messaging/messenger-platform/send-messages/template/generic */
export const genericTemplatePayloadSchema = z
  .strictObject({
    template_type: z.literal('generic'),
    elements: z
      .array(genericElementSchema, { error: typeError('"elements"', 'an array of elements') })
      .min(1, { error: '"elements" is empty — add at least one element with a "title"' })
      .max(LIMITS.genericElements, {
        error: (iss) =>
          `"elements" has ${Array.isArray(iss.input) ? iss.input.length : 'too many'} elements; Meta allows at most ${LIMITS.genericElements} (generic template) — remove the extra ones`,
      }),
    sharable: z.boolean({ error: typeError('"sharable"', 'true or false') }).optional(),
  })
  .meta({ description: `generic template (${DOCS.genericTemplate})` });

const FACEBOOK_URL = /^https:\/\/(?:[a-z0-9-]+\.)*facebook\.com\//;

/** The one element of a media template: an image or video by attachment_id or Facebook URL. */
export const mediaElementSchema = z
  .strictObject({
    media_type: z.enum(['image', 'video'], { error: (iss) => `"media_type" must be "image" or "video", not ${describeValue(iss.input)}` }),
    attachment_id: z
      .string({ error: typeError('"attachment_id"', 'a string', '"1857777774821032"') })
      .min(1)
      .optional(),
    url: z
      .string({ error: typeError('"url"', 'a Facebook URL') })
      .regex(FACEBOOK_URL, {
        error: `the media template only accepts Facebook URLs (https://www.facebook.com/…/videos/…) — upload other media with the Attachment Upload API and use "attachment_id" (${DOCS.mediaTemplate})`,
      })
      .optional(),
    buttons: buttonList('the media element', 0, LIMITS.mediaButtons, 'media template').optional(),
  })
  .refine((e) => (e.attachment_id === undefined) !== (e.url === undefined), {
    error: 'a media element needs exactly one of "attachment_id" or "url" (Meta: each "cannot be used if" the other "is set")',
    ...onObjects,
  })
  .meta({ oneOf: [{ required: ['attachment_id'] }, { required: ['url'] }] });

/** Media template: one image or video. https://developers.facebook.com/documentation/business-messaging/messenger-platform/send-messages/template/media */
export const mediaTemplatePayloadSchema = z
  .strictObject({
    template_type: z.literal('media'),
    elements: z
      .array(mediaElementSchema, { error: typeError('"elements"', 'an array with one element') })
      .min(1, { error: '"elements" is empty — a media template has exactly 1 element' })
      .max(LIMITS.mediaElements, {
        error: `a media template has exactly ${LIMITS.mediaElements} element (media template) — send the others as separate messages`,
      }),
    sharable: z.boolean({ error: typeError('"sharable"', 'true or false') }).optional(),
  })
  .meta({ description: `media template (${DOCS.mediaTemplate})` });

/** `payload` of a template attachment, by `template_type`. */
export const templatePayloadSchema = z.discriminatedUnion('template_type', [
  buttonTemplatePayloadSchema,
  genericTemplatePayloadSchema,
  mediaTemplatePayloadSchema,
]);

/** `message.attachment`: a template (checked in full) or a plain media attachment (accepted as is). */
export const attachmentSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('template'), payload: templatePayloadSchema }),
  z
    .looseObject({ type: z.enum(['image', 'video', 'audio', 'file']) })
    .meta({ description: 'plain media attachments: accepted, not checked further by lead-kit' }),
]);

/** A quick reply: text (title + payload), or a button asking for the person's phone number or email. */
export const quickReplySchema = z.discriminatedUnion('content_type', [
  z
    .strictObject({
      content_type: z.literal('text'),
      title: limitedText('quick reply "title"', LIMITS.quickReplyTitle, { example: '"Yes"', doc: 'quick reply title' }),
      payload: z.union([limitedText('quick reply "payload"', LIMITS.quickReplyPayload, { doc: 'quick reply payload' }), z.number()], {
        error: typeError('quick reply "payload"', 'a string or number', '"YES"'),
      }),
      image_url: httpUrl('"image_url"').optional(),
    })
    .refine((q) => q.title !== '' || q.image_url !== undefined, {
      error:
        'quick reply "title" is empty — write a title, or add an "image_url" (Meta: image_url is "required if title is an empty string")',
      path: ['title'],
      ...onObjects,
    })
    .refine((q) => q.payload !== '' || q.image_url !== undefined, {
      error: 'quick reply "payload" is empty — write a payload (Meta: it "may be set to an empty string if image_url is set")',
      path: ['payload'],
      ...onObjects,
    })
    .meta({
      allOf: [
        { anyOf: [{ properties: { title: { minLength: 1 } } }, { required: ['image_url'] }] },
        { anyOf: [{ properties: { payload: { minLength: 1 } } }, { required: ['image_url'] }] },
      ],
    }),
  z.strictObject({ content_type: z.literal('user_phone_number') }),
  z.strictObject({ content_type: z.literal('user_email') }),
]);

const appIdError = (iss: { input?: unknown }): string =>
  typeof iss.input === 'number'
    ? `"receiving_app_id" ${iss.input} is not a whole, positive app id that JSON numbers hold exactly — write the id as a string of digits`
    : `"receiving_app_id" must be the numeric id of the app that receives control, not ${describeValue(iss.input)} — e.g. 1278416343931139`;

/** The app that receives thread control after the lead flow: a numeric app id, number or digit string. */
export const receivingAppIdSchema = z
  .union([z.number().int({ error: appIdError }).positive({ error: appIdError }), z.string().regex(/^\d+$/, { error: appIdError })], {
    error: appIdError,
  })
  .meta({ description: 'id of the app that receives thread control after the lead flow (an app connected to the Page)' });

/** The message "Meta will silently use 1 day instead of …" for a value that is not a whole number from 1 to 7. */
export function expirationMessage(input: unknown): string {
  const field = '"receiving_app_control_expiration"';
  const fix = `set a whole number of days from ${LIMITS.expirationMin} to ${LIMITS.expirationMax}`;
  const inRange = (n: number): boolean => Number.isInteger(n) && n >= LIMITS.expirationMin && n <= LIMITS.expirationMax;
  if (typeof input === 'string' && /^\d+$/.test(input.trim()) && !inRange(Number(input))) {
    return `${field} is ${describeValue(input)}: Meta will silently use 1 day instead of ${input.trim()} days — ${fix}, written as a number without quotes`;
  }
  if (typeof input === 'string' && /^\d+$/.test(input.trim())) {
    return `${field} is ${describeValue(input)}: Meta's docs only show a number here, and if it does not accept a string it will silently use 1 day instead of ${input.trim()} days — write ${input.trim()} without quotes`;
  }
  if (typeof input === 'number') {
    const why = !Number.isInteger(input) ? 'not a whole number' : input < LIMITS.expirationMin ? 'below 1' : 'above 7';
    return `${field} is ${input} (${why}): Meta will silently use 1 day instead of ${input} days — ${fix}`;
  }
  return `${field} is ${describeValue(input)}: Meta will silently use 1 day instead of what you meant — ${fix}, or remove the key for 1 day`;
}

/** Days (1–7) the receiving app keeps thread control; Meta turns any invalid value into 1 day (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing/messenger-lead-ads). */
export const expirationSchema = z
  .number({ error: (iss) => expirationMessage(iss.input) })
  .int({ error: (iss) => expirationMessage(iss.input) })
  .min(LIMITS.expirationMin, { error: (iss) => expirationMessage(iss.input) })
  .max(LIMITS.expirationMax, { error: (iss) => expirationMessage(iss.input) })
  .meta({
    description: `days (1–7) the receiving app keeps thread control from the last user message; missing means 1 day, and Meta silently uses 1 day for ANY invalid value (${DOCS.leadAds})`,
  });

/** `message`: text and/or attachment, quick replies, and the routing keys of a lead ad (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing/messenger-lead-ads). */
export const templateMessageSchema = z
  .strictObject({
    text: z
      .string({ error: typeError('"text"', 'a string') })
      .min(1, { error: '"text" is empty — write the message text or remove the key' })
      .refine((v) => v.length <= LIMITS.messageText || charCount(v) <= LIMITS.messageText, {
        error: (iss) =>
          `"text" is ${charCount(String(iss.input))} characters; Meta's limit is ${LIMITS.messageText} (Send API message text, ${DOCS.sendApi}) — shorten it, or split it into several messages`,
      })
      .meta({ maxLength: LIMITS.messageText })
      .optional(),
    attachment: attachmentSchema.optional(),
    quick_replies: z
      .array(quickReplySchema, { error: typeError('"quick_replies"', 'an array') })
      .max(LIMITS.quickReplies, {
        error: (iss) =>
          `"quick_replies" has ${Array.isArray(iss.input) ? iss.input.length : 'too many'} entries; Meta allows at most ${LIMITS.quickReplies} (quick replies) — remove the extra ones`,
      })
      .optional(),
    receiving_app_id: receivingAppIdSchema.optional(),
    receiving_app_control_expiration: expirationSchema.optional(),
  })
  .refine((m) => m.text !== undefined || m.attachment !== undefined, {
    error: 'the message has neither "text" nor "attachment" — add one (Meta: "text or attachment must be set")',
    ...onObjects,
  })
  .meta({ anyOf: [{ required: ['text'] }, { required: ['attachment'] }] });

/** The whole template file: `{"message": {…}}`, optionally with an editor `$schema`. */
export const templateSchema = z
  .strictObject({
    $schema: z.string().optional().meta({ description: 'editor hint only; remove it before pasting the template into Ads Manager' }),
    message: templateMessageSchema,
  })
  .meta({
    title: 'Messenger lead-ad message template (lead-kit)',
    description:
      'Message template of a Messenger lead ad, as validated by `lead-kit template validate`. Not expressible here, so only the CLI reports them: ' +
      'a missing receiving_app_control_expiration (a note: control lasts 1 day); whether receiving_app_id is an app connected to the Page ' +
      '(needs --page-id and a token); unknown keys are rejected here but are warnings in the CLI (with the nearest valid key). ' +
      'Lengths count Unicode code points.',
  });

/** A template that passed the schema. */
export type Template = z.infer<typeof templateSchema>;
