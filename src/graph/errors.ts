import { AuthError, GraphApiError, type LeadKitError } from '../errors.js';
import type { GraphErrorBody } from '../schemas/graph.js';
import { findKnownError, TOKEN_SUBCODES } from './known-errors.js';

/** Rate-limit headers worth keeping with a throttling error (names third-party corroborated, https://developers.facebook.com/docs/graph-api/overview/rate-limiting). */
const USAGE_HEADERS = ['x-app-usage', 'x-business-use-case-usage', 'x-page-usage', 'x-ad-account-usage'];

export interface GraphErrorContext {
  method: string;
  /** path without query, e.g. `/v26.0/me/thread_owner` */
  path: string;
  status: number;
  headers?: Readonly<Record<string, string | string[] | undefined>>;
}

/**
 * Turns Graph's error envelope into lead-kit's typed error: code 190 (or 102, or an OAuthException without a code)
 * → AuthError (exit 4),
 * anything else → GraphApiError (exit 5). The message follows ofetch (`[GET] /v26.0/me: 400 (#100) …`); the hint
 * comes from the known-errors table; status, code, subcode and fbtrace_id stay in `details`.
 * The HTTP status is not used to decide: which status pairs with which error is unconfirmed (https://developers.facebook.com/docs/messenger-platform/error-codes).
 */
export function graphErrorFrom(e: GraphErrorBody, ctx: GraphErrorContext): LeadKitError {
  const code = e.code;
  const subcode = e.error_subcode;
  const raw = e.message.trim() || e.error_user_msg || 'no message';
  const text = code !== undefined && !/^\(#\d+\)/.test(raw) ? `(#${code}) ${raw}` : raw;
  const extra = [subcode !== undefined ? `subcode ${subcode}` : '', e.fbtrace_id ? `fbtrace_id ${e.fbtrace_id}` : ''].filter(Boolean);
  const message = `[${ctx.method}] ${ctx.path}: ${ctx.status} ${text}${extra.length ? ` (${extra.join(', ')})` : ''}`;
  const known = findKnownError(e);
  const details: Record<string, unknown> = {
    method: ctx.method,
    path: ctx.path,
    status: ctx.status,
    type: e.type,
    code,
    subcode,
    fbtrace_id: e.fbtrace_id,
    is_transient: e.is_transient,
    error_user_title: e.error_user_title,
    error_user_msg: e.error_user_msg,
    known: known?.id,
    explanation: known?.explanation,
  };
  for (const name of USAGE_HEADERS) {
    const v = ctx.headers?.[name];
    if (v !== undefined) details[name] = Array.isArray(v) ? v.join(', ') : v;
  }
  // Meta types most Messenger errors OAuthException, "(#100) No matching user found" among them, so the type alone
  // does not mean the token is bad: only code 190 (and 102, session) or an OAuthException without a code do.
  const isAuth = code === 190 || code === 102 || (e.type === 'OAuthException' && code === undefined);
  if (isAuth) {
    const why = subcode !== undefined ? TOKEN_SUBCODES[subcode] : undefined;
    const base = known?.id === 'invalid-token' ? known : findKnownError({ code: 190 });
    const hint = `${why ?? base?.explanation ?? 'the token was rejected'}: ${base?.fix ?? 'pass a valid token'}`;
    return new AuthError(message, { code: 'GRAPH_AUTH', hint, details });
  }
  const hint = known ? `${known.explanation}: ${known.fix}` : undefined;
  return new GraphApiError(message, { hint, details });
}
