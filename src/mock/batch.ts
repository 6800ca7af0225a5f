import { answerValue } from './answer.js';
import { redactParams, type RecordedCall } from './calls.js';
import { envelope, graphErrors, MockGraphError } from './errors.js';
import { parseLenientJson } from './lenient-json.js';
import { buildParams, effectiveMethod, parseBody, parseTarget, recipientId, tokenOf, type ParsedRequest } from './request.js';
import type { MockRuntime, Trace } from './context.js';

/**
 * Graph batch requests (https://developers.facebook.com/docs/graph-api/batch-requests): a POST whose `batch`
 * parameter is a JSON array of `{method, relative_url, body?}` (up to 50). Each operation goes through the
 * same routes, rules and call log as a direct call; the answer is an array of `{code, headers?, body}` where
 * `body` is the operation's JSON as a string, in the order of the operations.
 */

/** "Batch requests are limited to 50 requests per batch" (Graph batch requests, Limitations). */
export const MAX_BATCH = 50;

export interface BatchAnswer {
  code: number;
  headers?: Array<{ name: string; value: string }>;
  body: string;
}

type Dispatch = (rt: MockRuntime, req: ParsedRequest, trace: Trace) => unknown;

interface Operation {
  method?: unknown;
  relative_url?: unknown;
  body?: unknown;
}

function operations(raw: unknown): Operation[] {
  let list = raw;
  if (typeof raw === 'string') {
    try {
      list = parseLenientJson(raw.trim());
    } catch (err) {
      throw graphErrors.param(`param batch must be a JSON array: ${(err as Error).message}`);
    }
  }
  if (!Array.isArray(list) || list.length === 0)
    throw graphErrors.param('param batch must be a non-empty JSON array of {"method", "relative_url", "body"}');
  if (list.length > MAX_BATCH) throw graphErrors.param(`Too many requests in batch message. Maximum batch size is ${MAX_BATCH}`);
  return list.map((op, i) => {
    if (op === null || typeof op !== 'object' || Array.isArray(op))
      throw graphErrors.param(`batch[${i}] must be an object with method and relative_url`);
    return op as Operation;
  });
}

/** The parsed inner request: its own token, else the batch's (with the batch's appsecret_proof). */
function innerRequest(
  op: Operation,
  i: number,
  outer: ParsedRequest,
): { req: ParsedRequest; query: Record<string, string>; body: Record<string, unknown> } {
  if (typeof op.relative_url !== 'string' || op.relative_url.trim() === '') throw graphErrors.param(`batch[${i}].relative_url is required`);
  const rel = op.relative_url.trim();
  // JSONPath references ({result=name:$.id}) between operations are not modelled: say so rather than guess.
  if (rel.includes('{result=') || (typeof op.body === 'string' && op.body.includes('{result=')))
    throw graphErrors.param('JSONPath references between batch operations ({result=…}) are not supported by the lead-kit mock');
  const target = parseTarget(rel.startsWith('/') ? rel : `/${rel}`);
  let body: Record<string, unknown> = {};
  if (typeof op.body === 'string') body = parseBody(Buffer.from(op.body), 'application/x-www-form-urlencoded');
  else if (op.body !== undefined && op.body !== null && typeof op.body === 'object' && !Array.isArray(op.body))
    body = { ...(op.body as Record<string, unknown>) };
  const method = effectiveMethod(typeof op.method === 'string' ? op.method.toUpperCase() : 'GET', target.query);
  let params = buildParams(target.query, body);
  let token = tokenOf(params, undefined);
  if (token === undefined && outer.token !== undefined) {
    token = outer.token;
    const proof = outer.params.appsecret_proof;
    if (proof !== undefined && params.appsecret_proof === undefined) params = { ...params, appsecret_proof: proof };
  }
  return { req: { ...target, method, body, params, token }, query: target.query, body };
}

const HEADERS = [{ name: 'Content-Type', value: 'application/json; charset=UTF-8' }];

/** Runs every operation of a batch in order and records each one in the call log (route, app, status). */
export function runBatch(rt: MockRuntime, outer: ParsedRequest, trace: Trace, dispatch: Dispatch): BatchAnswer[] {
  trace.route = 'POST / (batch)';
  if (outer.method !== 'POST') throw graphErrors.wrongMethod(outer.method);
  const includeHeaders = outer.params.include_headers !== false && outer.params.include_headers !== 'false';
  return operations(outer.params.batch).map((op, i) => {
    const started = performance.now();
    const inner: Trace = {};
    let query: Record<string, string> = {};
    let body: Record<string, unknown> = {};
    let req: ParsedRequest | undefined;
    let status = 200;
    let response: unknown;
    let error: RecordedCall['error'];
    let duringFlow = false;
    try {
      ({ req, query, body } = innerRequest(op, i, outer));
      if (req.segments.length === 0) throw graphErrors.param(`batch[${i}]: a batch cannot contain another batch`);
      const page = req.token === undefined ? undefined : rt.state.tokens.get(req.token)?.page;
      const psid = psidOf(req.params);
      duringFlow = page !== undefined && psid !== null && page.threads.get(psid)?.leadFlow != null;
      response = answerValue(dispatch(rt, req, inner));
    } catch (err) {
      const e = err instanceof MockGraphError ? err : graphErrors.unknown();
      const page = inner.caller?.page ?? (req?.token === undefined ? undefined : rt.state.tokens.get(req.token)?.page);
      status = e.status ?? page?.unconfirmed.error_status ?? 400;
      response = envelope(e);
      error = { code: e.code, message: e.message, ...(e.subcode === undefined ? {} : { error_subcode: e.subcode }) };
    }
    rt.calls.add(batchCall(rt, op, req, inner, { query, body, status, response, error, started, duringFlow }));
    const answer: BatchAnswer = { code: status, body: JSON.stringify(response) };
    return includeHeaders ? { code: status, headers: HEADERS, body: answer.body } : answer;
  });
}

function psidOf(params: Record<string, unknown>): string | null {
  try {
    return recipientId(params) ?? null;
  } catch {
    return null;
  }
}

/** One operation of a batch as the call log shows it: like a direct call, with `batch: true`. */
function batchCall(
  rt: MockRuntime,
  op: Operation,
  req: ParsedRequest | undefined,
  trace: Trace,
  r: {
    query: Record<string, string>;
    body: Record<string, unknown>;
    status: number;
    response: unknown;
    error: RecordedCall['error'];
    started: number;
    duringFlow: boolean;
  },
): RecordedCall {
  const psid = req === undefined ? null : psidOf(req.params);
  const page = trace.caller?.page;
  const call: RecordedCall = {
    seq: 0,
    at: new Date(rt.clock.now()).toISOString(),
    method: req?.method ?? (typeof op.method === 'string' ? op.method.toUpperCase() : 'GET'),
    path: req?.path ?? String(op.relative_url ?? ''),
    version: req?.version ?? null,
    route: trace.route ?? 'unknown',
    query: redactParams(r.query, rt.secrets),
    body: redactParams(req === undefined ? r.body : Object.fromEntries(Object.keys(r.body).map((k) => [k, req.params[k]])), rt.secrets),
    page_id: page?.id ?? null,
    app_id: trace.caller?.appId ?? null,
    psid,
    during_lead_flow: r.duringFlow,
    status: r.status,
    response: r.response,
    ms: Math.round((performance.now() - r.started) * 10) / 10,
    batch: true,
  };
  if (r.error) call.error = r.error;
  return call;
}
