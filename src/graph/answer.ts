import type { ZodType } from 'zod';
import { ConnectError, GraphApiError, InterruptedError } from '../errors.js';
import { graphErrorEnvelopeSchema } from '../schemas/graph.js';
import type { PreparedRequest } from './request.js';
import { graphErrorFrom } from './errors.js';

/**
 * Reads a Graph answer: an error envelope (whatever the status) → AuthError / GraphApiError; non-JSON or a non-2xx
 * without envelope → GraphApiError; otherwise the body parsed with `schema`. An empty body reads as `{}`.
 */
export function parseAnswer<T>(
  text: string,
  status: number,
  headers: Record<string, string | string[] | undefined>,
  label: string,
  req: PreparedRequest,
  schema: ZodType<T> | undefined,
  scrub: (s: string) => string,
): T {
  let value: unknown = {};
  if (text.trim() !== '') {
    try {
      value = JSON.parse(text);
    } catch {
      throw new GraphApiError(`${label}: ${status} answered with something that is not JSON: ${scrub(text.slice(0, 120))}`, {
        code: 'GRAPH_RESPONSE',
        hint: 'is --graph-url really a Graph API (or lead-kit mock)?',
        details: { method: req.method, path: req.path, status },
      });
    }
  }
  const envelope = graphErrorEnvelopeSchema.safeParse(value);
  if (envelope.success) {
    const e = { ...envelope.data.error, message: scrub(envelope.data.error.message) };
    throw graphErrorFrom(e, { method: req.method, path: req.path, status, headers });
  }
  if (status < 200 || status > 299) {
    throw new GraphApiError(`${label}: ${status} without a Graph error envelope: ${scrub(text.slice(0, 120))}`, {
      code: 'GRAPH_RESPONSE',
      hint: 'retry later; if it persists, check --graph-url',
      details: { method: req.method, path: req.path, status },
    });
  }
  if (!schema) return value as T;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
  throw new GraphApiError(`${label}: ${status} answered in an unexpected shape (${issues.join('; ')})`, {
    code: 'GRAPH_SHAPE',
    hint: 'run again with --debug to see the request; Meta may have changed the format, or --api-version is too old',
    details: { method: req.method, path: req.path, status, issues: parsed.error.issues },
  });
}

const CONNECT_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ETIMEDOUT'];

/** Turns an undici failure into ConnectError (unreachable, timeout) or InterruptedError (Ctrl-C). */
export function transportError(
  err: unknown,
  c: { label: string; origin: string; timeoutMs: number; timedOut: boolean; aborted: boolean; scrub: (s: string) => string },
): Error {
  if (c.aborted) return new InterruptedError();
  const code = (err as { code?: string }).code ?? '';
  const cause = (err as { cause?: { code?: string } }).cause?.code ?? '';
  const name = (err as { name?: string }).name ?? '';
  if (c.timedOut || name === 'TimeoutError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new ConnectError(`${c.label}: no answer from ${c.origin} within ${c.timeoutMs} ms`, {
      details: { timeout: true, timeoutMs: c.timeoutMs },
      hint: 'Graph did not answer in time; retry, or allow longer with --timeout <ms>',
      cause: err,
    });
  }
  if (code.startsWith('UND_') || CONNECT_CODES.includes(code) || CONNECT_CODES.includes(cause)) {
    const why = CONNECT_CODES.includes(cause) ? cause : code || c.scrub((err as Error).message);
    return new ConnectError(`${c.label}: cannot reach ${c.origin} (${why})`, {
      hint: 'check --graph-url / LEAD_KIT_GRAPH_URL (is `lead-kit mock` running?) and your network',
      cause: err,
    });
  }
  return err instanceof Error ? err : new Error(String(err));
}
