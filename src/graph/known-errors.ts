/**
 * The Graph errors a lead-ad integration meets, each with a one-line explanation and what to do
 * (https://developers.facebook.com/docs/graph-api/guides/error-handling; https://developers.facebook.com/docs/messenger-platform/error-codes ,
 * https://developers.facebook.com/docs/graph-api/guides/error-handling).
 */
export interface KnownGraphError {
  /** stable id, e.g. `outside-window`; appears in `details.known` of the error */
  id: string;
  code?: number;
  subcode?: number;
  /** matched against the error message when code/subcode cannot identify it */
  messageIncludes?: string;
  /** what happened, in one line */
  explanation: string;
  /** the one thing to do */
  fix: string;
}

const pageOwner = 'lead-kit page owner --psid <psid>';

/** Most specific first: code+subcode, then subcode, then message, then code alone. */
export const KNOWN_GRAPH_ERRORS: readonly KnownGraphError[] = [
  {
    id: 'outside-window',
    code: 10,
    subcode: 2018278,
    explanation: 'the message was sent outside the 24-hour messaging window',
    fix: 'wait until the person writes again (that reopens the 24 h window), or send a tagged, non-promotional message (HUMAN_AGENT allows human replies for 7 days)',
  },
  {
    id: 'no-matching-user',
    code: 100,
    subcode: 2018001,
    explanation: 'no person with this PSID has a conversation with this Page',
    fix: 'check --psid: PSIDs are per Page, so use the id from a webhook of this Page, and a token of the same Page',
  },
  {
    id: 'incorrect-app-id',
    code: 100,
    subcode: 2018164,
    explanation: 'the app id in the request is not an app Meta knows for this Page',
    fix: 'pass the id of an app connected to the Page (see lead-kit page subscriptions)',
  },
  {
    id: 'not-thread-owner',
    code: 100,
    subcode: 2534037,
    explanation: 'this action needs thread control and your app is not the thread owner',
    fix: `see who owns the thread with ${pageOwner}; wait for a pass to your app or until the owner's control expires`,
  },
  {
    id: 'another-app-controls-thread',
    subcode: 2018300,
    explanation: 'another app controls this conversation, so your app may not send',
    fix: `see which app with ${pageOwner}; have it pass or release control, or enable "Take control of conversations" for your app (Page settings → Advanced messaging → Connected apps)`,
  },
  {
    id: 'lead-flow-in-progress',
    subcode: 2018321,
    explanation:
      "Messenger controls the thread while the person is in an automated Q&A flow, most likely the lead ad's questions (the Messenger Leadgen app 413038776280800 holds it)",
    fix: 'wait for the pass_thread_control webhook (metadata messenger_lead_gen_complete / _incomplete) before sending',
  },
  {
    id: 'only-receivers',
    subcode: 2018171,
    explanation: "this call is only available to the Page's primary and secondary receivers (legacy Handover Protocol roles)",
    fix: 'connect the app to the Page (Page settings → Advanced messaging → Connected apps) or use the Send API thread_control form (--via send-api)',
  },
  {
    id: 'handover-disabled',
    messageIncludes: 'Handover Protocol APIs disabled',
    explanation: 'the Page uses Conversation Routing with a default app, which turns the Handover Protocol endpoints off',
    fix: 'use the Send API form of thread control instead (lead-kit thread … --via send-api, the default)',
  },
  {
    id: 'message-required',
    messageIncludes: 'Must send either message or sender_action',
    explanation:
      'the Send API wants a message with thread_control (every Meta example sends one; whether thread_control alone is accepted is not documented)',
    fix: 'pass --text <message>, or use --via handover, which carries no message',
  },
  {
    id: 'rate-limit-app',
    code: 4,
    explanation: 'the app hit its request limit (application-level throttling)',
    fix: 'slow down and retry later; the X-App-Usage response header shows how close you are',
  },
  {
    id: 'rate-limit-user',
    code: 17,
    explanation: 'the user hit its request limit (user-level throttling)',
    fix: 'slow down and retry later',
  },
  {
    id: 'rate-limit-page',
    code: 32,
    explanation: 'the Page hit its request limit',
    fix: 'slow down and retry later; Page tokens are limited per Business Use Case (X-Business-Use-Case-Usage header)',
  },
  {
    id: 'rate-limit-custom',
    code: 613,
    explanation: 'calls exceeded a rate limit (the Send API allows about 300 calls/s per Page)',
    fix: 'slow down and retry later',
  },
  {
    id: 'rate-limit-page-account',
    code: 80001,
    explanation: 'there have been too many calls to this Page account',
    fix: 'slow down and retry later; the X-Business-Use-Case-Usage header shows when the limit resets',
  },
  {
    id: 'permission',
    code: 200,
    explanation: 'a permission is missing: until pages_messaging passes App Review only people with a role on the app can be reached',
    fix: "check the token's permissions with lead-kit page permissions, and message only people with a role on the app until the app is approved",
  },
  {
    id: 'permission-denied',
    code: 10,
    explanation: 'permission denied for this call',
    fix: "check the token's permissions with lead-kit page permissions",
  },
  {
    id: 'invalid-parameter',
    code: 100,
    explanation: 'Graph rejected a parameter: an invalid id, a missing field or an unsupported operation',
    fix: 'check --page-id, --psid and --app-id, and that the token belongs to this Page',
  },
  {
    id: 'transient',
    code: 2,
    explanation: 'Meta reports a temporary problem (also seen when the person blocked the Page)',
    fix: 'retry in a little while',
  },
  {
    id: 'transient-unknown',
    code: 1,
    explanation: 'Meta reports an unknown, possibly temporary problem',
    fix: 'retry in a little while',
  },
  {
    id: 'invalid-token',
    code: 190,
    explanation: 'the access token is invalid or expired',
    fix: 'get a new Page access token (e.g. Graph API Explorer → your app → Get Page Access Token) and pass it with --token or LEAD_KIT_PAGE_TOKEN',
  },
];

/** What each code-190 subcode says about the token (https://developers.facebook.com/docs/graph-api/guides/error-handling). */
export const TOKEN_SUBCODES: Readonly<Record<number, string>> = {
  458: 'the app is not installed for this user',
  459: 'the user is checkpointed and must log in to Facebook',
  460: 'the password changed, which invalidated the token',
  463: 'the token expired',
  464: 'the user is unconfirmed',
  467: 'the token is invalid',
  492: 'the user has no role on the Page any more',
};

/** Finds the table entry for an error, or undefined when lead-kit has nothing specific to say. */
export function findKnownError(e: { code?: number; error_subcode?: number; message?: string }): KnownGraphError | undefined {
  // 2018300 / 2018321 / 2018171 appear without a code in Meta's table, so they match either field.
  const bySubcode = KNOWN_GRAPH_ERRORS.find((k) =>
    k.subcode === undefined
      ? false
      : k.code === undefined
        ? e.error_subcode === k.subcode || e.code === k.subcode
        : e.code === k.code && e.error_subcode === k.subcode,
  );
  if (bySubcode) return bySubcode;
  const message = e.message ?? '';
  const byMessage = KNOWN_GRAPH_ERRORS.find((k) => k.messageIncludes !== undefined && message.includes(k.messageIncludes));
  if (byMessage) return byMessage;
  return KNOWN_GRAPH_ERRORS.find((k) => k.subcode === undefined && k.messageIncludes === undefined && k.code === e.code);
}
