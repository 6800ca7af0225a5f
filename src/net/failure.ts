/** Why an exchange got no answer, the same way for every command that sends (simulate, handshake, replay). */
export type ExchangeFailure = 'connect' | 'timeout' | 'aborted' | 'error';

/** Error codes (of the error or its cause) that mean the endpoint could not be reached or dropped the connection. */
export const CONNECT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

/** Error codes that mean no complete answer came in time (lead-kit's own limit, or undici's). */
export const TIMEOUT_CODES: ReadonlySet<string> = new Set(['LEAD_KIT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/**
 * Sorts a failed exchange into one of the failures above with a one-line reason: `aborted` when the caller's
 * signal fired (Ctrl-C), `timeout` after `giveUpMs` without an answer, `connect` for an unreachable endpoint
 * (the reason starts with the system's code), `error` for anything else.
 */
export function classifyFailure(err: unknown, aborted: boolean, giveUpMs: number): { failure: ExchangeFailure; reason: string } {
  if (aborted) return { failure: 'aborted', reason: 'interrupted' };
  const e = err as { code?: unknown; name?: unknown; message?: unknown; cause?: { code?: unknown } } | null | undefined;
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message : String(err);
  if (TIMEOUT_CODES.has(code) || e?.name === 'TimeoutError') return { failure: 'timeout', reason: `no answer within ${giveUpMs} ms` };
  const cause = typeof e?.cause?.code === 'string' ? e.cause.code : undefined;
  if (CONNECT_CODES.has(code) || (cause !== undefined && CONNECT_CODES.has(cause)))
    return { failure: 'connect', reason: `${cause ?? code}: ${message}` };
  return { failure: 'error', reason: message };
}
