/**
 * Names for the kinds of Messenger events a webhook body carries, as `lead-kit webhook <kind>` names them:
 * `handover` (pass/take/request_thread_control), `summary` (the lead summary message), `referral` (the ads
 * referral with `lead.data`), `ctm-referral` (any other referral), `message`, `echo`, `postback`, `standby`
 * (anything on the `entry[].standby[]` channel) and `other`.
 */
export const eventKindNames = [
  'handover',
  'summary',
  'referral',
  'ctm-referral',
  'message',
  'echo',
  'postback',
  'standby',
  'other',
] as const;
export type EventKind = (typeof eventKindNames)[number];

/** The kind of each event in a parsed webhook body, in order; empty when it is not a Messenger webhook. */
export function eventKinds(value: unknown): EventKind[] {
  const entries = (value as { entry?: unknown } | null)?.entry;
  if (!Array.isArray(entries)) return [];
  const kinds: EventKind[] = [];
  for (const entry of entries as Array<Record<string, unknown> | null>) {
    if (entry === null || typeof entry !== 'object') continue;
    if (Array.isArray(entry.messaging)) for (const ev of entry.messaging as unknown[]) kinds.push(kindOf(ev));
    if (Array.isArray(entry.standby)) for (const _ev of entry.standby as unknown[]) kinds.push('standby');
  }
  return kinds;
}

function kindOf(raw: unknown): EventKind {
  if (raw === null || typeof raw !== 'object') return 'other';
  const ev = raw as Record<string, unknown>;
  if (ev.pass_thread_control || ev.take_thread_control || ev.request_thread_control) return 'handover';
  if (ev.referral) return ev.lead ? 'referral' : 'ctm-referral';
  const msg = ev.message as { text?: unknown; is_echo?: unknown } | undefined;
  if (msg && typeof msg === 'object') {
    if (msg.is_echo) return 'echo';
    // The lead summary is a message whose text starts "Lead summary:" (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing/messenger-lead-ads, "Summary Message").
    if (typeof msg.text === 'string' && msg.text.startsWith('Lead summary:')) return 'summary';
    if ((msg as { referral?: unknown }).referral) return 'ctm-referral';
    return 'message';
  }
  if (ev.postback) return 'postback';
  return 'other';
}
