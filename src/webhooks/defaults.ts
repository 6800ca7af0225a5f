import type { Answer } from './build.js';

/**
 * Realistic sample values used when no flag or config gives one. The ids are the ones in Meta's lead-ad
 * examples (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing/messenger-lead-ads and https://developers.facebook.com/documentation/business-messaging/messenger-platform/discovery/lead-generation-ads-in-messenger); the answers carry non-ASCII text so Meta's `\uXXXX` escaping is always exercised.
 */
export const DEFAULTS = {
  pageId: '542998526103632',
  psid: '5794982867201265',
  appId: '2262510160704936',
  appName: 'Your app',
  adId: '6302572858686',
  adTitle: 'Find Wholesalers Ad',
  postId: '559217392549680',
  photoUrl: 'https://scontent.xx.fbcdn.net/v/t45.1600-4/lead_ad_sample.jpg',
  keyword: 'support',
  answers: [
    { question: 'Are you interested in becoming a reseller?', answer: 'Yes' },
    { question: 'What city is your store located?', answer: 'Zürich' },
    { question: 'Where do you ship from?', answer: 'São Paulo' },
  ] satisfies Answer[],
} as const;

/** The text of `lead-kit webhook message` when --text is not given (non-ASCII on purpose). */
export const DEFAULT_MESSAGE_TEXT = 'Können Sie mir ein Angebot für São Paulo schicken?';

/** Default form id of generated leads (fake, 16 digits like Meta's). */
export const LEADGEN_DEFAULTS = { formId: '1048557243911820' } as const;
