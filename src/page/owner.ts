import type { ThreadOwnerResponse } from '../schemas/graph.js';
import { LEADGEN_APP_ID, PAGE_INBOX_APP_ID } from '../webhooks/ids.js';
import { localTime } from '../text/time-format.js';

/**
 * Unit of `thread_owner.expiration`. Meta's doc says UNIX-TIMESTAMP (seconds) but the unit is unconfirmed
 * (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing): `auto` reads values ≥ 10^11 as milliseconds, smaller ones as seconds.
 */
export const expirationUnits = ['auto', 's', 'ms'] as const;
export type ExpirationUnit = (typeof expirationUnits)[number];

export interface OwnerResult {
  page_id: string;
  psid: string;
  /**
   * `owned`: app_id given (you are the owner or the Page's default app); `owned-hidden`: only an expiration
   * (another app owns it); `idle`: empty answer
   */
  state: 'owned' | 'owned-hidden' | 'idle';
  app_id: string | null;
  app_name: string | null;
  /** the expiration exactly as Meta sent it */
  expiration: number | null;
  expiration_unit: 's' | 'ms' | null;
  expires_at: string | null;
  expires_local: string | null;
  expires_in_seconds: number | null;
}

/** Reads a thread_owner answer; every form of "empty" (`{}`, `{"data":[]}`, `{"data":[{}]}`) means idle. */
export function interpretOwner(
  r: ThreadOwnerResponse,
  o: { pageId: string; psid: string; unit: ExpirationUnit; now: Date; names: Readonly<Record<string, string>> },
): OwnerResult {
  const owner = r.data?.find((d) => d.thread_owner !== undefined)?.thread_owner;
  const appId = owner?.app_id ?? null;
  const raw = owner?.expiration ?? null;
  const unit = raw === null ? null : o.unit === 'auto' ? (raw >= 1e11 ? 'ms' : 's') : o.unit;
  const at = raw === null ? null : new Date(unit === 'ms' ? raw : raw * 1000);
  const state = appId !== null ? 'owned' : raw !== null ? 'owned-hidden' : 'idle';
  return {
    page_id: o.pageId,
    psid: o.psid,
    state,
    app_id: appId,
    app_name: appId === null ? null : (o.names[appId] ?? null),
    expiration: raw,
    expiration_unit: unit,
    expires_at: at === null ? null : at.toISOString(),
    expires_local: at === null ? null : localTime(at),
    expires_in_seconds: at === null ? null : Math.round((at.getTime() - o.now.getTime()) / 1000),
  };
}

/** What the owner means for a lead-ad integration, in one line (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing/messenger-lead-ads, https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing). */
export function ownerMeaning(r: OwnerResult): string {
  // https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing
  if (r.state === 'idle')
    return 'no app controls this conversation: Meta\'s answer had no thread_owner (its docs say "an empty response" without showing one, so every empty form counts); the default app answers the next message';
  if (r.state === 'owned-hidden')
    return "another app controls it: Meta names the owner only to the owner itself and to the Page's default app";
  if (r.app_id === LEADGEN_APP_ID)
    return 'the lead ad is still asking its questions; the Send API is blocked for other apps until it passes or releases control';
  if (r.app_id === PAGE_INBOX_APP_ID) return 'a person at the Page answers in the Meta Business Suite Inbox';
  return 'this app may send; the others get standby copies';
}
