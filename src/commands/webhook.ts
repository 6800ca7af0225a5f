import type { ChalkInstance } from 'chalk';
import { AuthError, ConnectError, UsageError } from '../errors.js';
import type { Deps } from '../io/deps.js';
import type { Outcome } from '../io/outcome.js';
import { warn } from '../io/output.js';
import { PointerError, setExisting } from '../json/pointer.js';
import { webhookHeaders } from '../webhooks/deliver.js';
import { describeEvents } from '../webhooks/describe.js';
import { deliverWithRetries, metaVerdict } from '../webhooks/retry.js';
import type { DeliverySemantics } from '../webhooks/retry-policy.js';
import { attemptSummary, renderAttemptLine, type AttemptSummary } from './webhook-batch.js';
import { packEvents, type BatchShape } from '../webhooks/batch.js';
import { serializeBody } from '../webhooks/serialize.js';
import { resolveLeadInput, type DeliveryOptions, type LeadOptions } from './shared/lead.js';
import { buildLeadgenWebhook, leadgenProblems, type LeadgenKind, type LeadgenWebhookOptions } from './webhook-leadgen.js';
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

/** One `--set /json/pointer=value` override. */
export interface SetOverride {
  pointer: string;
  value: unknown;
}

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
  set: readonly SetOverride[];
}

/** `lead-kit webhook <kind>`, fully resolved by the wiring. */
export interface WebhookOptions extends DeliveryOptions, WebhookExtras {
  kind: WebhookKind | LeadgenKind;
  /** the Instant Form kinds' options (leadgen, leadgen-update) */
  leadgen?: LeadgenWebhookOptions;
  lead: LeadOptions;
  /** print the exact bytes that would be signed and sent */
  raw: boolean;
  /** deliver the payload signed to this URL instead of printing it */
  endpoint: string | undefined;
  /** --batch (Messenger kinds; leadgen packs its changes itself) and --retries */
  delivery: DeliverySemantics;
  json: boolean;
}

/** `lead-kit webhook <kind>`: print one payload, or deliver it signed with --endpoint. */
export async function runWebhook(o: WebhookOptions, deps: Deps): Promise<Outcome> {
  const lead = await resolveLeadInput(o.lead, deps.cwd, deps.now().getTime());
  // Instant Form kinds (the Page `leadgen` field) have their own builder and schema: src/commands/webhook-leadgen.ts.
  const leadgen = o.kind === 'leadgen' || o.kind === 'leadgen-update' ? o.kind : undefined;
  const body =
    leadgen !== undefined && o.leadgen !== undefined
      ? buildLeadgenWebhook(leadgen, lead, o.leadgen)
      : messengerBody(o.kind as WebhookKind, lead, o);
  if (leadgen !== undefined) applySets(body, o.set);
  // Overrides may build a payload Meta would never send, on purpose; say so instead of refusing.
  for (const p of leadgen !== undefined ? leadgenProblems(body) : envelopeProblems(body))
    warn(deps.io, `the payload no longer matches Meta's webhook shape: ${p}`);
  const bytes = serializeBody(body, o.bodyEncoding);
  if (o.endpoint === undefined) {
    deps.io.out.write(o.raw ? bytes.toString('utf8') + '\n' : JSON.stringify(body, null, 2) + '\n');
    return 'ok';
  }
  const url = o.endpoint;
  if (o.appSecret === undefined)
    throw new AuthError('an app secret is needed to sign the delivery', { hint: 'pass --app-secret or set LEAD_KIT_APP_SECRET' });
  const headers = webhookHeaders(bytes, o.appSecret, { legacySignature: o.legacySignature, apiVersion: o.apiVersion });
  const { retries } = o.delivery;
  const attempts = await deliverWithRetries(
    { url, body: bytes, headers, timeoutMs: o.timeoutMs, dispatcher: deps.dispatcher, signal: deps.signal },
    retries,
    (a) => {
      // With retries, each attempt is reported as it ends (stderr in --json mode, so stdout stays one document).
      if (retries.count > 0 && a.outcome.failure !== 'aborted')
        (o.json ? deps.io.err : deps.io.out).write(renderAttemptLine(a, deps.io.color) + '\n');
    },
  );
  const d = attempts[attempts.length - 1]!.outcome;
  if (d.failure === 'connect')
    throw new ConnectError(`cannot reach ${url} (${d.reason ?? ''})`, {
      hint: 'start your app first, or check the host and port in --endpoint',
    });
  if (d.failure === 'aborted' || deps.signal.aborted) return 'interrupted';
  const report: SendReport = {
    kind: o.kind,
    url,
    status: d.status,
    ms: d.ms,
    ok: d.ok,
    response: d.bodySnippet,
    ...(d.reason !== undefined ? { reason: d.reason } : {}),
  };
  if (retries.count > 0) report.attempts = attempts.map(attemptSummary);
  if (o.delivery.batch !== undefined && leadgen === undefined) report.events = describeEvents(bytes);
  const verdict = metaVerdict([d]);
  if (verdict) report.verdict = verdict.summary;
  deps.io.out.write(o.json ? JSON.stringify(report, null, 2) + '\n' : renderSend(report, deps.io.color) + '\n');
  return d.ok ? 'ok' : d.failure === 'timeout' ? 'connect' : 'checkFailed';
}

