import { z } from 'zod';
import { DOCS, LIMITS, charCount } from './template-limits.js';
import { describeValue, typeError } from './messages.js';

export { describeValue, typeError };

/**
 * Building blocks of the message-template schema (src/schemas/template.ts): texts with Meta's length limits,
 * URLs and the button types. Every error message says what is wrong and how to fix it, because
 * `lead-kit template validate` prints them as they are.
 */

/** Runs an object-level rule even when a sibling key has a problem, but only on objects. */
export const onObjects = { when: (p: { value: unknown }) => typeof p.value === 'object' && p.value !== null && !Array.isArray(p.value) };

/**
 * A string of at most `max` characters (code points). `min` 1 makes it non-empty.
 * The limit is written into the JSON Schema as maxLength, which also counts code points.
 */
export function limitedText(what: string, max: number, opts: { min?: number; example?: string; doc: string }) {
  let s = z.string({ error: typeError(what, 'a string', opts.example) });
  if (opts.min !== undefined) s = s.min(opts.min, { error: `${what} is empty — write the text to show` });
  return s
    .refine((v) => charCount(v) <= max, {
      error: (iss) => `${what} is ${charCount(String(iss.input))} characters; Meta's limit is ${max} (${opts.doc}) — shorten it`,
    })
    .meta({ maxLength: max });
}

const HTTP_URL = /^https?:\/\/[^\s/?#]+(?:[/?#]\S*)?$/;

/** An absolute http(s) URL, as Meta's URL button and image_url expect. */
export function httpUrl(what: string) {
  return z
    .string({ error: typeError(what, 'an http(s) URL', '"https://example.com/offer"') })
    .regex(HTTP_URL, {
      error: (iss) =>
        `${what} is ${describeValue(iss.input)}, not an absolute http(s) URL — write it in full, e.g. "https://example.com/offer"`,
    })
    .meta({ description: 'absolute http:// or https:// URL' });
}

const title = limitedText('button "title"', LIMITS.buttonTitle, { min: 1, example: '"Tell me more"', doc: 'button title' });

// Optional webview settings of a URL button — DOCS.urlButton
const webviewKeys = {
  webview_height_ratio: z
    .enum(['compact', 'tall', 'full'], {
      error: (iss) => `"webview_height_ratio" must be "compact", "tall" or "full", not ${describeValue(iss.input)}`,
    })
    .optional(),
  messenger_extensions: z.boolean({ error: typeError('"messenger_extensions"', 'true or false') }).optional(),
  fallback_url: httpUrl('"fallback_url"').optional(),
  webview_share_button: z
    .literal('hide', { error: '"webview_share_button" can only be "hide" — remove it to show the share button' })
    .optional(),
};

/** URL button: opens `url` in the Messenger webview. https://developers.facebook.com/documentation/business-messaging/messenger-platform/send-messages/buttons/url */
export const urlButtonSchema = z
  .strictObject({ type: z.literal('web_url'), title, url: httpUrl('"url"'), ...webviewKeys })
  .meta({ description: `URL button (${DOCS.urlButton})` });

/** Postback button: sends `payload` to the app's webhook. https://developers.facebook.com/documentation/business-messaging/messenger-platform/send-messages/buttons/postback */
export const postbackButtonSchema = z
  .strictObject({
    type: z.literal('postback'),
    title,
    payload: limitedText('postback "payload"', LIMITS.postbackPayload, { min: 1, example: '"TELL_ME_MORE"', doc: 'postback payload' }),
  })
  .meta({ description: `postback button (${DOCS.postbackButton})` });

/** Call button: dials `payload`, a "+"-prefixed phone number. https://developers.facebook.com/documentation/business-messaging/messenger-platform/send-messages/buttons/call */
export const callButtonSchema = z
  .strictObject({
    type: z.literal('phone_number'),
    title,
    payload: z.string({ error: typeError('call button "payload"', 'a phone number string', '"+16505551234"') }).regex(/^\+\d{6,15}$/, {
      error: (iss) =>
        `call button "payload" is ${describeValue(iss.input)}, not "+" followed by country code, area code and number — e.g. "+16505551234"`,
    }),
  })
  .meta({ description: `call button (${DOCS.callButton})` });

/** Button types Meta documents that lead-kit does not check in detail. https://developers.facebook.com/documentation/business-messaging/messenger-platform/send-messages/buttons */
export const otherButtonSchema = z
  .looseObject({ type: z.enum(['account_link', 'account_unlink', 'game_play']) })
  .meta({ description: `other documented button types, not checked further (${DOCS.buttons})` });

/** Any button, by `type`. */
export const buttonSchema = z.discriminatedUnion('type', [urlButtonSchema, postbackButtonSchema, callButtonSchema, otherButtonSchema]);

/** A list of buttons with a documented maximum. */
export function buttonList(where: string, min: number, max: number, doc: string) {
  return z
    .array(buttonSchema, { error: typeError(`"buttons" of ${where}`, 'an array of buttons') })
    .min(min, { error: `"buttons" of ${where} is empty — add at least ${min} button (${doc})` })
    .max(max, {
      error: (iss) => {
        const n = Array.isArray(iss.input) ? iss.input.length : max + 1;
        return `${where} has ${n} buttons; Meta allows at most ${max} (${doc}) — remove ${n - max}`;
      },
    });
}
