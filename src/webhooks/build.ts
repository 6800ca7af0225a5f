import { appIdValue, LEADGEN_APP_ID, type AppIdType } from './ids.js';

/** One question of the lead form and the person's answer. */
export interface Answer {
  question: string;
  answer: string;
}

/** What every Messenger event has: who, which Page, when. */
export interface EventBase {
  /** Page id: `recipient.id` of the event */
  pageId: string;
  /** `entry[].id`; the Page id unless a doc example shows otherwise (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing/messenger-lead-ads uses another id) */
  entryId?: string;
  /** the person's Page-scoped id */
  psid: string;
  /** `entry[].time`, epoch milliseconds */
  time: number;
  /** `messaging[].timestamp`; the lead-ad examples use seconds for summary and referral, ms for handover */
  timestamp: number;
}

export interface Envelope {
  object: 'page';
  entry: Array<Record<string, unknown>>;
}

const party = (id: string): { id: string } => ({ id });

export interface HandoverInput extends EventBase {
  /** `pass_thread_control` (to the new owner) or `take_thread_control` (to the app that lost control) */
  action?: 'pass_thread_control' | 'take_thread_control';
  /** @default the Messenger Leadgen app */
  previousOwnerAppId?: string | null;
  newOwnerAppId: string;
  metadata?: string;
  /** add the entry-level `hop_context: [{app_id, metadata}]` array of the lead-ad handover (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing/messenger-lead-ads) */
  hopContext?: boolean;
  appIdType?: AppIdType;
}

/** A handover webhook; with `hopContext` it is the lead-ad handover of https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing/messenger-lead-ads, byte for byte in key order. */
export function buildHandover(i: HandoverInput): Envelope {
  const type = i.appIdType ?? 'number';
  const prev = i.previousOwnerAppId === undefined ? LEADGEN_APP_ID : i.previousOwnerAppId;
  const change: Record<string, unknown> = {
    previous_owner_app_id: prev === null ? null : appIdValue(prev, type),
    new_owner_app_id: appIdValue(i.newOwnerAppId, type),
  };
  if (i.metadata !== undefined) change.metadata = i.metadata;
  const entry: Record<string, unknown> = {
    id: i.entryId ?? i.pageId,
    time: i.time,
    messaging: [{ recipient: party(i.pageId), timestamp: i.timestamp, sender: party(i.psid), [i.action ?? 'pass_thread_control']: change }],
  };
  if (i.hopContext) entry.hop_context = [{ app_id: appIdValue(i.newOwnerAppId, type), metadata: i.metadata ?? '' }];
  return { object: 'page', entry: [entry] };
}

/** The lead summary text: `Lead summary:` and one `<question>: <answer>` line each, joined by `\n` (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing/messenger-lead-ads). */
export function summaryText(answers: readonly Answer[]): string {
  return ['Lead summary:', ...answers.map((a) => `${a.question}: ${a.answer}`)].join('\n');
}

export interface SummaryInput extends EventBase {
  answers: readonly Answer[];
  mid: string;
  /** `hop_context.app_id`; what it denotes is unconfirmed (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing/messenger-lead-ads) */
  hopAppId: string;
  metadata?: string;
  appIdType?: AppIdType;
}

/** The lead summary message with its event-level `hop_context` object (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing/messenger-lead-ads, "Summary Message"). */
export function buildSummary(i: SummaryInput): Envelope {
  return {
    object: 'page',
    entry: [
      {
        time: i.time,
        id: i.entryId ?? i.pageId,
        messaging: [
          {
            sender: party(i.psid),
            recipient: party(i.pageId),
            timestamp: i.timestamp,
            message: { mid: i.mid, text: summaryText(i.answers) },
            hop_context: { app_id: appIdValue(i.hopAppId, i.appIdType ?? 'number'), metadata: i.metadata ?? 'messenger_lead_gen_complete' },
          },
        ],
      },
    ],
  };
}

/** Ad context of a referral (messaging_referrals reference; https://developers.facebook.com/documentation/business-messaging/messenger-platform/discovery/lead-generation-ads-in-messenger). */
export interface AdContext {
  adId: string;
  adTitle: string;
  postId: string;
  photoUrl?: string;
}

export interface LeadReferralInput extends EventBase, AdContext {
  type: 'LEAD_COMPLETE' | 'LEAD_INCOMPLETE';
  answers: readonly Answer[];
}

