import type { Deps } from '../io/deps.js';
import type { Outcome } from '../io/outcome.js';
import type { SimulateMockOptions } from '../mock/simulate-mock.js';
import { UsageError } from '../errors.js';
import { buildFlow, deliveriesOf, type Scenario } from '../webhooks/flow.js';
import { isFormScenario, type FormScenario } from '../webhooks/form-flow.js';
import { resolveLeadInput, type DeliveryOptions, type LeadOptions } from './shared/lead.js';
import { formSimulateOptions, type FormOptions } from './simulate-form.js';
import { renderEvent, renderFooter, renderHeader, simulate, simulateOutcome, type SimulateOptions } from './simulate.js';
import type { DeliverySemantics } from '../webhooks/retry-policy.js';

/** `lead-kit simulate`, fully resolved by the wiring. */
export interface SimulateCommandOptions extends DeliveryOptions {
  scenario: Scenario | FormScenario;
  /** the Instant Form scenarios' flags */
  form: FormOptions;
  /** your app's webhook URL; an embedded receiver when undefined */
  endpoint: string | undefined;
  /** run the GET handshake first with this token */
  verifyToken: string | undefined;
  lead: LeadOptions;
  delayMs: number;
  shuffle: boolean;
  seed: number | undefined;
  /** deliver this step (1-based) twice */
  duplicate: number | undefined;
  /** --mock: a local Graph API next to the flow, and --expect checks of the calls the app makes */
  mock: SimulateMockOptions | undefined;
  /** --batch (Messenger scenarios) and --retries */
  delivery: DeliverySemantics;
  json: boolean;
}

/** Runs the flow, prints it (streamed in text mode, one document with --json) and reports how it went. */
export async function runSimulate(o: SimulateCommandOptions, deps: Deps): Promise<Outcome> {
  const opts = await simulateOptions(o, deps);
  const { io } = deps;
  const { json } = o;
  const withMock = o.mock === undefined ? undefined : await import('../mock/simulate-mock.js');
  const sim = withMock && o.mock ? await withMock.startSimulateMock(o.mock, opts, deps) : undefined;
  try {
    if (sim) (json ? io.err : io.out).write(withMock!.renderMockBanner(sim, json ? io.errColor : io.color) + '\n');
    let headerShown = false;
    const result = await simulate(opts, deps, (r, latest) => {
      if (json) return;
      if (!headerShown) {
        io.out.write(renderHeader(r, io.color) + '\n');
        headerShown = true;
      }
      io.out.write(renderEvent(latest, io.color) + '\n');
    });
    const report = sim ? await sim.finish(deps.signal, result.deliveries) : undefined;
    if (json) {
      io.out.write(JSON.stringify(report ? { ...result, mock: report } : result, null, 2) + '\n');
    } else {
      if (!headerShown) io.out.write(renderHeader(result, io.color) + '\n');
      io.out.write(renderFooter(result, io.color) + '\n');
      if (report) io.out.write(withMock!.renderMockReport(report, io.color) + '\n');
    }
    if (deps.signal.aborted) return 'interrupted';
    const outcome = simulateOutcome(result);
    // A failed --expect is a failed check unless the deliveries already failed harder.
    return outcome === 'ok' && report !== undefined && !report.ok ? 'checkFailed' : outcome;
  } finally {
    await sim?.close();
  }
}

/** The engine's options: the lead read (answers file), the Instant Form flow, --duplicate checked against the flow's length. */
export async function simulateOptions(o: SimulateCommandOptions, deps: Pick<Deps, 'cwd' | 'now'>): Promise<SimulateOptions> {
  const lead = await resolveLeadInput(o.lead, deps.cwd, deps.now().getTime());
  const opts: SimulateOptions = {
    scenario: o.scenario,
    lead,
    encoding: o.bodyEncoding,
    legacySignature: o.legacySignature,
    apiVersion: o.apiVersion,
    timeoutMs: o.timeoutMs,
    delayMs: o.delayMs,
    shuffle: o.shuffle,
  };
  if (o.endpoint !== undefined) opts.endpoint = o.endpoint;
  if (o.appSecret !== undefined) opts.appSecret = o.appSecret;
  if (o.verifyToken !== undefined) opts.verifyToken = o.verifyToken;
  if (o.seed !== undefined) opts.seed = o.seed;
  // Instant Form scenarios (the Page leadgen field): src/commands/simulate-form.ts.
  if (isFormScenario(o.scenario))
    Object.assign(opts, formSimulateOptions(o.scenario, o.form, lead, o.lead.answers !== undefined || o.lead.answersFile !== undefined));
  if (o.duplicate !== undefined) {
    const steps = deliveriesOf(opts.steps ?? buildFlow(o.scenario as Scenario, lead)).length;
    if (o.duplicate > steps)
      throw new UsageError(`--duplicate ${o.duplicate}: the ${o.scenario} flow has ${steps} deliveries`, {
        hint: `pass a step from 1 to ${steps}`,
      });
    opts.duplicate = o.duplicate;
  }
  // --batch / --retries (Meta's delivery semantics, src/webhooks/batch.ts and retry.ts).
  if (o.delivery.batch !== undefined) opts.batch = o.delivery.batch;
  if (o.delivery.retries.count > 0) opts.retries = o.delivery.retries;
  return opts;
}