/** One Messenger event, or with --batch n, n of them packed into one body (webhooks/batch.ts). */
function messengerBody(kind: WebhookKind, lead: FlowInput, o: WebhookOptions): Envelope {
  return o.delivery.batch === undefined ? buildWebhook(kind, lead, o) : batchOf(kind, lead, o, o.delivery.batch);
}

/** Builds one payload of `kind` from the lead input, then applies `--set` overrides. */
export function buildWebhook(kind: WebhookKind, lead: FlowInput, x: WebhookExtras): Envelope {
  const ms = lead.startMs;
  const s = Math.floor(ms / 1000);
  const docSeconds = lead.timestamps === 'ms' ? ms : s;
  const base = { pageId: lead.pageId, psid: lead.psid, time: ms, appIdType: lead.appIdType };
  const ad = { adId: lead.adId, adTitle: lead.adTitle, postId: lead.postId, photoUrl: lead.photoUrl };
  const metadata = x.outcome === 'complete' ? 'messenger_lead_gen_complete' : 'messenger_lead_gen_incomplete';
  const message = (): Envelope =>
    buildMessage({
      ...base,
      timestamp: ms,
      mid: messageId(lead.psid, ms, 'message', x.text),
      text: x.text,
      ...(x.quickReply !== undefined ? { quickReplyPayload: x.quickReply } : {}),
    });
  const postback = (): Envelope =>
    buildPostback({
      ...base,
      timestamp: ms,
      mid: messageId(lead.psid, ms, 'postback'),
      title: x.title,
      payload: x.payload,
      referral: { ...(x.ref !== undefined ? { ref: x.ref } : {}), source: 'ADS', type: 'OPEN_THREAD', adId: lead.adId },
    });
  let body: Envelope;
  switch (kind) {
    case 'handover':
      body = buildHandover({ ...base, timestamp: ms, newOwnerAppId: lead.app.id, metadata, hopContext: true });
      break;
    case 'summary':
      body = buildSummary({
        ...base,
        timestamp: docSeconds,
        answers: lead.answers,
        mid: messageId(lead.psid, ms, 'summary'),
        hopAppId: lead.app.id,
        metadata,
      });
      break;
    case 'referral':
      body = buildLeadReferral({
        ...base,
        ...ad,
        timestamp: docSeconds,
        type: x.outcome === 'complete' ? 'LEAD_COMPLETE' : 'LEAD_INCOMPLETE',
        answers: lead.answers,
      });
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
export function applySets(body: unknown, sets: readonly SetOverride[]): void {
  for (const { pointer, value } of sets) {
    try {
      setExisting(body, pointer, value);
    } catch (err) {
      if (err instanceof PointerError) {
        throw new UsageError(`--set ${err.message}`, {
          hint: err.suggestions.length
            ? `did you mean ${err.suggestions.join(', ')}?`
            : 'list the paths with lead-kit webhook <kind> --json',
        });
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
  kind: WebhookKind | LeadgenKind;
  url: string;
  status: number | null;
  ms: number;
  ok: boolean;
  reason?: string;
  response: string;
  /** with --retries meta: every attempt, the same bytes each time */
  attempts?: AttemptSummary[];
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

/**
 * `webhook <kind> --batch n`: n events of `kind`, each one second after the previous (so ids and timestamps
 * differ), packed into one body as Meta may batch them. `--set` pointers address the packed body.
 */
export function batchOf(kind: WebhookKind, lead: FlowInput, x: WebhookExtras, batch: { size: number; shape: BatchShape }): Envelope {
  const one = { ...x, set: [] };
  const bodies = Array.from({ length: batch.size }, (_, i) => buildWebhook(kind, { ...lead, startMs: lead.startMs + i * 1000 }, one));
  const packed = packEvents(bodies, batch.shape).body as Envelope;
  // Overrides apply to the packed body, so /entry/1/messaging/0/… can be set.
  applySets(packed, x.set);
  return packed;
}
