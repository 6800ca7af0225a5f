import { createHash } from 'node:crypto';
import { packEvents, positionLabel, type BatchShape, type EventPosition } from '../webhooks/batch.js';
import type { Envelope } from '../webhooks/build.js';
import type { FlowStep } from '../webhooks/flow.js';
import type { Attempt } from '../webhooks/retry.js';
import type { DeliveryOutcome } from '../webhooks/deliver.js';

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
  if (out.failure !== undefined) r.failure = out.failure;
  // A forged delivery is there to be refused: any answer counts (the check is that the app fetched nothing).
  if (!batched && first.forged && out.status !== null && out.failure === undefined) {
    r.ok = true;
    delete r.reason;
    delete r.failure;
  }
  if (o.duplicate) r.duplicate = true;
  if (batched) r.events = post.deliveries.map((d, i) => `${positionLabel(post.positions![i]!)} ${d.kind} → ${d.app.name}: ${d.note}`);
  if (o.retries) {
    r.attempt = a.attempt;
    r.waited_ms = a.waitedMs;
    r.bytes_sha256 = createHash('sha256').update(o.body).digest('hex');
  }
  return r;
}

/** One delivery (or one attempt at it, with --retries) as the run reports it. */
export interface DeliveryReport {
  step: number;
  kind: string;
  app: string;
  app_id: string;
  channel: 'messaging' | 'standby';
  note: string;
  status: number | null;
  ms: number;
  ok: boolean;
  reason?: string;
  /** why it failed, when it did: no answer in time, or a non-2xx status */
  failure?: DeliveryOutcome['failure'];
  response: string;
  duplicate?: boolean;
  /** with --retries: 1 for the first delivery, 2… for retries */
  attempt?: number;
  /** with --retries: ms waited before this attempt */
  waited_ms?: number;
  /** this attempt failed and the same bytes were sent again */
  retried?: boolean;
  /** with --retries: sha256 of the bytes sent, the same on every attempt */
  bytes_sha256?: string;
  /** with --batch: each event of the POST, where it sits in the body */
  events?: string[];
}
