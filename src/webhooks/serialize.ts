/**
 * How a webhook body is written on the wire.
 * - `meta` (default): Meta's form. Non-ASCII as lowercase `\uXXXX` (UTF-16 units, so emoji become a
 *   surrogate pair) and `/` as `\/`. Meta signs this escaped form: hashing decoded characters gives a
 *   different signature (https://developers.facebook.com/documentation/business-messaging/messenger-platform/webhooks; the `\/` evidence is the `messages` reference's fallback
 *   example "https:\/\/youtu.be\/…").
 * - `meta-html`: `meta`, and also `<` `>` `&` `%` `@` as `\u003c` `\u003e` `\u0026` `\u0025` `\u0040`.
 *   Some receivers report seeing these; Meta does not document them (https://developers.facebook.com/documentation/business-messaging/messenger-platform/webhooks).
 * - `utf8`: plain `JSON.stringify` output, for comparing what a receiver does with unescaped bytes.
 */
export type BodyEncoding = 'meta' | 'meta-html' | 'utf8';

export const bodyEncodings: readonly BodyEncoding[] = ['meta', 'meta-html', 'utf8'];

const hex4 = (c: string): string => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');

/** Serializes `value` once, in the given encoding. JSON's structural characters are ASCII, so the
 * replacements below only ever touch string contents. */
export function serializeJson(value: unknown, encoding: BodyEncoding = 'meta'): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError('value is not JSON-serializable');
  if (encoding === 'utf8') return json;
  let out = json.replace(/[\u0080-\uffff]/g, hex4).replace(/\//g, '\\/');
  if (encoding === 'meta-html') out = out.replace(/[<>&%@]/g, hex4);
  return out;
}

/** The exact bytes to sign and send. */
export function serializeBody(value: unknown, encoding: BodyEncoding = 'meta'): Buffer {
  return Buffer.from(serializeJson(value, encoding), 'utf8');
}
