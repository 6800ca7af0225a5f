/**
 * Meta's documented limits for the parts of a message template lead-kit validates. Every number carries the
 * page it comes from; "characters" are counted as Unicode code points (what JSON Schema's maxLength counts),
 * since Meta does not say how it counts them.
 */
export const DOCS = {
  leadAds: 'https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing/messenger-lead-ads',
  buttonTemplate: 'https://developers.facebook.com/documentation/business-messaging/messenger-platform/send-messages/template/button',
  genericTemplate: 'https://developers.facebook.com/documentation/business-messaging/messenger-platform/send-messages/template/generic',
  mediaTemplate: 'https://developers.facebook.com/documentation/business-messaging/messenger-platform/send-messages/template/media',
  buttons: 'https://developers.facebook.com/documentation/business-messaging/messenger-platform/send-messages/buttons',
  urlButton: 'https://developers.facebook.com/documentation/business-messaging/messenger-platform/send-messages/buttons/url',
  postbackButton: 'https://developers.facebook.com/documentation/business-messaging/messenger-platform/send-messages/buttons/postback',
  callButton: 'https://developers.facebook.com/documentation/business-messaging/messenger-platform/send-messages/buttons/call',
  quickReplies: 'https://developers.facebook.com/documentation/business-messaging/messenger-platform/send-messages/quick-replies',
  subscribedApps: 'https://developers.facebook.com/documentation/business-messaging/messenger-platform/webhooks',
  sendApi: 'https://developers.facebook.com/docs/messenger-platform/reference/send-api/',
} as const;

/** The limits themselves; each line quotes the doc it comes from. */
export const LIMITS = {
  // message.text: "Must be UTF-8 and has a 2000 character limit." — DOCS.sendApi
  messageText: 2000,
  // "UTF-8-encoded text of up to 640 characters" — DOCS.buttonTemplate
  buttonTemplateText: 640,
  // "Set of 1-3 buttons" — DOCS.buttonTemplate
  buttonTemplateButtonsMin: 1,
  buttonTemplateButtonsMax: 3,
  // "Button title. 20 character limit." — DOCS.urlButton, DOCS.postbackButton, DOCS.callButton
  buttonTitle: 20,
  // "Messenger sends this data to your webhook. 1000 character limit." — DOCS.postbackButton
  postbackPayload: 1000,
  // "Maximum of 10 elements." — DOCS.genericTemplate
  genericElements: 10,
  // "The title to display in the template. 80 character limit." — DOCS.genericTemplate
  genericTitle: 80,
  // "The subtitle to display in the template. 80 character limit." — DOCS.genericTemplate
  genericSubtitle: 80,
  // "Maximum of 3 buttons per element." — DOCS.genericTemplate
  genericButtons: 3,
  // "An array containing 1 element object … Maximum of 1 element." — DOCS.mediaTemplate
  mediaElements: 1,
  // "Maximum of 3 buttons." (element buttons) — DOCS.mediaTemplate
  mediaButtons: 3,
  // "A maximum of 13 quick replies are supported." — DOCS.quickReplies
  quickReplies: 13,
  // "The text to display on the quick reply button. 20 character limit." — DOCS.quickReplies
  quickReplyTitle: 20,
  // "Custom data sent back to you … 1000 character limit." — DOCS.quickReplies
  quickReplyPayload: 1000,
  // "extend thread control for up to 7 days by setting receiving_app_control_expiration from 1 to 7" — DOCS.leadAds
  expirationMin: 1,
  expirationMax: 7,
} as const;

/** Counts characters as Unicode code points, so an emoji counts once (JSON Schema's maxLength does the same). */
export function charCount(s: string): number {
  // as many as `for (const _ of s)` counts (a lone surrogate counts once), without an iterator step per character
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}