/** The ads referral sent when the lead flow ends, with the answers in `lead.data` (https://developers.facebook.com/documentation/business-messaging/messenger-platform/discovery/lead-generation-ads-in-messenger). */
export function buildLeadReferral(i: LeadReferralInput): Envelope {
  const ads: Record<string, string> = { ad_title: i.adTitle, post_id: i.postId };
  if (i.photoUrl !== undefined) ads.photo_url = i.photoUrl;
  return {
    object: 'page',
    entry: [
      {
        time: i.time,
        id: i.entryId ?? i.pageId,
        messaging: [
          {
            sender: party(i.psid),
            recipient: party(i.pageId),
            timestamp: i.timestamp,
            referral: { source: 'ADS', type: i.type, ad_id: i.adId, ads_context_data: ads },
            lead: { data: i.answers.map((a) => ({ question: a.question, answer: a.answer })) },
          },
        ],
      },
    ],
  };
}

export interface MessageInput extends EventBase {
  mid: string;
  text: string;
  /** payload of the tapped quick reply, when the text came from one */
  quickReplyPayload?: string;
}

/** A person's text message (messages reference, https://developers.facebook.com/documentation/business-messaging/messenger-platform/webhooks/webhook-events/messages). */
export function buildMessage(i: MessageInput): Envelope {
  const message: Record<string, unknown> = { mid: i.mid, text: i.text };
  if (i.quickReplyPayload !== undefined) message.quick_reply = { payload: i.quickReplyPayload };
  return {
    object: 'page',
    entry: [
      {
        id: i.entryId ?? i.pageId,
        time: i.time,
        messaging: [{ sender: party(i.psid), recipient: party(i.pageId), timestamp: i.timestamp, message }],
      },
    ],
  };
}

export interface PostbackInput extends EventBase {
  mid: string;
  title: string;
  payload: string;
  /** present when the person entered a new thread from an ad or m.me link and tapped a button */
  referral?: { ref?: string; source: 'ADS' | 'SHORTLINK'; type: 'OPEN_THREAD'; adId?: string };
}

/** A button tap (messaging_postbacks reference, https://developers.facebook.com/documentation/business-messaging/messenger-platform/webhooks/webhook-events/messaging_postbacks). */
export function buildPostback(i: PostbackInput): Envelope {
  const postback: Record<string, unknown> = { mid: i.mid, title: i.title, payload: i.payload };
  if (i.referral) {
    const r: Record<string, string> = {};
    if (i.referral.ref !== undefined) r.ref = i.referral.ref;
    if (i.referral.adId !== undefined) r.ad_id = i.referral.adId;
    r.source = i.referral.source;
    r.type = i.referral.type;
    postback.referral = r;
  }
  return {
    object: 'page',
    entry: [
      {
        id: i.entryId ?? i.pageId,
        time: i.time,
        messaging: [{ sender: party(i.psid), recipient: party(i.pageId), timestamp: i.timestamp, postback }],
      },
    ],
  };
}

export interface CtmReferralInput extends EventBase, AdContext {
  ref?: string;
}

/** A click-to-Messenger ad opening an existing thread (messaging_referrals reference, https://developers.facebook.com/documentation/business-messaging/messenger-platform/webhooks/webhook-events/messaging_referrals). */
export function buildCtmReferral(i: CtmReferralInput): Envelope {
  const referral: Record<string, unknown> = {};
  if (i.ref !== undefined) referral.ref = i.ref;
  referral.ad_id = i.adId;
  referral.source = 'ADS';
  referral.type = 'OPEN_THREAD';
  const ads: Record<string, string> = { ad_title: i.adTitle };
  if (i.photoUrl !== undefined) ads.photo_url = i.photoUrl;
  ads.post_id = i.postId;
  referral.ads_context_data = ads;
  return {
    object: 'page',
    entry: [
      {
        id: i.entryId ?? i.pageId,
        time: i.time,
        messaging: [{ sender: party(i.psid), recipient: party(i.pageId), timestamp: i.timestamp, referral }],
      },
    ],
  };
}

/**
 * The copy an app that does not own the thread receives: `entry[].standby[]` instead of `messaging[]`.
 * Postbacks on the standby channel omit `payload`: only the app that sent the button gets it (standby reference).
 */
export function toStandby(envelope: Envelope): Envelope {
  return {
    object: 'page',
    entry: envelope.entry.map((e) => {
      const { messaging, hop_context: _hop, ...rest } = e as { messaging?: Array<Record<string, unknown>>; hop_context?: unknown };
      const events = (messaging ?? []).map((ev) => {
        if (ev.postback && typeof ev.postback === 'object') {
          const { payload: _payload, ...postback } = ev.postback as Record<string, unknown>;
          return { ...ev, postback };
        }
        return ev;
      });
      return { ...rest, standby: events };
    }),
  };
}
