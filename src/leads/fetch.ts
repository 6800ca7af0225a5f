import type { GraphClient } from '../graph/client.js';
import { conversationsPageSchema, messagesPageSchema } from '../schemas/conversations.js';
import type { Conversation } from './history.js';
import { sleep } from '../net/sleep.js';

/** Meta allows 2 calls per second per Page to the conversations endpoint (https://developers.facebook.com/docs/graph-api/reference/page/conversations). */
export const CONVERSATIONS_RATE = 2;

export interface FetchOptions {
  /** only the conversation with this person (`user_id=<psid>`) */
  psid?: string;
  /** calls per second @default 2 */
  ratePerSecond?: number;
  /** stop after this many conversations */
  limit?: number;
  signal?: AbortSignal;
  /** called once per Graph call, for progress */
  onCall?: (path: string) => void;
}

const FIELDS = 'participants,messages{message,created_time,from}';

/** A paced caller: consecutive calls are at least 1/rate seconds apart. */
export function pacer(ratePerSecond: number, signal?: AbortSignal): () => Promise<void> {
  const gap = 1000 / ratePerSecond;
  let last = -Infinity;
  return async () => {
    const wait = last + gap - performance.now();
    if (wait > 0) await sleep(wait, signal);
    last = performance.now();
  };
}

/**
 * Reads every Messenger conversation of a Page with its message history, following the `after` cursors of
 * both the conversation list and each conversation's messages. `from` is requested besides Meta's recommended
 * `participants,messages{message,created_time}` so questions (sent as the Page) and answers can be told apart.
 */
export async function fetchConversations(client: GraphClient, pageId: string, opts: FetchOptions = {}): Promise<Conversation[]> {
  const pace = pacer(opts.ratePerSecond ?? CONVERSATIONS_RATE, opts.signal);
  const out: Conversation[] = [];
  let after: string | undefined;
  do {
    await pace();
    if (opts.signal?.aborted) break;
    const path = `${pageId}/conversations`;
    opts.onCall?.(path);
    const page = await client.get(
      path,
      { platform: 'messenger', fields: FIELDS, user_id: opts.psid, after },
      { schema: conversationsPageSchema },
    );
    for (const c of page.data) {
      const messages = [...(c.messages?.data ?? [])];
      let msgAfter = c.messages?.paging?.next ? c.messages.paging.cursors?.after : undefined;
      while (msgAfter !== undefined && !opts.signal?.aborted) {
        await pace();
        opts.onCall?.(`${c.id}/messages`);
        const more = await client.get(
          `${c.id}/messages`,
          { fields: 'message,created_time,from', after: msgAfter },
          { schema: messagesPageSchema },
        );
        messages.push(...more.data);
        msgAfter = more.paging?.next ? more.paging.cursors?.after : undefined;
      }
      out.push({ id: c.id, ...(c.participants ? { participants: c.participants } : {}), messages: { data: messages } });
      if (opts.limit !== undefined && out.length >= opts.limit) return out;
    }
    after = page.paging?.next ? page.paging.cursors?.after : undefined;
  } while (after !== undefined);
  return out;
}
