import { randomBytes, randomInt } from 'node:crypto';
import type { ChalkInstance } from 'chalk';
import type { Deps } from '../cli/deps.js';
import { AuthError, ConnectError } from '../errors.js';
import { startReceiver, type Receiver, type ReceivedDelivery } from '../receiver/server.js';
import { webhookHeaders, type DeliveryOutcome } from '../webhooks/deliver.js';
import { buildFlow, deliveriesOf, shuffle, type FlowInput, type FlowStep, type Scenario } from '../webhooks/flow.js';
import { serializeBody, type BodyEncoding } from '../webhooks/serialize.js';
import { describeEvent } from '../webhooks/describe.js';
import { handshake, type HandshakeResult } from '../webhooks/handshake.js';
import { mulberry32 } from '../webhooks/random.js';
import { describeEvents } from '../webhooks/describe.js';
import { deliverWithRetries, metaVerdict, NO_RETRIES, type MetaVerdict, type RetryPolicy } from '../webhooks/retry.js';
import { sleep } from '../net/sleep.js';
import type { BatchShape } from '../webhooks/batch.js';
import { attemptReport, groupSteps, packGroup, renderAttempt, renderReceived } from './simulate-post.js';

export interface SimulateOptions {
  scenario: Scenario;
  lead: FlowInput;
  /** the app's webhook URL; without it an embedded receiver is started */
  endpoint?: string;
  appSecret?: string;
  /** run the GET handshake first with this token (always done against the embedded receiver) */
  verifyToken?: string;
  encoding: BodyEncoding;
  legacySignature: boolean;
  apiVersion: string;
  timeoutMs: number;
  delayMs: number;
  shuffle: boolean;
  /** seed of --shuffle, printed so a failing order can be repeated */
  seed?: number;
  /** deliver this step (1-based) twice, as Meta's retries do */
  duplicate?: number;
  /** called before each step (state change or delivery); `simulate --mock` applies the step to the mock's state */
  onStep?: (step: FlowStep) => void | Promise<void>;
  /** `--batch`: this many events per POST, sharing entries as `shape` says */
  batch?: { size: number; shape: BatchShape };
  /** `--retries meta`: resend a failed delivery, identical bytes and signature @default no retries */
  retries?: RetryPolicy;
  /** steps before the flow (`simulate --mock --interrupt` delivers a message the app answers mid-flow) */
  prelude?: FlowStep[];
}

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

export interface ReceivedReport {
  kind: string;
  sha256: string;
  sha1: string;
  status: number;
  event: string;
  /** every event of the POST with its place: `entry[1].messaging[0] LEAD_COMPLETE …` */
  events: string[];
}

export interface SimulateResult {
  scenario: Scenario;
  endpoint: string;
  embedded: boolean;
  seed?: number;
  handshake?: HandshakeResult;
  timeline: Array<{ type: 'state'; note: string } | { type: 'delivery'; step: number }>;
  deliveries: DeliveryReport[];
  /** what the embedded receiver saw (embedded only) */
  received?: ReceivedReport[];
  /** what Meta would conclude when deliveries still failed after their retries */
  verdict?: MetaVerdict;
  ok: boolean;
}

export type SimulateDeps = Pick<Deps, 'signal' | 'dispatcher'>;

