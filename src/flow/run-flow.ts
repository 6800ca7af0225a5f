import { randomBytes, randomInt } from 'node:crypto';
/**
 * The lead-flow runner: delivers a flow's webhooks one at a time, signed over the exact bytes, to an endpoint or an
 * embedded receiver, and reports what came back. Shared by `lead-kit simulate` and `lead-kit test`.
 */
import type { Deps } from '../io/deps.js';
import type { Outcome } from '../io/outcome.js';
import { AuthError, ConnectError } from '../errors.js';
import type { Receiver, ReceivedDelivery } from '../receiver/server.js';
import { webhookHeaders, type DeliveryOutcome } from '../webhooks/deliver.js';
import { buildFlow, deliveriesOf, shuffle, type FlowInput, type FlowStep, type Scenario } from '../webhooks/flow.js';
import { serializeBody, type BodyEncoding } from '../webhooks/serialize.js';
import { describeEvent, describeEvents } from '../webhooks/describe.js';
import { handshake, type HandshakeResult } from '../webhooks/handshake.js';
import { mulberry32 } from '../webhooks/random.js';
import type { FormScenario } from '../webhooks/form-flow.js';
import type { FormRun } from '../webhooks/form-run.js';
import { deliverWithRetries, metaVerdict, type MetaVerdict } from '../webhooks/retry.js';
import { NO_RETRIES, type RetryPolicy } from '../webhooks/retry-policy.js';
import { sleep } from '../net/sleep.js';
import type { BatchShape } from '../webhooks/batch.js';
import { attemptReport, groupSteps, packGroup, type DeliveryReport } from './post.js';

export type { DeliveryReport };

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
  /** `--batch` on Messenger scenarios: this many events per POST, sharing entries as `shape` says */
  batch?: { size: number; shape: BatchShape };
  /** `--retries meta`: resend a failed delivery, identical bytes and signature @default no retries */
  retries?: RetryPolicy;
  /** steps before the flow (`simulate --mock --interrupt` delivers a message the app answers mid-flow) */
  prelude?: FlowStep[];
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
  scenario: Scenario | FormScenario;
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
export async function simulate(
  opts: SimulateOptions,
  deps: SimulateDeps,
  onEvent?: (r: SimulateResult, latest: DeliveryReport | { type: 'state'; note: string } | HandshakeResult) => void,
): Promise<SimulateResult> {
  let receiver: Receiver | undefined;
  let appSecret = opts.appSecret;
  let verifyToken = opts.verifyToken;
  let endpoint = opts.endpoint;
  if (endpoint === undefined) {
    appSecret = randomBytes(16).toString('hex');
    verifyToken = randomBytes(8).toString('hex');
    // Loaded only here: a run against --endpoint needs no receiver.
    const { startReceiver } = await import('../receiver/server.js');
    receiver = await startReceiver({ appSecret, verifyToken });
    endpoint = receiver.url;
  } else if (appSecret === undefined || appSecret === '') {
    throw new AuthError('an app secret is needed to sign deliveries to --endpoint', {
      hint: 'pass --app-secret or set LEAD_KIT_APP_SECRET (App Dashboard → App settings → Basic)',
    });
  }
  const result: SimulateResult = {
    scenario: opts.scenario,
    endpoint,
    embedded: receiver !== undefined,
    timeline: [],
    deliveries: [],
    ok: true,
  };
  try {
    if (verifyToken !== undefined) {
      result.handshake = await handshake(endpoint, verifyToken, {
        dispatcher: deps.dispatcher,
        signal: deps.signal,
        timeoutMs: opts.timeoutMs,
      });
      if (result.handshake.failure === 'connect') throw unreachable(endpoint, result.handshake.reason);
      if (!result.handshake.ok) result.ok = false;
      onEvent?.(result, result.handshake);
    }
    const steps = [...(opts.prelude ?? []), ...order(opts.steps ?? buildFlow(opts.scenario as Scenario, opts.lead), opts, result)];
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
      const forged = deliveries.length === 1 && deliveries[0]!.forged === true;
      const headers = webhookHeaders(body, forged ? FORGED_SECRET : appSecret!, {
        legacySignature: opts.legacySignature,
        apiVersion: opts.apiVersion,
      });
      const times = opts.duplicate === n ? 2 : 1;
      for (let t = 0; t < times; t++) {
        if (result.deliveries.length > 0 && opts.delayMs > 0) await sleep(opts.delayMs, deps.signal);
        if (deps.signal.aborted) break;
        let previous: DeliveryReport | undefined;
        const attempts = await deliverWithRetries(
          { url: endpoint, body, headers, timeoutMs: opts.timeoutMs, dispatcher: deps.dispatcher, signal: deps.signal },
          policy,
          (a) => {
            // The last possible attempt that could not connect ends the run (exit 3) instead of being reported.
            if (a.outcome.failure === 'aborted' || (a.outcome.failure === 'connect' && a.attempt > policy.count)) return;
            if (previous) previous.retried = true;
            const report = attemptReport(n, post, a, { duplicate: t > 0, retries: policy.count > 0, body });
            result.deliveries.push(report);
            result.timeline.push({ type: 'delivery', step: n });
            onEvent?.(result, report);
            previous = report;
          },
        );
        const last = attempts[attempts.length - 1];
        if (last === undefined || last.outcome.failure === 'aborted') break;
        if (last.outcome.failure === 'connect') throw unreachable(endpoint, last.outcome.reason);
        finals.push(last.outcome);
        if (!(previous?.ok ?? last.outcome.ok)) result.ok = false;
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
  return new ConnectError(`cannot reach ${endpoint}${reason ? ` (${reason})` : ''}`, {
    hint: 'start your app first, or check the host and port in --endpoint',
  });
}

/** How a finished run went: ok, `connect` when the endpoint never answered in time, else a failed check. */
export function simulateOutcome(r: SimulateResult): Outcome {
  if (r.ok) return 'ok';
  // Attempts that were retried do not count: the last attempt of each delivery decides.
  if (r.deliveries.some((d) => !d.retried && d.failure === 'timeout') || r.handshake?.failure === 'timeout') return 'connect';
  return 'checkFailed';
}

// The flow runner lives in the domain layer (src/webhooks/run-flow.ts), shared with `lead-kit test`.
