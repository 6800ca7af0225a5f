import { randomBytes, randomInt } from 'node:crypto';
/**
 * The lead-flow runner: delivers a flow's webhooks one at a time, signed over the exact bytes, to an endpoint or an
 * embedded receiver, and reports what came back. Shared by `lead-kit simulate` and `lead-kit test`.
 */
import type { Deps } from '../io/deps.js';
import type { Outcome } from '../io/outcome.js';
import { AuthError, ConnectError } from '../errors.js';
import { startReceiver, type Receiver, type ReceivedDelivery } from '../receiver/server.js';
import { deliver, webhookHeaders, type DeliveryOutcome } from '../webhooks/deliver.js';
import { buildFlow, deliveriesOf, shuffle, type FlowInput, type FlowStep, type Scenario } from '../webhooks/flow.js';
import { serializeBody, type BodyEncoding } from '../webhooks/serialize.js';
import { describeEvent } from '../webhooks/describe.js';
import { handshake, type HandshakeResult } from '../webhooks/handshake.js';
import { mulberry32 } from '../webhooks/random.js';
import type { FormScenario } from '../webhooks/form-flow.js';
import type { FormRun } from '../webhooks/form-run.js';

/** Signs `forged` steps: any secret but the app's gives a signature the app must reject. */
const FORGED_SECRET = 'lead-kit-forged-signature';

export interface SimulateOptions {
  scenario: Scenario | FormScenario;
  /** the steps to run instead of the scenario's Messenger flow (the Instant Form scenarios) */
  steps?: FlowStep[];
  /** Instant Form scenarios: the leads `--mock` holds and `--expect fetched-lead` checks */
  form?: FormRun;
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
  /** why it failed, when it did: no answer in time, or a non-2xx status */
  failure?: DeliveryOutcome['failure'];
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
  scenario: Scenario | FormScenario;
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
    const steps = order(opts.steps ?? buildFlow(opts.scenario as Scenario, opts.lead), opts, result);
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
      const headers = webhookHeaders(body, step.forged ? FORGED_SECRET : appSecret!, { legacySignature: opts.legacySignature, apiVersion: opts.apiVersion });
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
  if (o.failure !== undefined) r.failure = o.failure;
  // A forged delivery is there to be refused: any answer counts (the check is that the app fetched nothing).
  if (s.forged && o.status !== null && o.failure === undefined) {
    r.ok = true;
    delete r.reason;
    delete r.failure;
  }
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

/** How a finished run went: ok, `connect` when the endpoint never answered in time, else a failed check. */
export function simulateOutcome(r: SimulateResult): Outcome {
  if (r.ok) return 'ok';
  if (r.deliveries.some((d) => d.failure === 'timeout') || r.handshake?.failure === 'timeout') return 'connect';
  return 'checkFailed';
}

// The flow runner lives in the domain layer (src/webhooks/run-flow.ts), shared with `lead-kit test`.
