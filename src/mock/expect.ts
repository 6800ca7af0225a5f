import { UsageError } from '../errors.js';
import { displayTarget, type RecordedCall } from './calls.js';
import { waitForCalls } from './wait.js';
import { evaluateCounted, isCounted, parseCountedExpectation, settled, type CountedExpectation } from './expect-counted.js';

export type { Difference, ExpectContext, ExpectationResult, Observed };
import type { Difference, ExpectContext, ExpectationResult, Observed } from './expect-result.js';
import { evaluateLeadgen, isLeadgenExpectation } from './expect-leadgen.js';

/** What `simulate --expect` can check about the app's Graph calls. */
export type Expectation =
  | { kind: 'reply' }
  | { kind: 'pass'; appId?: string }
  | { kind: 'release' }
  | { kind: 'no-send-during-flow' }
  | { kind: 'lead-event' }
  | { kind: 'fetched-lead' }
  | { kind: 'no-fetch-on-forged' }
  | CountedExpectation;

export const expectationHelp =
  'reply | reply:once | no-reply | pass | pass:<app-id> | release | no-send-during-flow | lead-event | status:<code> | fetched-lead | no-fetch-on-forged';

/** Parses one `--expect` value; anything else is a usage error. */
export function parseExpectation(raw: string): Expectation {
  const s = raw.trim();
  if (s === 'reply' || s === 'release' || s === 'no-send-during-flow' || s === 'lead-event') return { kind: s };
  if (s === 'pass') return { kind: 'pass' };
  if (isLeadgenExpectation(s)) return { kind: s };
  const m = /^pass:(\d+)$/.exec(s);
  if (m) return { kind: 'pass', appId: m[1]! };
  const counted = parseCountedExpectation(s);
  if (counted) return counted;
  throw new UsageError(`--expect "${raw}" is not an expectation`, { hint: `use ${expectationHelp}` });
}

export function expectationName(e: Expectation): string {
  if (isCounted(e)) return e.kind === 'status' ? `status:${e.code}` : e.kind === 'reply-once' ? 'reply:once' : e.kind;
  return e.kind === 'pass' && e.appId !== undefined ? `pass:${e.appId}` : e.kind;
}

const EDGE_ACTIONS: Record<string, Observed['action']> = {
  pass_thread_control: 'pass',
  release_thread_control: 'release',
  take_thread_control: 'take',
  request_thread_control: 'request',
  extend_thread_control: 'extend',
  messages: 'send',
};

/** What each recorded call did, in order. */
export function observe(calls: readonly RecordedCall[], ctx: ExpectContext): Observed[] {
  const out: Observed[] = [];
  for (const c of calls) {
    const edge = c.route.split('/').pop() ?? '';
    const action = c.method === 'POST' ? (EDGE_ACTIONS[edge] ?? 'other') : 'other';
    const base: Observed = {
      seq: c.seq,
      action,
      psid: c.psid,
      status: c.status,
      call: `${c.method} ${displayTarget({ path: c.path, query: {} })}`,
      duringFlow: c.during_lead_flow,
    };
    if (c.error) base.error = `${c.error.message} [${c.error.code}${c.error.error_subcode ? `/${c.error.error_subcode}` : ''}]`;
    const params = { ...c.query, ...c.body } as Record<string, unknown>;
    if (action === 'pass')
      base.target =
        typeof params.target_app_id === 'string' || typeof params.target_app_id === 'number'
          ? String(params.target_app_id)
          : (ctx.defaultAppId ?? undefined);
    if (action === 'send' && params.message === undefined) base.action = 'other';
    const lead = c.method === 'POST' ? leadEventPsid(edge, params) : undefined;
    if (lead !== undefined) {
      base.action = 'lead-event';
      base.psid = lead;
    }
    out.push(base);
    const tc = params.thread_control as Record<string, unknown> | undefined;
    if (action === 'send' && tc !== null && typeof tc === 'object') {
      const pass = tc.payload === 'pass_thread_control' || tc.control_type === 'pass';
      const o: Observed = { ...base, action: pass ? 'pass' : 'release' };
      if (pass) {
        const target = tc.payload === undefined && tc.app_id !== undefined ? String(tc.app_id) : ctx.defaultAppId;
        if (target !== null) o.target = target;
      }
      out.push(o);
    }
  }
  return out;
}

/**
 * The PSID a lead event names: `lead_submitted` through page_activities (https://developers.facebook.com/docs/messenger-platform/analytics/messaging-events-api), or a `LeadSubmitted`
 * Conversions API event (its replacement). Other events are not lead events.
 */
