import type { Answer } from '../webhooks/build.js';
import { scenarios, type FlowStep, type Scenario } from '../webhooks/flow.js';
import { graphErrors } from './errors.js';
import { answeredIn, applyFlowStep, beginLeadFlow } from './lead-flow.js';
import { stringParam } from './request.js';
import type { MockRuntime } from './routes.js';
import type { MockPage } from './state.js';

/**
 * The routes `simulate --graph-url` drives a running mock with: the flow's deliveries come from simulate, and
 * the mock's state follows them (the Leadgen app owns the thread, then passes or releases it), as with `--mock`.
 */
export const remoteFlowRoutes = [
  'POST /__lead-kit/lead-flow/begin {"psid", "scenario", "app_id" | null, "answers": [{question, answer}], "page_id"?}',
  'POST /__lead-kit/lead-flow/step {"psid", "step": {"type": "state"} | {"type": "delivery", "kind", "app": {"id"}, "body"}, "page_id"?}',
];

export function remoteFlowStep(rt: MockRuntime, route: string, params: Record<string, unknown>, page: MockPage): unknown {
  const psid = stringParam(params, 'psid');
  if (psid === undefined || !/^\d+$/.test(psid)) throw graphErrors.param('"psid" must be a numeric PSID');
  if (route === 'POST lead-flow/begin') {
    const scenario = stringParam(params, 'scenario') ?? 'complete';
    if (!(scenarios as readonly string[]).includes(scenario)) throw graphErrors.param(`scenario must be one of ${scenarios.join(', ')}`);
    const answers = Array.isArray(params.answers)
      ? (params.answers as Answer[]).filter((a) => typeof a?.question === 'string' && typeof a?.answer === 'string')
      : [];
    const appId = params.app_id === null ? null : (stringParam(params, 'app_id') ?? null);
    beginLeadFlow(rt, page, { psid, appId, answers: answeredIn(scenario as Scenario, answers) });
    return { psid, page_id: page.id, default_app_id: page.defaultAppId };
  }
  const step = params.step as FlowStep | undefined;
  if (step === undefined || step === null || typeof step !== 'object' || (step.type !== 'state' && step.type !== 'delivery'))
    throw graphErrors.param('"step" must be {"type": "state"} or {"type": "delivery", "kind", "app", "body"}');
  if (step.type === 'delivery' && (typeof step.app?.id !== 'string' || typeof step.kind !== 'string'))
    throw graphErrors.param('a delivery step needs "kind" and "app": {"id"}');
  applyFlowStep(rt, page, psid, step);
  return { success: true };
}
