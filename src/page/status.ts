import type { FeatureStatusResponse } from '../schemas/graph.js';

/**
 * Which `messaging_feature_status` flag lead-kit reads as "Conversation Routing is on for Messenger". Meta does not
 * document the flags (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing). The default, `msgr_multi_app`, follows Meta's own Conversation
 * Routing sample (hop_v2 false, msgr_multi_app true) and the flag's Instagram twin `ig_multi_app`; `hop_v2` is the
 * other third-party reading; `either` accepts both; `ignore` skips the check.
 */
export const crFlags = ['msgr_multi_app', 'hop_v2', 'either', 'ignore'] as const;
export type CrFlag = (typeof crFlags)[number];

export interface StatusResult {
  page_id: string;
  flags: { hop_v2: boolean | null; msgr_multi_app: boolean | null; ig_multi_app: boolean | null };
  cr_flag: CrFlag;
  /** Conversation Routing as lead-kit reads the flags; null when --cr-flag ignore or the flags are absent */
  conversation_routing: boolean | null;
  /** what this suggests for thread-control calls, one line each */
  implications: string[];
  /** always true: the meaning of these flags is not documented by Meta */
  unconfirmed: true;
}

/** Reads the flags under the chosen interpretation. */
export function interpretStatus(r: FeatureStatusResponse, pageId: string, crFlag: CrFlag): StatusResult {
  const s = r.messaging_feature_status;
  const flags = { hop_v2: s?.hop_v2 ?? null, msgr_multi_app: s?.msgr_multi_app ?? null, ig_multi_app: s?.ig_multi_app ?? null };
  let cr: boolean | null = null;
  if (crFlag === 'msgr_multi_app') cr = flags.msgr_multi_app;
  else if (crFlag === 'hop_v2') cr = flags.hop_v2;
  else if (crFlag === 'either' && (flags.hop_v2 !== null || flags.msgr_multi_app !== null))
    cr = flags.hop_v2 === true || flags.msgr_multi_app === true;
  const implications: string[] = [];
  if (s === undefined) {
    implications.push('Graph returned no messaging_feature_status: the token may lack pages_messaging, or the id is not a Page.');
  } else if (cr === true) {
    implications.push(
      'Conversation Routing looks on: use the Send API thread_control form (lead-kit thread pass|release, --via send-api is the default).',
    );
    implications.push(
      'The Handover Protocol endpoints may answer "Handover Protocol APIs disabled for this page" when the Page has a default app (older Conversation Routing page); take/request/extend may be refused.',
    );
  } else if (cr === false) {
    implications.push(
      `${crFlag === 'either' ? 'Neither flag' : crFlag} is false: by lead-kit's reading Conversation Routing is off, which Messenger lead ads require ("CR enabled").`,
    );
    implications.push(
      'Without a default app ("default behaviour") take_thread_control is blocked; pass still works. Set a default app under Page settings → Messenger conversation routing.',
    );
  }
  if (flags.ig_multi_app !== null)
    implications.push(`ig_multi_app=${String(flags.ig_multi_app)} concerns Instagram Direct, not Messenger.`);
  implications.push(
    `Meta does not document what hop_v2, msgr_multi_app and ig_multi_app mean; lead-kit reads ${crFlag === 'ignore' ? 'none of them' : crFlag === 'either' ? 'hop_v2 or msgr_multi_app' : crFlag} as "Conversation Routing on" (change with --cr-flag).`,
  );
  return { page_id: r.id ?? pageId, flags, cr_flag: crFlag, conversation_routing: cr, implications, unconfirmed: true };
}
