import { DEFAULTS } from '../webhooks/defaults.js';
import { scenarios, type Scenario } from '../webhooks/flow.js';
import { parseDuration, parseInstant } from './clock.js';
import { scrubText } from './calls.js';
import { configurableErrorDefaults, graphErrors } from './errors.js';
import { graphTime } from './fields.js';
import { personWrites } from './lead-flow.js';
import { finishLeadScenario, runLeadScenario, startLeadScenario, type ScenarioOptions } from './lead-scenario.js';
import { stringParam } from './request.js';
import type { MockRuntime } from './routes.js';
import type { MockPage } from './state.js';
import { remoteFlowRoutes, remoteFlowStep } from './inspect-flow.js';

/** The inspection and control routes under `/__lead-kit/`; they are never recorded as calls. */
export const INSPECT_PREFIX = '__lead-kit';

export const inspectRoutes = [
  'GET /__lead-kit/clock',
  'POST /__lead-kit/clock {"advance": "25h"} | {"set": "2026-11-22T10:00:00Z"} | {"freeze": true}',
  'GET /__lead-kit/calls[?since=<seq>]',
  'DELETE /__lead-kit/calls',
  'GET /__lead-kit/state',
  'GET /__lead-kit/webhooks',
  'POST /__lead-kit/message {"psid", "text", "page_id"?}',
  'POST /__lead-kit/lead-flow {"scenario"?, "psid"?, "app_id"?, "page_id"?, "receiving_app_control_expiration"?, "block_send_api"?, "step"?: "all" | "start" | "finish", "pause_after"?}',
  ...remoteFlowRoutes,
];

/** A request value for an error message: JSON (never a call to a `toString` the request supplied), cut short. */
function shown(v: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(v) ?? typeof v;
  } catch {
    text = typeof v;
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** The clock must stay a valid date (±100,000,000 days around 1970, as JavaScript dates are). */
function inRange(ms: number, what: string): void {
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) throw graphErrors.param(`${what} moves the clock outside the dates it can show`);
}

function clockBody(rt: MockRuntime): unknown {
  const now = rt.clock.now();
  return { now: new Date(now).toISOString(), now_ms: now, frozen: rt.clock.frozen };
}

function pageFor(rt: MockRuntime, params: Record<string, unknown>): MockPage {
  const id = stringParam(params, 'page_id');
  const page = id === undefined ? rt.state.pages.values().next().value : rt.state.pages.get(id);
  if (page === undefined) throw graphErrors.param(`No Page ${id ?? ''} in the mock's configuration`);
  return page;
}

/** `GET /__lead-kit/state`: Pages, apps, conversations and windows, with every token and secret redacted. */
export function stateSnapshot(rt: MockRuntime): unknown {
  const { state } = rt;
  const now = rt.clock.now();
  const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
  return {
    now: new Date(now).toISOString(),
    apps: [...state.apps.values()].map((a) => ({
      id: a.id,
      name: a.name,
      webhook_url: a.webhookUrl ?? null,
      secret: a.secret === undefined ? null : '<APP_SECRET>',
      require_appsecret_proof: a.requireProof,
    })),
    pages: [...state.pages.values()].map((p) => ({
      id: p.id,
      name: p.name,
      rules: p.rules,
      default_app_id: p.defaultAppId,
      unconfirmed: p.unconfirmed,
      connected_apps: [...p.connections.values()].map((c) => ({
        app_id: c.appId,
        name: state.appName(c.appId),
        token: '<PAGE_ACCESS_TOKEN>',
        scopes: c.scopes,
        subscribed_fields: [...c.fields],
        may_take_control: c.mayTakeControl,
      })),
      threads: [...p.threads.keys()].map((psid) => {
        const t = state.thread(p, psid)!;
        return {
          psid,
          owner_app_id: t.ownerAppId,
          owner: state.appName(t.ownerAppId),
          control_expires_at: iso(t.expiresAt),
          control_days: t.controlDays,
          in_lead_flow: t.leadFlow !== null,
          last_person_message_at: iso(t.lastPersonMessageAt),
          window_open: state.windowOpen(t),
          messages: t.messages.map((m) => ({
            id: m.id,
            from: m.from,
            app_id: m.appId ?? null,
            text: scrubText(m.text, rt.secrets),
            created_time: graphTime(m.createdAt),
          })),
        };
      }),
    })),
    error_defaults: configurableErrorDefaults,
    webhooks_sent: rt.webhooks.sent.length,
    calls_recorded: rt.calls.size,
  };
}