/** Runs a lead-ad flow against an endpoint, one delivery at a time, and reports what it answered. */
export async function simulate(opts: SimulateOptions, deps: SimulateDeps, onEvent?: (r: SimulateResult, latest: DeliveryReport | { type: 'state'; note: string } | HandshakeResult) => void): Promise<SimulateResult> {
  let receiver: Receiver | undefined;
  let appSecret = opts.appSecret;
  let verifyToken = opts.verifyToken;
  let endpoint = opts.endpoint;
  if (endpoint === undefined) {
    appSecret = randomBytes(16).toString('hex');
    verifyToken = randomBytes(8).toString('hex');
    receiver = await startReceiver({ appSecret, verifyToken });
    endpoint = receiver.url;
  } else if (appSecret === undefined || appSecret === '') {
    throw new AuthError('an app secret is needed to sign deliveries to --endpoint', { hint: 'pass --app-secret or set LEAD_KIT_APP_SECRET (App Dashboard → App settings → Basic)' });
  }
  const result: SimulateResult = { scenario: opts.scenario, endpoint, embedded: receiver !== undefined, timeline: [], deliveries: [], ok: true };
  try {
    if (verifyToken !== undefined) {
      result.handshake = await handshake(endpoint, verifyToken, { dispatcher: deps.dispatcher, signal: deps.signal, timeoutMs: opts.timeoutMs });
      if (result.handshake.failure === 'connect') throw unreachable(endpoint, result.handshake.reason);
      if (!result.handshake.ok) result.ok = false;
      onEvent?.(result, result.handshake);
    }
    const steps = [...(opts.prelude ?? []), ...order(buildFlow(opts.scenario, opts.lead), opts, result)];
    const policy = opts.retries ?? NO_RETRIES;
    const finals: DeliveryOutcome[] = [];
    let n = 0;
    for (const group of groupSteps(steps, opts.batch?.size ?? 1)) {
      if (deps.signal.aborted) break;
      const deliveries: Array<Extract<FlowStep, { type: 'delivery' }>> = [];
      for (const step of group) {
        await opts.onStep?.(step);
        if (step.type === 'delivery') deliveries.push(step);
        else {
          result.timeline.push(step);
          onEvent?.(result, step);
        }
      }
      if (deliveries.length === 0) continue;
      n++;
      const post = packGroup(deliveries, opts.batch?.shape);
      const body = serializeBody(post.body, opts.encoding);
      const headers = webhookHeaders(body, appSecret!, { legacySignature: opts.legacySignature, apiVersion: opts.apiVersion });
      const times = opts.duplicate === n ? 2 : 1;
      for (let t = 0; t < times; t++) {
        if (result.deliveries.length > 0 && opts.delayMs > 0) await sleep(opts.delayMs, deps.signal);
        if (deps.signal.aborted) break;
        let previous: DeliveryReport | undefined;
        const attempts = await deliverWithRetries({ url: endpoint, body, headers, timeoutMs: opts.timeoutMs, dispatcher: deps.dispatcher, signal: deps.signal }, policy, (a) => {
          // The last possible attempt that could not connect ends the run (exit 3) instead of being reported.
          if (a.outcome.failure === 'aborted' || (a.outcome.failure === 'connect' && a.attempt > policy.count)) return;
          if (previous) previous.retried = true;
          const report = attemptReport(n, post, a, { duplicate: t > 0, retries: policy.count > 0, body });
          result.deliveries.push(report);
          result.timeline.push({ type: 'delivery', step: n });
          onEvent?.(result, report);
          previous = report;
        });
        const last = attempts[attempts.length - 1];
        if (last === undefined || last.outcome.failure === 'aborted') break;
        if (last.outcome.failure === 'connect') throw unreachable(endpoint, last.outcome.reason);
        finals.push(last.outcome);
        if (!last.outcome.ok) result.ok = false;
      }
    }
    const verdict = metaVerdict(finals);
    if (verdict) result.verdict = verdict;
    if (receiver) result.received = receiver.deliveries.filter((d) => d.kind === 'event').map(receivedReport);
    return result;
  } finally {
    await receiver?.close();
  }
}

function order(steps: FlowStep[], opts: SimulateOptions, result: SimulateResult): FlowStep[] {
  if (!opts.shuffle) return steps;
  const seed = opts.seed ?? randomInt(1, 2 ** 31);
  result.seed = seed;
  // State changes keep their place; only the deliveries change order, as a retrying sender would reorder them.
  const shuffled = shuffle(deliveriesOf(steps), mulberry32(seed));
  return steps.map((s) => (s.type === 'state' ? s : shuffled.shift()!));
}

function receivedReport(d: ReceivedDelivery): ReceivedReport {
  return { kind: d.kind, sha256: d.sha256, sha1: d.sha1, status: d.status, event: describeEvent(d.body), events: describeEvents(d.body) };
}

