import type { ChalkInstance } from 'chalk';
import type { Attempt } from '../webhooks/retry.js';

/** One attempt of `webhook --endpoint --retries meta`, in the JSON report. */
export interface AttemptSummary {
  attempt: number;
  waited_ms: number;
  status: number | null;
  ms: number;
  ok: boolean;
  reason?: string;
}

/** One attempt for the JSON report. */
export function attemptSummary(a: Attempt): AttemptSummary {
  const o = a.outcome;
  return {
    attempt: a.attempt,
    waited_ms: a.waitedMs,
    status: o.status,
    ms: o.ms,
    ok: o.ok,
    ...(o.reason === undefined ? {} : { reason: o.reason }),
  };
}

/** `attempt 2 after 500 ms (same bytes): 500 answered 500` */
export function renderAttemptLine(a: Attempt, c: ChalkInstance): string {
  const o = a.outcome;
  const status = o.status === null ? 'no answer' : String(o.status);
  const when = a.attempt === 1 ? 'attempt 1' : `attempt ${a.attempt} after ${a.waitedMs} ms (same bytes and signature)`;
  return `${o.ok ? c.green('✓') : c.red('✗')} ${when}: ${status} ${c.dim(`${o.ms} ms`)}${o.ok ? '' : c.red(`  ${o.reason ?? ''}`)}`;
}
