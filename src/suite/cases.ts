import type { Dispatcher } from 'undici';
import { messageOf } from '../errors.js';
import { attachLeadFlow, callsAfter } from '../mock/attach-flow.js';
import { parseExpectation, waitForExpectations, type ExpectationResult } from '../mock/expect.js';
import { summarizeCalls, type MockReport } from '../mock/expect-render.js';
import type { MockGraph } from '../mock/server.js';
import { sampleReferral } from '../verify/sample.js';
import { verifyEndpoint, type VerifyResult } from '../verify/verify.js';
import type { Answer } from '../webhooks/build.js';
import { DEFAULTS } from '../webhooks/defaults.js';
import { simulate, type DeliveryReport, type SimulateOptions } from '../flow/run-flow.js';
import { freshPsid, standbyApp, type SuiteIds, type SuiteSecrets } from './environment.js';
import type { Suite, SuiteCase } from './schema.js';

export type CaseStatus = 'passed' | 'failed' | 'interrupted';

/** What one case did and whether it passed. */
export interface CaseResult {
  index: number;
  name: string;
  kind: 'flow' | 'verify';
  status: CaseStatus;
  /** the case's time: deliveries plus the wait for the expected calls (or the verify matrix), ms */
  ms: number;
  psid: string;
  scenario?: string;
  seed?: number;
  /** one line per failed check */
  failures: string[];
  deliveries?: DeliveryReport[];
  /** the app's calls during this case and the expectations */
  mock?: MockReport;
  verify?: VerifyResult;
}

/** Everything a case runs against: the suite's mock and app, and the run's secrets. */
export interface CaseEnv {
  suite: Suite;
  mock: MockGraph;
  secrets: SuiteSecrets;
  ids: SuiteIds;
  signal: AbortSignal;
  dispatcher?: Dispatcher;
}

const answersOf = (a: SuiteCase['answers']): Answer[] =>
  a === undefined ? [...DEFAULTS.answers] : Array.isArray(a) ? a : Object.entries(a).map(([question, answer]) => ({ question, answer }));

function failedChecks(
  expectations: readonly ExpectationResult[],
  deliveries: readonly DeliveryReport[],
  statusExpected: boolean,
): string[] {
  const out: string[] = [];
  // With a status:<code> expectation the statuses are what is checked; otherwise every delivery must be accepted.
  if (!statusExpected)
    for (const d of deliveries.filter((x) => !x.ok))
      out.push(
        `delivery ${d.step} (${d.kind}${d.duplicate ? ', duplicate' : ''}) answered ${d.status ?? 'nothing'}${d.reason ? `: ${d.reason}` : ''}`,
      );
  for (const e of expectations.filter((x) => !x.ok)) out.push(`${e.expect}: expected ${e.wanted}`);
  return out;
}

/** Runs one lead flow against the app, with its own PSID, and checks the app's calls to the mock. */
export async function runFlowCase(env: CaseEnv, c: SuiteCase, index: number): Promise<CaseResult> {
  const started = Date.now();
  const psid = c.psid ?? freshPsid();
  const expectations = (c.expect ?? []).map(parseExpectation);
  const withinMs = c.expect_within_ms ?? env.suite.defaults?.expect_within_ms ?? 2000;
  const opts: SimulateOptions = {
    scenario: c.scenario ?? 'complete',
    lead: {
      ...DEFAULTS,
      pageId: env.ids.pageId,
      psid,
      app: { id: env.ids.appId, name: DEFAULTS.appName },
      answers: answersOf(c.answers),
      summary: c.summary ?? true,
      keyword: c.keyword ?? DEFAULTS.keyword,
      standbyApps: (c.standby_apps ?? []).map(standbyApp),
      appIdType: 'number',
      startMs: env.mock.clock.now(),
      timestamps: 'doc',
    },
    endpoint: env.suite.app.webhook,
    appSecret: env.secrets.appSecret,
    encoding: 'meta',
    legacySignature: true,
    apiVersion: 'v26.0',
    timeoutMs: 5000,
    delayMs: c.delay_ms ?? env.suite.defaults?.delay_ms ?? 0,
    shuffle: c.shuffle === true,
  };
  if (c.seed !== undefined) opts.seed = c.seed;
  if (c.duplicate !== undefined) opts.duplicate = c.duplicate === true ? 1 : c.duplicate;
  const base: CaseResult = { index, name: c.name, kind: 'flow', status: 'failed', ms: 0, psid, scenario: opts.scenario, failures: [] };
  const firstSeq = env.mock.runtime.calls.lastSeq;
  const ctx = attachLeadFlow(env.mock, opts);
  let deliveries: DeliveryReport[] = [];
  try {
    const flow = await simulate(opts, { signal: env.signal, ...(env.dispatcher ? { dispatcher: env.dispatcher } : {}) });
    deliveries = flow.deliveries;
    if (flow.seed !== undefined) base.seed = flow.seed;
  } catch (err) {
    return { ...base, ms: Date.now() - started, failures: [messageOf(err)], deliveries };
  }
  const calls = callsAfter(env.mock, firstSeq);
  const withDeliveries = { ...ctx, deliveries };
  const evaluated = expectations.length === 0 ? [] : await waitForExpectations(calls, expectations, withDeliveries, withinMs, env.signal);
  const mock: MockReport = {
    url: env.mock.url,
    within_ms: withinMs,
    calls: summarizeCalls(calls.calls),
    expectations: evaluated,
    ok: evaluated.every((r) => r.ok),
  };
  const failures = failedChecks(
    evaluated,
    deliveries,
    expectations.some((e) => e.kind === 'status'),
  );
  const status: CaseStatus = env.signal.aborted ? 'interrupted' : failures.length === 0 ? 'passed' : 'failed';
  return { ...base, status, ms: Date.now() - started, failures, deliveries, mock };
}

/** Runs `lead-kit verify`'s matrix against the app's webhook: it passes when the app rejects every forgery. */
export async function runVerifyCase(env: CaseEnv, c: SuiteCase, index: number): Promise<CaseResult> {
  const started = Date.now();
  const psid = freshPsid();
  const base: CaseResult = { index, name: c.name, kind: 'verify', status: 'failed', ms: 0, psid, failures: [] };
  try {
    const verify = await verifyEndpoint(
      {
        endpoint: env.suite.app.webhook,
        appSecret: env.secrets.appSecret,
        verifyToken: env.secrets.verifyToken,
        payload: sampleReferral({ startMs: env.mock.clock.now(), psid, pageId: env.ids.pageId, appId: env.ids.appId }),
        apiVersion: 'v26.0',
        waitMs: 10_000,
      },
      { signal: env.signal, ...(env.dispatcher ? { dispatcher: env.dispatcher } : {}) },
    );
    const failures = verify.cases
      .filter((x) => x.verdict === 'fail')
      .map((x) => `${x.title}: answered ${x.status ?? 'nothing'}${x.reason ? ` — ${x.reason}` : ''}`);
    const status: CaseStatus = env.signal.aborted ? 'interrupted' : failures.length === 0 ? 'passed' : 'failed';
    return { ...base, status, ms: Date.now() - started, failures, verify };
  } catch (err) {
    return { ...base, ms: Date.now() - started, failures: [messageOf(err)] };
  }
}
