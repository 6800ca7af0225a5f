import { createHash } from 'node:crypto';
import type { ChalkInstance } from 'chalk';
import { packEvents, positionLabel, type BatchShape, type EventPosition } from '../webhooks/batch.js';
import type { Envelope } from '../webhooks/build.js';
import type { FlowStep } from '../webhooks/flow.js';
import type { Attempt } from '../webhooks/retry.js';
import type { DeliveryReport, ReceivedReport } from './simulate.js';

type Delivery = Extract<FlowStep, { type: 'delivery' }>;

/**
 * Cuts the flow into POSTs: each group holds up to `size` deliveries and the state changes before them (a
 * trailing group may hold state changes only). Without --batch every delivery is its own POST.
 */
export function groupSteps(steps: readonly FlowStep[], size: number): FlowStep[][] {
  const groups: FlowStep[][] = [];
  let current: FlowStep[] = [];
  let count = 0;
  for (const step of steps) {
    current.push(step);
    if (step.type === 'delivery' && ++count === size) {
      groups.push(current);
      current = [];
      count = 0;
    }
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** One POST: its deliveries, the body, and where each event sits in it (batched POSTs only). */
export interface Post {
  deliveries: Delivery[];
  body: Envelope;
  positions?: EventPosition[];
}

/** A single delivery as it is, or several packed into one body (webhooks/batch.ts). */
export function packGroup(deliveries: Delivery[], shape: BatchShape | undefined): Post {
  if (shape === undefined || deliveries.length === 1) return { deliveries, body: deliveries[0]!.body };
  const { body, positions } = packEvents(
    deliveries.map((d) => d.body),
    shape,
  );
  return { deliveries, body: body as Envelope, positions };
}

/** The report line of one attempt at one POST. */
export function attemptReport(
  step: number,
  post: Post,
  a: Attempt,
  o: { duplicate: boolean; retries: boolean; body: Buffer },
): DeliveryReport {
  const first = post.deliveries[0]!;
  const out = a.outcome;
  const batched = post.positions !== undefined;
  const r: DeliveryReport = {
    step,
    kind: batched ? 'batch' : first.kind,
    app: first.app.name,
    app_id: first.app.id,
    channel: first.channel,
    note: batched ? `${post.deliveries.length} events in one POST (${post.body.entry.length} entries)` : first.note,
    status: out.status,
    ms: out.ms,
    ok: out.ok,
    response: out.bodySnippet,
  };
  if (out.reason !== undefined) r.reason = out.reason;
  if (o.duplicate) r.duplicate = true;
  if (batched) r.events = post.deliveries.map((d, i) => `${positionLabel(post.positions![i]!)} ${d.kind} → ${d.app.name}: ${d.note}`);
  if (o.retries) {
    r.attempt = a.attempt;
    r.waited_ms = a.waitedMs;
    r.bytes_sha256 = createHash('sha256').update(o.body).digest('hex');
  }
  return r;
}

/** ` attempt 2 after 500 ms (retried)` and the batched events, for the text report. */
export function renderAttempt(d: DeliveryReport, c: ChalkInstance): string {
  let s = '';
  if (d.attempt !== undefined)
    s += c.dim(d.attempt === 1 ? ' attempt 1' : ` attempt ${d.attempt} after ${d.waited_ms ?? 0} ms, same bytes`);
  if (d.retried) s += c.yellow(' → retried');
  for (const e of d.events ?? []) s += `\n      ${c.dim('·')} ${e}`;
  return s;
}

/** One POST the embedded receiver answered, with every event it carried. */
export function renderReceived(d: ReceivedReport, c: ChalkInstance): string {
  const status = d.status === 200 ? c.green(String(d.status)) : c.red(String(d.status));
  if (d.events.length <= 1) return `   ${status} sha256 ${d.sha256}, sha1 ${d.sha1}  ${d.event}`;
  return [`   ${status} sha256 ${d.sha256}, sha1 ${d.sha1}  ${d.events.length} events:`, ...d.events.map((e) => `       ${e}`)].join('\n');
}
