import type { ChalkInstance } from 'chalk';
import { GraphApiError } from '../../errors.js';
import { toCurl } from '../../graph/curl.js';
import { MAX_EXTEND_SECONDS, threadControlCall, type ThreadAction, type ThreadVia } from '../../graph/thread-control.js';
import type { Outcome } from '../../io/outcome.js';
import { emit, warn } from '../../io/output.js';
import { sendResponseSchema, successSchema } from '../../schemas/graph.js';
import { appLabel, graphContext, type GraphDeps, type GraphOptions } from '../shared/graph.js';

export interface ThreadOptions extends GraphOptions {
  action: ThreadAction;
  psid: string;
  via: ThreadVia;
  /** pass: the app that gets control (the Page's default app when undefined) */
  target?: string;
  /** release: your app, in thread_control.app_id of the Send API form */
  appId?: string;
  /** a message sent with the Send API forms */
  text?: string;
  /** metadata of the Handover Protocol calls */
  metadata?: string;
  /** extend: how long, in seconds */
  durationSeconds?: number;
  /** print the request as curl and send nothing */
  dryRun: boolean;
  /** send the body as form fields */
  form: boolean;
}

export interface ThreadResult {
  action: ThreadAction;
  via: ThreadVia;
  page_id: string;
  psid: string;
  app_id: string | null;
  dry_run: boolean;
  request: { method: 'POST'; url: string; body: Record<string, unknown>; form: boolean };
  /** the exact request as curl, token redacted (dry-run) */
  curl?: string;
  /** Graph's answer (not on dry-run) */
  response?: Record<string, unknown>;
  /** what Meta does next, per its docs */
  effect: string;
}

/** What each call does to the conversation and which webhook follows (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing). */
export function threadEffect(action: ThreadAction, via: ThreadVia, target: string | null): string {
  switch (action) {
    case 'pass':
      return `control passes to ${via === 'payload' || target === null ? "the Page's default app" : target}, which gets a pass_thread_control webhook`;
    case 'release':
      return via === 'handover'
        ? 'the thread becomes idle (older docs: control returns to the default app); no webhook is sent'
        : 'control returns to the default app; no webhook is sent';
    case 'take':
      return 'your app takes control; the app that lost it gets a take_thread_control webhook (needs "Take control of conversations" for your app)';
    case 'extend':
      return "your app's control window is extended (up to 7 days)";
  }
}

/** `lead-kit thread pass|release|take|extend`: one thread-control call, or its curl with --dry-run. */
export async function runThread(o: ThreadOptions, deps: GraphDeps): Promise<Outcome> {
  const { action, via, psid, durationSeconds, form } = o;
  const appId = action === 'pass' ? o.target : o.appId;
  const g = graphContext(o, deps);
  const call = threadControlCall({
    action,
    via,
    pageId: g.pageId,
    psid,
    ...(appId !== undefined ? { appId } : {}),
    ...(o.text !== undefined ? { text: o.text } : {}),
    ...(o.metadata !== undefined ? { metadata: o.metadata } : {}),
    ...(durationSeconds !== undefined ? { durationSeconds } : {}),
  });
  if (durationSeconds !== undefined && durationSeconds > MAX_EXTEND_SECONDS) {
    warn(deps.io, `--duration ${durationSeconds} s is over the documented 7 days (${MAX_EXTEND_SECONDS} s); Meta may refuse it`);
  }
  const req = g.client.prepare('POST', call.path, { body: call.body, form });
  const target = appId === undefined ? null : appLabel(appId, g.names);
  const result: ThreadResult = {
    action,
    via,
    page_id: g.pageId,
    psid,
    app_id: appId ?? null,
    dry_run: o.dryRun,
    request: { method: 'POST', url: req.displayUrl, body: call.body, form },
    effect: threadEffect(action, via, target),
  };
  if (o.dryRun) {
    result.curl = toCurl(req);
    emit(deps.io, g.json, result, (r) => r.curl ?? '');
    return 'ok';
  }
  if (call.answer === 'send') {
    result.response = await g.client.send(req, sendResponseSchema);
  } else {
    const answer = await g.client.send(req, successSchema);
    if (!answer.success) {
      throw new GraphApiError(`[POST] ${req.path}: Graph answered {"success": false}`, {
        hint: `Meta gave no reason; check the owner with lead-kit page owner --psid ${psid}`,
        details: { method: 'POST', path: req.path, response: answer },
      });
    }
    result.response = answer;
  }
  emit(deps.io, g.json, result, renderThread);
  return 'ok';
}

const verbs: Record<ThreadAction, string> = { pass: 'passed', release: 'released', take: 'took', extend: 'extended' };

export function renderThread(r: ThreadResult, c: ChalkInstance): string {
  const how = r.via === 'handover' ? `POST /${r.action}_thread_control` : `Send API thread_control${r.via === 'payload' ? '.payload' : ''}`;
  const lines = [`${c.green('✓')} ${verbs[r.action]} thread control for PSID ${r.psid} on Page ${r.page_id} (${how})`];
  const messageId = r.response?.message_id;
  if (typeof messageId === 'string') lines.push(`  message  ${messageId}`);
  lines.push(c.dim(`  ${r.effect}`));
  return lines.join('\n');
}
