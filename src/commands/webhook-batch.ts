import type { ChalkInstance } from 'chalk';
import { packEvents, type BatchShape } from '../webhooks/batch.js';
import type { Envelope } from '../webhooks/build.js';
import type { FlowInput, WebhookKind } from '../webhooks/flow.js';
import type { Attempt } from '../webhooks/retry.js';
import { applySets, buildWebhook, type SendReport, type WebhookExtras } from './webhook.js';

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

/** One attempt for the JSON report. */
export function attemptSummary(a: Attempt): NonNullable<SendReport['attempts']>[number] {
  const o = a.outcome;
  return {
    attempt: a.attempt,
    waited_ms: a.waitedMs,
    status: o.status,
    ms: o.ms,
    ok: o.ok,
    ...(o.reason === undefined ? {} : { reason: o.reason }),
  };
}

/** `attempt 2 after 500 ms (same bytes): 500 answered 500` */
export function renderAttemptLine(a: Attempt, c: ChalkInstance): string {
  const o = a.outcome;
  const status = o.status === null ? 'no answer' : String(o.status);
  const when = a.attempt === 1 ? 'attempt 1' : `attempt ${a.attempt} after ${a.waitedMs} ms (same bytes and signature)`;
  return `${o.ok ? c.green('✓') : c.red('✗')} ${when}: ${status} ${c.dim(`${o.ms} ms`)}${o.ok ? '' : c.red(`  ${o.reason ?? ''}`)}`;
}
