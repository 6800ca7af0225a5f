import { hash } from 'node:crypto';

/** The Messenger Leadgen app, which owns the thread while a lead ad asks its questions (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing/messenger-lead-ads). */
export const LEADGEN_APP_ID = '413038776280800';
/** The Page Inbox app (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing). */
export const PAGE_INBOX_APP_ID = '263902037430900';
/** The Instagram Inbox app (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing). */
export const IG_INBOX_APP_ID = '1217981644879628';

/** Names for the app ids Meta documents. */
export const KNOWN_APPS: Readonly<Record<string, string>> = {
  [LEADGEN_APP_ID]: 'Messenger Leadgen app',
  [PAGE_INBOX_APP_ID]: 'Page Inbox',
  [IG_INBOX_APP_ID]: 'Instagram Inbox',
};

/**
 * How app ids are written in payloads. Meta's lead-ad examples use bare numbers
 * (`"previous_owner_app_id": 413038776280800`); the messaging_handovers reference types them as strings.
 * Which one real traffic uses is unconfirmed (https://developers.facebook.com/documentation/business-messaging/messenger-platform/webhooks/webhook-events/messaging_handovers), so it is an option.
 */
export type AppIdType = 'number' | 'string';

export function appIdValue(id: string, type: AppIdType): string | number {
  if (type === 'string') return id;
  const n = Number(id);
  // Beyond 2^53 a number would silently change the id; keep it a string rather than corrupt it.
  return Number.isSafeInteger(n) && String(n) === id ? n : id;
}

/** A message id shaped like Meta's (`m_` + 86 URL-safe characters), derived from its inputs so runs repeat. */
export function messageId(...parts: Array<string | number>): string {
  // One-shot crypto.hash (Node >= 20.12): the same digest as createHash().update().digest(), without the Hash object.
  // Joined by hand: Array#join costs more than the digest's input is long (a message id is made per Send API call).
  let input = String(parts[0] ?? '');
  for (let i = 1; i < parts.length; i++) input += '\u0000' + parts[i];
  const digest = hash('sha512', input, 'base64url');
  return 'm_' + digest.slice(0, 86);
}
