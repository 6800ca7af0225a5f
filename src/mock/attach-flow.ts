import type { RecordedCall } from './calls.js';
import type { ExpectContext } from './expect.js';
import { answeredIn, applyFlowStep, beginLeadFlow } from './lead-flow.js';
import type { MockGraph } from './server.js';
import { formExpectContext, seedFormLeads } from './form-leads.js';
import type { Scenario } from '../webhooks/flow.js';
import type { SimulateOptions } from '../flow/run-flow.js';

/**
 * Makes a flow that `simulate()` is about to deliver real inside the mock: the lead flow begins in its state (the
 * Leadgen app owns the person's thread), and each step applies its change of control just before its delivery
 * goes out. Returns what expectations are checked against.
 */
export function attachLeadFlow(mock: Pick<MockGraph, 'state' | 'runtime'>, opts: SimulateOptions): ExpectContext {
  const { lead } = opts;
  const page = mock.state.pages.get(lead.pageId);
  if (page === undefined) throw new Error(`Page ${lead.pageId} is not in the mock`);
  // Instant Form scenarios: the mock holds the leads the leadgen webhook names; no Messenger flow runs.
  if (opts.form !== undefined) {
    seedFormLeads(mock.runtime, page, lead.app.id, opts.form);
    return { psid: lead.psid, defaultAppId: page.defaultAppId, ...formExpectContext(opts.form) };
  }
  beginLeadFlow(mock.runtime, page, {
    psid: lead.psid,
    appId: opts.scenario === 'no-app' ? null : lead.app.id,
    answers: answeredIn(opts.scenario as Scenario, lead.answers),
  });
  const previous = opts.onStep;
  opts.onStep = async (step) => {
    applyFlowStep(mock.runtime, page, lead.psid, step);
    await previous?.(step);
  };
  return { psid: lead.psid, defaultAppId: page.defaultAppId };
}

/** The mock's calls after `seq`, as `waitForExpectations` reads them: one case of a suite sees only its own. */
export function callsAfter(
  mock: Pick<MockGraph, 'calls' | 'onCall'>,
  seq: number,
): { readonly calls: readonly RecordedCall[]; onCall(l: (c: RecordedCall) => void): () => void } {
  return {
    get calls() {
      return mock.calls.filter((c) => c.seq > seq);
    },
    onCall: (l) => mock.onCall(l),
  };
}