function unreachable(endpoint: string, reason: string | undefined): ConnectError {
  return new ConnectError(`cannot reach ${endpoint}${reason ? ` (${reason})` : ''}`, { hint: 'start your app first, or check the host and port in --endpoint' });
}

/** Exit code of a finished run: 0 all accepted, 3 an endpoint that never answered, 1 anything else that failed. */
export function simulateExitCode(r: SimulateResult): number {
  if (r.ok) return 0;
  // Attempts that were retried do not count: the last attempt of each delivery decides.
  if (r.deliveries.some((d) => !d.retried && d.reason?.startsWith('no answer within')) || r.handshake?.failure === 'timeout') return 3;
  return 1;
}

export function renderHeader(r: Pick<SimulateResult, 'scenario' | 'endpoint' | 'embedded' | 'seed'>, c: ChalkInstance): string {
  const where = r.embedded ? `${r.endpoint} ${c.dim('(embedded receiver; pass --endpoint to use your app)')}` : r.endpoint;
  const seed = r.seed === undefined ? '' : c.dim(` (shuffled, --seed ${r.seed})`);
  return `${c.bold(`lead-kit simulate ${r.scenario}`)} → ${where}${seed}`;
}

export function renderEvent(e: DeliveryReport | { type: 'state'; note: string } | HandshakeResult, c: ChalkInstance): string {
  if ('type' in e && e.type === 'state') return `   ${c.dim('·')} ${c.dim(e.note)}`;
  if ('challenge' in e) {
    const mark = e.ok ? c.green('✓') : c.red('✗');
    return ` ${mark} ${'0'.padStart(2)} handshake   GET hub.mode=subscribe → ${e.status ?? '—'} ${e.ok ? 'challenge echoed' : c.red(e.reason ?? 'failed')} ${c.dim(`${e.ms} ms`)}`;
  }
  const d = e as DeliveryReport;
  const mark = d.ok ? c.green('✓') : c.red('✗');
  const status = d.status === null ? c.red('no answer') : d.ok ? c.green(String(d.status)) : c.red(String(d.status));
  const dup = d.duplicate ? c.yellow(' (duplicate)') : '';
  const why = d.ok ? '' : c.red(`  ${d.reason ?? ''}${d.response ? ` — "${d.response.slice(0, 60).replace(/\s+/g, ' ')}"` : ''}`);
  return ` ${mark} ${String(d.step).padStart(2)} ${d.kind.padEnd(10)} → ${d.app} (${d.app_id})${d.channel === 'standby' ? ' [standby]' : ''}  ${status} ${c.dim(`${d.ms} ms`)}${dup}${renderAttempt(d, c)}\n      ${c.dim(d.note)}${why}`;
}

export function renderFooter(r: SimulateResult, c: ChalkInstance): string {
  const lines: string[] = [];
  if (r.received) {
    lines.push('', c.bold('The embedded receiver saw:'));
    for (const d of r.received) lines.push(renderReceived(d, c));
  }
  if (r.verdict) lines.push('', c.red(`Meta's verdict: ${r.verdict.summary}`));
  const accepted = r.deliveries.filter((d) => d.ok).length;
  const summary = `${accepted}/${r.deliveries.length} deliveries accepted`;
  lines.push('', r.ok ? c.green(`✓ ${summary}`) : c.red(`✗ ${summary}${r.handshake && !r.handshake.ok ? '; handshake failed' : ''}`));
  return lines.join('\n');
}

/** The whole run as text (the CLI streams the same lines as they happen). */
export function renderSimulate(r: SimulateResult, c: ChalkInstance): string {
  const lines = [renderHeader(r, c)];
  if (r.handshake) lines.push(renderEvent(r.handshake, c));
  let i = 0;
  for (const t of r.timeline) lines.push(t.type === 'state' ? renderEvent(t, c) : renderEvent(r.deliveries[i++]!, c));
  lines.push(renderFooter(r, c));
  return lines.join('\n');
}
