import { graphErrors } from './errors.js';
import type { MockLead } from './leadgen-state.js';
import { parseLenientJson } from './lenient-json.js';
import { stringParam, type ParsedRequest } from './request.js';

/** Graph's cursor paging and the Bulk Read time filter, for the mock's lead and form lists. */
const OPERATORS: Readonly<Record<string, (a: number, b: number) => boolean>> = {
  LESS_THAN: (a, b) => a < b,
  GREATER_THAN: (a, b) => a > b,
  GREATER_THAN_OR_EQUAL: (a, b) => a >= b,
};

/** A parameter holding a JSON array: a (lenient) JSON string in a query or form, or an array in a JSON body. */
export function jsonArrayParam(name: string, raw: unknown, shape: string): unknown[] {
  let list: unknown = raw;
  if (typeof raw === 'string') {
    try {
      list = parseLenientJson(raw);
    } catch (err) {
      throw graphErrors.param(`param ${name} must be a JSON array: ${(err as Error).message}`);
    }
  }
  if (!Array.isArray(list)) throw graphErrors.param(`param ${name} must be a JSON array of ${shape}`);
  return list;
}

/** `filtering=[{"field":"time_created","operator":"GREATER_THAN","value":<unix>}]` (Retrieving Leads, Bulk Read). */
export function timeFilter(raw: unknown): (l: MockLead) => boolean {
  if (raw === undefined || raw === '') return () => true;
  const list = jsonArrayParam('filtering', raw, '{field, operator, value}');
  const tests = list.map((f: unknown, i) => {
    const o = (f ?? {}) as Record<string, unknown>;
    if (o.field !== 'time_created')
      throw graphErrors.param(`Filtering field ${String(o.field)} is not supported: filtering[${i}].field must be time_created`);
    const op = OPERATORS[String(o.operator)];
    if (op === undefined) throw graphErrors.param(`filtering[${i}].operator must be one of ${Object.keys(OPERATORS).join(', ')}`);
    const value = Number(o.value);
    if (!Number.isFinite(value)) throw graphErrors.param(`filtering[${i}].value must be a unix time in seconds`);
    return (l: MockLead): boolean => op(Math.floor(l.createdAt / 1000), value);
  });
  return (l) => tests.every((t) => t(l));
}

const cursor = (id: string): string => Buffer.from(id, 'utf8').toString('base64url');
const uncursor = (c: string): string => Buffer.from(c, 'base64url').toString('utf8');

/** Cursor paging: `limit` (default 25), `after`/`before` → `{data, paging: {cursors: {before, after}}}`. */
export function paged<T>(
  req: Pick<ParsedRequest, 'params' | 'query' | 'path' | 'host'>,
  items: readonly T[],
  toJson: (t: T) => unknown,
  idOf: (t: T) => string,
): unknown {
  const limitRaw = stringParam(req.params, 'limit');
  const limit = limitRaw === undefined ? 25 : Number(limitRaw);
  if (!Number.isInteger(limit) || limit < 1) throw graphErrors.param('param limit must be a positive integer');
  const after = stringParam(req.params, 'after');
  const before = stringParam(req.params, 'before');
  let start = 0;
  let end: number;
  if (after !== undefined) {
    const i = items.findIndex((t) => idOf(t) === uncursor(after));
    start = i === -1 ? items.length : i + 1;
    end = Math.min(items.length, start + limit);
  } else if (before !== undefined) {
    const i = items.findIndex((t) => idOf(t) === uncursor(before));
    end = i === -1 ? 0 : i;
    start = Math.max(0, end - limit);
  } else end = Math.min(items.length, limit);
  const slice = items.slice(start, end);
  const out: Record<string, unknown> = { data: slice.map(toJson) };
  if (slice.length > 0) {
    const paging: Record<string, unknown> = { cursors: { before: cursor(idOf(slice[0]!)), after: cursor(idOf(slice[slice.length - 1]!)) } };
    // Graph adds `next` only when there is more; its URL is relative to where the request came from.
    if (end < items.length) paging.next = nextUrl(req, cursor(idOf(slice[slice.length - 1]!)));
    if (start > 0) paging.previous = nextUrl(req, cursor(idOf(slice[0]!)), 'before');
    out.paging = paging;
  }
  return out;
}

/** The same request with a new cursor, keeping the mock's origin when the client sent a Host header. */
function nextUrl(req: Pick<ParsedRequest, 'query' | 'path' | 'host'>, c: string, key: 'after' | 'before' = 'after'): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(req.query)) if (k !== 'after' && k !== 'before') q.set(k, v);
  q.set(key, c);
  const origin = req.host === undefined ? '' : `http://${req.host}`;
  return `${origin}${req.path}?${q.toString()}`;
}
