import { randomBytes, randomInt } from 'node:crypto';
import type { Dispatcher } from 'undici';
import { AuthError, ConnectError } from '../errors.js';
import { startReceiver, type Receiver, type ReceivedDelivery } from '../receiver/server.js';
import { deliver, webhookHeaders, type DeliveryOutcome } from './deliver.js';
import { buildFlow, deliveriesOf, shuffle, type FlowInput, type FlowStep, type Scenario } from './flow.js';
import { serializeBody, type BodyEncoding } from './serialize.js';
import { describeEvent } from './describe.js';
import { handshake, type HandshakeResult } from './handshake.js';
import { mulberry32 } from './random.js';

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
}

export interface ReceivedReport {
  kind: string;
  sha256: string;
  sha1: string;
  status: number;
  event: string;
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
  ok: boolean;
}

export interface SimulateDeps {
  signal: AbortSignal;
  dispatcher?: Dispatcher;
}

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
    const steps = order(buildFlow(opts.scenario, opts.lead), opts, result);
    let n = 0;
    for (const step of steps) {
      if (deps.signal.aborted) break;
      await opts.onStep?.(step);
      if (step.type === 'state') {
        result.timeline.push(step);
        onEvent?.(result, step);
        continue;
      }
      n++;
      const body = serializeBody(step.body, opts.encoding);
      const headers = webhookHeaders(body, appSecret!, { legacySignature: opts.legacySignature, apiVersion: opts.apiVersion });
      const times = opts.duplicate === n ? 2 : 1;
      for (let t = 0; t < times; t++) {
        if (result.deliveries.length > 0 && opts.delayMs > 0) await sleep(opts.delayMs, deps.signal);
        if (deps.signal.aborted) break;
        const outcome = await deliver({ url: endpoint, body, headers, timeoutMs: opts.timeoutMs, dispatcher: deps.dispatcher, signal: deps.signal });
        if (outcome.failure === 'connect') throw unreachable(endpoint, outcome.reason);
        if (outcome.failure === 'aborted') break;
        const report = toReport(n, step, outcome, t > 0);
        result.deliveries.push(report);
        result.timeline.push({ type: 'delivery', step: n });
        if (!report.ok) result.ok = false;
        onEvent?.(result, report);
      }
    }
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

function toReport(step: number, s: Extract<FlowStep, { type: 'delivery' }>, o: DeliveryOutcome, duplicate: boolean): DeliveryReport {
  const r: DeliveryReport = { step, kind: s.kind, app: s.app.name, app_id: s.app.id, channel: s.channel, note: s.note, status: o.status, ms: o.ms, ok: o.ok, response: o.bodySnippet };
  if (o.reason !== undefined) r.reason = o.reason;
  if (duplicate) r.duplicate = true;
  return r;
}

function receivedReport(d: ReceivedDelivery): ReceivedReport {
  return { kind: d.kind, sha256: d.sha256, sha1: d.sha1, status: d.status, event: describeEvent(d.body) };
}

function unreachable(endpoint: string, reason: string | undefined): ConnectError {
  return new ConnectError(`cannot reach ${endpoint}${reason ? ` (${reason})` : ''}`, { hint: 'start your app first, or check the host and port in --endpoint' });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Exit code of a finished run: 0 all accepted, 3 an endpoint that never answered, 1 anything else that failed. */
export function simulateExitCode(r: SimulateResult): number {
  if (r.ok) return 0;
  if (r.deliveries.some((d) => d.reason?.startsWith('no answer within')) || r.handshake?.failure === 'timeout') return 3;
  return 1;
}

