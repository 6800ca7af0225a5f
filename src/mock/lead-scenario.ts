import type { MessengerField } from '../schemas/mock-config.js';
import type { Answer } from '../webhooks/build.js';
import { DEFAULTS } from '../webhooks/defaults.js';
import { buildFlow, type FlowInput, type Scenario } from '../webhooks/flow.js';
import { LEADGEN_APP_ID } from '../webhooks/ids.js';
import { graphErrors } from './errors.js';
import { answeredIn, applyFlowStep, beginLeadFlow, FLOW_FIELDS, personWrites } from './lead-flow.js';
import type { MockRuntime } from './routes.js';
import type { MockPage, Thread } from './state.js';

/**
 * A whole lead-ad scenario inside the mock (`lead-kit mock --scenario`, `POST /__lead-kit/lead-flow`), in one
 * call or in two: `start` leaves the Messenger Leadgen app owning the thread (optionally paused at a question),
 * so an app's Send API call during the flow can be tested (it is refused while the ad's "Block Send API" is on,
 * https://developers.facebook.com/docs/messenger-platform/discovery/lead-generation-ads-in-messenger);
 * `finish` answers the remaining questions and sends the flow's webhooks.
 */

export interface ScenarioRun {
  scenario: Scenario;
  page_id: string;
  psid: string;
  app_id: string | null;
  deliveries: Array<{ kind: string; app_id: string; field: MessengerField; queued: boolean }>;
}

export interface ScenarioOptions {
  psid?: string;
  appId?: string;
  answers?: readonly Answer[];
  expirationDays?: unknown;
  blockSendApi?: boolean;
  /** `start` only: stop after this many answers, with the next question asked @default every answer */
  pauseAfter?: number;
}

export interface StartedFlow {
  scenario: Scenario;
  page_id: string;
  psid: string;
  app_id: string | null;
  in_lead_flow: true;
  /** the question the person has not answered yet, or null when every answer is in */
  paused_at: string | null;
}

interface Pending {
  scenario: Scenario;
  input: FlowInput;
  answered: readonly Answer[];
  /** answers entered so far */
  done: number;
  expirationDays: unknown;
}

/** Flows started and not yet finished, per conversation. */
const pending = new WeakMap<Thread, Pending>();

/** Starts a scenario: the Leadgen app owns the thread, the answers (up to `pauseAfter`) are in the history. */
export function startLeadScenario(rt: MockRuntime, page: MockPage, scenario: Scenario, o: ScenarioOptions): StartedFlow {
  const psid = o.psid ?? DEFAULTS.psid;
  const connected = [...page.connections.keys()].filter((id) => id !== page.defaultAppId);
  const appId = o.appId ?? connected[0] ?? page.defaultAppId ?? DEFAULTS.appId;
  const answers = o.answers ?? DEFAULTS.answers;
  const input: FlowInput = {
    ...DEFAULTS,
    pageId: page.id,
    psid,
    app: { id: appId, name: rt.state.appName(appId) },
    answers,
    summary: true,
    keyword: DEFAULTS.keyword,
    standbyApps: [...page.connections.keys()].filter((id) => id !== appId).map((id) => ({ id, name: rt.state.appName(id) })),
    appIdType: page.unconfirmed.webhook_app_id,
    startMs: rt.clock.now(),
    timestamps: 'doc',
  };
  const answered = answeredIn(scenario, answers);
  const done = Math.min(o.pauseAfter ?? answered.length, answered.length);
  const t = beginLeadFlow(rt, page, {
    psid,
    appId: scenario === 'no-app' ? null : appId,
    answers: answered.slice(0, done),
    blockSendApi: o.blockSendApi ?? true,
  });
  const next = answered[done];
  // Paused at a question: the Leadgen app has asked it and waits for the person's answer.
  if (next !== undefined) rt.state.addMessage(page, t, 'page', next.question, LEADGEN_APP_ID);
  pending.set(t, { scenario, input, answered, done, expirationDays: o.expirationDays });
  return {
    scenario,
    page_id: page.id,
    psid,
    app_id: scenario === 'no-app' ? null : appId,
    in_lead_flow: true,
    paused_at: next?.question ?? null,
  };
}

/** Finishes a started scenario: the remaining answers, then the flow's state changes and webhooks in order. */
export async function finishLeadScenario(rt: MockRuntime, page: MockPage, psid: string): Promise<ScenarioRun> {
  const t = rt.state.thread(page, psid);
  const p = t === undefined ? undefined : pending.get(t);
  if (t === undefined || p === undefined || t.leadFlow === null) {
    throw graphErrors.param(`no lead flow is waiting for PSID ${psid}: POST /__lead-kit/lead-flow {"step": "start"} first`);
  }
  pending.delete(t);
  p.answered.slice(p.done).forEach((a, i) => {
    // The first remaining question was asked when the flow paused.
    if (i > 0) rt.state.addMessage(page, t, 'page', a.question, LEADGEN_APP_ID);
    personWrites(rt, page, psid, a.answer);
  });
  const run: ScenarioRun = {
    scenario: p.scenario,
    page_id: page.id,
    psid,
    app_id: p.scenario === 'no-app' ? null : p.input.app.id,
    deliveries: [],
  };
  for (const step of buildFlow(p.scenario, p.input)) {
    applyFlowStep(rt, page, psid, step, p.expirationDays);
    if (step.type !== 'delivery') continue;
    const field = FLOW_FIELDS[step.kind] ?? 'messages';
    run.deliveries.push({ kind: step.kind, app_id: step.app.id, field, queued: rt.webhooks.send(page, step.app.id, field, step.body) });
  }
  await rt.webhooks.flush();
  return run;
}

/** Runs a whole scenario in one call: start, then finish. */
export function runLeadScenario(rt: MockRuntime, page: MockPage, scenario: Scenario, o: ScenarioOptions): Promise<ScenarioRun> {
  const started = startLeadScenario(rt, page, scenario, o);
  return finishLeadScenario(rt, page, started.psid);
}
