import type { RecordedCall } from './calls.js';
import type { ExpectContext } from './expect.js';
import { answeredIn, applyFlowStep, beginLeadFlow } from './lead-flow.js';
import type { MockGraph } from './server.js';
import type { SimulateOptions } from '../webhooks/run-flow.js';

/**
 * Makes a flow that `simulate()` is about to deliver real inside the mock: the lead flow begins in its state (the
 * Leadgen app owns the person's thread), and each step applies its change of control just before its delivery
 * goes out. Returns what expectations are checked against.
 */
export function attachLeadFlow(mock: Pick<MockGraph, 'state' | 'runtime'>, opts: SimulateOptions): ExpectContext {
  const { lead } = opts;
  const page = mock.state.pages.get(lead.pageId);
  if (page === undefined) throw new Error(`Page ${lead.pageId} is not in the mock`);
  beginLeadFlow(mock.runtime, page, { psid: lead.psid, appId: opts.scenario === 'no-app' ? null : lead.app.id, answers: answeredIn(opts.scenario, lead.answers) });
  const previous = opts.onStep;
  opts.onStep = async (step) => {
    applyFlowStep(mock.runtime, page, lead.psid, step);
    await previous?.(step);
  };
  return { psid: lead.psid, defaultAppId: page.defaultAppId };
}

/** The mock's calls after `seq`, as `waitForExpectations` reads them: one case of a suite sees only its own. */
export function callsAfter(mock: Pick<MockGraph, 'calls' | 'onCall'>, seq: number): { readonly calls: readonly RecordedCall[]; onCall(l: (c: RecordedCall) => void): () => void } {
  return {
    get calls() {
      return mock.calls.filter((c) => c.seq > seq);
    },
    onCall: (l) => mock.onCall(l),
  };
}