function leadEventPsid(edge: string, params: Record<string, unknown>): string | undefined {
  if (edge === 'page_activities') {
    const events = Array.isArray(params.custom_events) ? (params.custom_events as Array<{ _eventName?: unknown }>) : [];
    return events.some((e) => e?._eventName === 'lead_submitted') ? String(params.page_scoped_user_id) : undefined;
  }
  if (edge === 'events') {
    const data = Array.isArray(params.data)
      ? (params.data as Array<{ event_name?: unknown; user_data?: { page_scoped_user_id?: unknown } }>)
      : [];
    const e = data.find((d) => d?.event_name === 'LeadSubmitted');
    return e === undefined ? undefined : String(e.user_data?.page_scoped_user_id);
  }
  return undefined;
}

/** Checks one expectation against what the app did. */
export function evaluate(e: Expectation, observed: readonly Observed[], ctx: ExpectContext): ExpectationResult {
  const name = expectationName(e);
  if (isCounted(e)) return evaluateCounted(e, observed, ctx);
  if (e.kind === 'no-send-during-flow') {
    const bad = observed.filter((o) => o.action === 'send' && o.duringFlow);
    const r: ExpectationResult = {
      expect: name,
      ok: bad.length === 0,
      wanted: 'no Send API call while the Leadgen app owned the thread',
      near_misses: [],
    };
    if (bad.length > 0) r.violations = bad.map((o) => ({ seq: o.seq, call: o.call, status: o.status }));
    return r;
  }
  const want: Record<string, string> = { action: e.kind === 'reply' ? 'send' : e.kind, psid: ctx.psid, status: '200' };
  const describe = (): string => {
    if (want.action === 'send') return 'a Send API message';
    if (want.action === 'lead-event') return 'a lead event (lead_submitted via page_activities, or LeadSubmitted via the Conversions API)';
    return `${want.action} control${want.target ? ` to ${want.target}` : ''}`;
  };
  if (e.kind === 'pass' && e.appId !== undefined) want.target = e.appId;
  const wanted = `${describe()} for PSID ${ctx.psid}, answered 200`;
  const diffs = (o: Observed): Difference[] => {
    const got: Record<string, string> = {
      action: o.action,
      psid: o.psid ?? '(none)',
      status: o.error ? `${o.status} ${o.error}` : String(o.status),
      target: o.target ?? '(default app)',
    };
    // A target only means something for a pass: a different action is difference enough.
    const keys = Object.keys(want).filter((k) => k !== 'target' || o.action === want.action);
    return keys
      .filter((k) => (k === 'status' ? o.status !== 200 : got[k] !== want[k]))
      .map((k) => ({ field: k, expected: want[k]!, actual: got[k]! }));
  };
  const scored = observed.map((o) => ({ o, d: diffs(o) }));
  const hit = scored.find((s) => s.d.length === 0);
  if (hit) return { expect: name, ok: true, wanted, matched: { seq: hit.o.seq, call: hit.o.call }, near_misses: [] };
  // The nearest misses: calls that did the expected action, else the closest of the rest.
  const sameAction = scored.filter((s) => s.o.action === want.action);
  const pool =
    sameAction.length > 0 ? sameAction : scored.filter((s) => s.o.action !== 'other' || observed.every((o) => o.action === 'other'));
  const near = pool
    .sort((a, b) => a.d.length - b.d.length || b.o.seq - a.o.seq)
    .slice(0, sameAction.length > 0 ? 3 : 2)
    .map((s) => ({ seq: s.o.seq, call: s.o.call, differences: s.d }));
  return { expect: name, ok: false, wanted, near_misses: near };
}

/** Checks every expectation at once. */
export function evaluateAll(expectations: readonly Expectation[], calls: readonly RecordedCall[], ctx: ExpectContext): ExpectationResult[] {
  const observed = observe(calls, ctx);
  return expectations.map((e) =>
    e.kind === 'fetched-lead' || e.kind === 'no-fetch-on-forged' ? evaluateLeadgen(e.kind, calls, ctx) : evaluate(e, observed, ctx),
  );
}

/**
 * Waits up to `withinMs` for the positive expectations to be met, re-checking on every new call, then
 * returns the results (no-send-during-flow is about the past, so it never waits).
 */
export function waitForExpectations(
  source: { calls: readonly RecordedCall[]; onCall(l: (c: RecordedCall) => void): () => void },
  expectations: readonly Expectation[],
  ctx: ExpectContext,
  withinMs: number,
  signal?: AbortSignal,
): Promise<ExpectationResult[]> {
  const check = (): ExpectationResult[] => evaluateAll(expectations, source.calls, ctx);
  // no-fetch-on-forged is only known once the window has passed, so it always waits the whole window.
  const done = (r: ExpectationResult[]): boolean =>
    !expectations.some((e) => e.kind === 'no-fetch-on-forged') && r.every((x, i) => settled(expectations[i]!, x));
  return waitForCalls(source, () => done(check()), withinMs, signal).then(check);
}
