import type { ChalkInstance } from 'chalk';
import { UsageError } from '../errors.js';
import { parseSetValue, PointerError, setExisting } from '../json/pointer.js';
import { webhookEnvelopeSchema } from '../schemas/webhook.js';
import {
  buildCtmReferral,
  buildHandover,
  buildLeadReferral,
  buildMessage,
  buildPostback,
  buildSummary,
  toStandby,
  type Envelope,
} from '../webhooks/build.js';
import type { FlowInput, WebhookKind } from '../webhooks/flow.js';
import { messageId } from '../webhooks/ids.js';

export const webhookKinds: readonly WebhookKind[] = ['handover', 'summary', 'referral', 'message', 'postback', 'standby', 'ctm-referral'];

export interface WebhookExtras {
  outcome: 'complete' | 'incomplete';
  text: string;
  quickReply?: string;
  title: string;
  payload: string;
  ref?: string;
  /** the event a standby copy carries */
  of: 'message' | 'postback';
  /** `/json/pointer=value` overrides, applied last */
  set: readonly string[];
}

export const DEFAULT_MESSAGE_TEXT = 'Können Sie mir ein Angebot für São Paulo schicken?';

/** Builds one payload of `kind` from the lead input, then applies `--set` overrides. */
export function buildWebhook(kind: WebhookKind, lead: FlowInput, x: WebhookExtras): Envelope {
  const ms = lead.startMs;
  const s = Math.floor(ms / 1000);
  const docSeconds = lead.timestamps === 'ms' ? ms : s;
  const base = { pageId: lead.pageId, psid: lead.psid, time: ms, appIdType: lead.appIdType };
  const ad = { adId: lead.adId, adTitle: lead.adTitle, postId: lead.postId, photoUrl: lead.photoUrl };
  const metadata = x.outcome === 'complete' ? 'messenger_lead_gen_complete' : 'messenger_lead_gen_incomplete';
  const message = (): Envelope =>
    buildMessage({ ...base, timestamp: ms, mid: messageId(lead.psid, ms, 'message', x.text), text: x.text, ...(x.quickReply !== undefined ? { quickReplyPayload: x.quickReply } : {}) });
  const postback = (): Envelope =>
    buildPostback({ ...base, timestamp: ms, mid: messageId(lead.psid, ms, 'postback'), title: x.title, payload: x.payload, referral: { ...(x.ref !== undefined ? { ref: x.ref } : {}), source: 'ADS', type: 'OPEN_THREAD', adId: lead.adId } });
  let body: Envelope;
  switch (kind) {
    case 'handover':
      body = buildHandover({ ...base, timestamp: ms, newOwnerAppId: lead.app.id, metadata, hopContext: true });
      break;
    case 'summary':
      body = buildSummary({ ...base, timestamp: docSeconds, answers: lead.answers, mid: messageId(lead.psid, ms, 'summary'), hopAppId: lead.app.id, metadata });
      break;
    case 'referral':
      body = buildLeadReferral({ ...base, ...ad, timestamp: docSeconds, type: x.outcome === 'complete' ? 'LEAD_COMPLETE' : 'LEAD_INCOMPLETE', answers: lead.answers });
      break;
    case 'message':
      body = message();
      break;
    case 'postback':
      body = postback();
      break;
    case 'standby':
      body = toStandby(x.of === 'postback' ? postback() : message());
      break;
    case 'ctm-referral':
      body = buildCtmReferral({ ...base, ...ad, timestamp: ms, ...(x.ref !== undefined ? { ref: x.ref } : {}) });
      break;
  }
  applySets(body, x.set);
  return body;
}

/** Applies `--set /pointer=value`; a pointer that does not exist names the nearest valid ones. */
export function applySets(body: unknown, sets: readonly string[]): void {
  for (const raw of sets) {
    const eq = raw.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set "${raw}" is not "/json/pointer=value"`, { hint: 'e.g. --set /entry/0/messaging/0/referral/ad_id=123' });
    const pointer = raw.slice(0, eq);
    try {
      setExisting(body, pointer, parseSetValue(raw.slice(eq + 1)));
    } catch (err) {
      if (err instanceof PointerError) {
        throw new UsageError(`--set ${err.message}`, { hint: err.suggestions.length ? `did you mean ${err.suggestions.join(', ')}?` : 'list the paths with lead-kit webhook <kind> --json' });
      }
      throw err;
    }
  }
}

/** Problems of a payload against the webhook envelope schema, as `path: message` lines. */
export function envelopeProblems(body: unknown): string[] {
  const r = webhookEnvelopeSchema.safeParse(body);
  return r.success ? [] : r.error.issues.map((i) => `/${i.path.join('/')}: ${i.message}`);
}

export interface SendReport {
  kind: WebhookKind;
  url: string;
  status: number | null;
  ms: number;
  ok: boolean;
  reason?: string;
  response: string;
  /** with --retries meta: every attempt, the same bytes each time */
  attempts?: Array<{ attempt: number; waited_ms: number; status: number | null; ms: number; ok: boolean; reason?: string }>;
  /** with --batch: each event of the body, where it sits */
  events?: string[];
  /** what Meta would conclude when the delivery still failed */
  verdict?: string;
}

export function renderSend(r: SendReport, c: ChalkInstance): string {
  const mark = r.ok ? c.green('✓') : c.red('✗');
  const status = r.status === null ? 'no answer' : String(r.status);
  const line = `${mark} ${r.kind} → ${r.url}  ${status} ${c.dim(`${r.ms} ms`)}${r.ok ? '' : c.red(`  ${r.reason ?? ''}`)}${r.response ? c.dim(`  "${r.response.slice(0, 80)}"`) : ''}`;
  const events = (r.events ?? []).map((e) => `   ${c.dim('·')} ${e}`);
  return [line, ...events, ...(r.verdict ? [c.red(`Meta's verdict: ${r.verdict}`)] : [])].join('\n');
}