/** Answers one inspection route, or throws a Graph error (code 100) for an unknown one. */
export async function inspect(
  rt: MockRuntime,
  method: string,
  segments: readonly string[],
  params: Record<string, unknown>,
): Promise<unknown> {
  const route = `${method} ${segments.slice(1).join('/')}`;
  switch (route) {
    case 'GET ':
      return { routes: inspectRoutes };
    case 'GET clock':
      return clockBody(rt);
    case 'POST clock': {
      if (params.advance !== undefined) {
        const ms = parseDuration(params.advance);
        if (ms === undefined)
          throw graphErrors.param(`advance ${shown(params.advance)} is not a duration: write e.g. "25h", "90m", "7d" or milliseconds`);
        inRange(rt.clock.now() + ms, 'advance');
        rt.clock.advance(ms);
      }
      if (params.set !== undefined) {
        const ms = parseInstant(params.set);
        if (ms === undefined) throw graphErrors.param(`set ${shown(params.set)} is not an ISO 8601 date or epoch milliseconds`);
        inRange(ms, 'set');
        rt.clock.set(ms);
      }
      if (params.freeze !== undefined) rt.clock.freeze(params.freeze === true || params.freeze === 'true');
      return clockBody(rt);
    }
    case 'GET calls': {
      const since = Number(params.since ?? 0);
      return { data: Number.isFinite(since) && since > 0 ? rt.calls.calls.filter((c) => c.seq > since) : rt.calls.calls };
    }
    case 'DELETE calls':
      rt.calls.clear();
      return { success: true };
    case 'GET state':
      return stateSnapshot(rt);
    case 'GET webhooks':
      await rt.webhooks.flush();
      return { data: rt.webhooks.sent };
    case 'POST message': {
      const page = pageFor(rt, params);
      const psid = stringParam(params, 'psid');
      const text = stringParam(params, 'text');
      if (psid === undefined || !/^\d+$/.test(psid) || text === undefined)
        throw graphErrors.param('send {"psid": "<digits>", "text": "…"}');
      const { message, receivers } = personWrites(rt, page, psid, text);
      return { message_id: message.id, messaging: receivers, created_time: graphTime(message.createdAt) };
    }
    case 'POST lead-flow': {
      const page = pageFor(rt, params);
      const scenario = stringParam(params, 'scenario') ?? 'complete';
      if (!(scenarios as readonly string[]).includes(scenario)) throw graphErrors.param(`scenario must be one of ${scenarios.join(', ')}`);
      const psid = stringParam(params, 'psid');
      const appId = stringParam(params, 'app_id');
      const step = stringParam(params, 'step') ?? 'all';
      if (step !== 'all' && step !== 'start' && step !== 'finish') throw graphErrors.param('step must be one of all, start, finish');
      // Two steps: start leaves the Leadgen app owning the thread (lead-scenario.ts); finish sends the webhooks.
      if (step === 'finish') return finishLeadScenario(rt, page, psid ?? DEFAULTS.psid);
      const o: ScenarioOptions = {
        expirationDays: params.receiving_app_control_expiration,
        blockSendApi: params.block_send_api !== false && params.block_send_api !== 'false',
      };
      if (psid !== undefined) o.psid = psid;
      if (appId !== undefined) o.appId = appId;
      if (params.pause_after !== undefined) {
        const n = Number(params.pause_after);
        if (step !== 'start' || !Number.isInteger(n) || n < 0)
          throw graphErrors.param('pause_after must be a whole number ≥ 0, with "step": "start"');
        o.pauseAfter = n;
      }
      return step === 'start' ? startLeadScenario(rt, page, scenario as Scenario, o) : runLeadScenario(rt, page, scenario as Scenario, o);
    }
    case 'POST lead-flow/begin':
    case 'POST lead-flow/step':
      return remoteFlowStep(rt, route, params, pageFor(rt, params));
    default:
      throw graphErrors.unknownPath(`/${segments.join('/')}`);
  }
}
