import type { Answer } from '../webhooks/build.js';
import { parseSummary } from './summary.js';

/** One message of a Conversations API history (`messages{message,created_time,from}`). */
export interface HistoryMessage {
  id?: string;
  message: string;
  created_time: string;
  from?: { id: string; name?: string };
}

/** One conversation as the Conversations API returns it (https://developers.facebook.com/docs/graph-api/reference/page/conversations). */
export interface Conversation {
  id: string;
  participants?: { data: Array<{ id: string; name?: string; email?: string }> };
  messages?: { data: HistoryMessage[] };
}

export interface Lead {
  conversation_id: string;
  psid: string;
  name?: string;
  /** where the answers came from */
  source: 'summary' | 'history';
  /** every question the Page asked got an answer */
  complete: boolean;
  /** time of the first answer (ISO) */
  created_time?: string;
  answers: Answer[];
}

/**
 * Extracts the lead of one conversation: from a lead summary text when the history holds one, otherwise by
 * pairing each question the Page asked (the Messenger Leadgen app writes as the Page) with the person's replies
 * that follow it. Returns undefined for a conversation without any question answered.
 *
 * The app under test also writes as the Page once the flow has handed the thread over, so a Page message after
 * the person's last reply is either the form's unanswered question or the app's follow-up: it marks the lead
 * incomplete only when it is one of `formQuestions` (questions answered in other conversations of the same fetch).
 */
export function extractLead(c: Conversation, pageId: string, formQuestions: ReadonlySet<string> = new Set()): Lead | undefined {
  const person = c.participants?.data.find((p) => p.id !== pageId);
  // The Conversations API lists messages newest first, with whole seconds: reverse first so that messages of the
  // same second keep their order through the (stable) sort, then read oldest first.
  const messages = [...(c.messages?.data ?? [])].reverse().sort((a, b) => Date.parse(a.created_time) - Date.parse(b.created_time));
  const fromPage = (m: HistoryMessage): boolean =>
    m.from !== undefined && (m.from.id === pageId || (person !== undefined && m.from.id !== person.id));
  const questions = messages.filter(fromPage).map((m) => m.message);
  const base = { conversation_id: c.id, psid: person?.id ?? '', ...(person?.name !== undefined ? { name: person.name } : {}) };

  for (const m of messages) {
    const answers = parseSummary(m.message, questions);
    if (answers && answers.length > 0) return { ...base, source: 'summary', complete: true, created_time: m.created_time, answers };
  }

  const answers: Answer[] = [];
  let open: { question: string; replies: string[]; at?: string } | undefined;
  // Page messages nobody replied to; `trailing` once no reply of the person follows them at all.
  const unanswered: Array<{ question: string; trailing: boolean }> = [];
  const close = (): void => {
    if (!open) return;
    if (open.replies.length > 0) answers.push({ question: open.question, answer: open.replies.join('\n') });
    else unanswered.push({ question: open.question, trailing: true });
    open = undefined;
  };
  let first: string | undefined;
  for (const m of messages) {
    if (m.from === undefined) continue;
    if (fromPage(m)) {
      close();
      open = { question: m.message, replies: [] };
    } else if (open) {
      for (const u of unanswered) u.trailing = false;
      open.replies.push(m.message);
      first ??= m.created_time;
    }
  }
  close();
  if (answers.length === 0) return undefined;
  const complete = unanswered.every((u) => u.trailing && !formQuestions.has(u.question));
  return { ...base, source: 'history', complete, ...(first !== undefined ? { created_time: first } : {}), answers };
}

/** Every conversation's lead; a question answered in one conversation is known to belong to the form in all. */
export function extractLeads(conversations: readonly Conversation[], pageId: string): Lead[] {
  const first = conversations.map((c) => extractLead(c, pageId));
  const asked = new Set(first.flatMap((l) => (l?.source === 'history' ? l.answers.map((a) => a.question) : [])));
  return conversations.map((c) => extractLead(c, pageId, asked)).filter((l): l is Lead => l !== undefined);
}

/** The union of all questions, in the order they were first seen: the CSV columns. */
export function questionColumns(leads: readonly Lead[]): string[] {
  const seen = new Set<string>();
  for (const l of leads) for (const a of l.answers) seen.add(a.question);
  return [...seen];
}
