import { sleep } from '../net/sleep.js';
import { deliver, type DeliveryOutcome, type DeliveryRequest } from './deliver.js';
import { retryGap, type RetryPolicy } from './retry-policy.js';

export interface Attempt {
  /** 1 = the first delivery, 2… = retries */
  attempt: number;
  /** ms waited before this attempt (0 for the first) */
  waitedMs: number;
  outcome: DeliveryOutcome;
}

/**
 * Delivers `req` and, while it fails (non-2xx, over the time limit, no answer, connection refused), sends the
 * identical bytes with the identical headers again after each gap. Stops early when `signal` aborts.
 * `onAttempt` hears each attempt as it ends.
 */
export async function deliverWithRetries(
  req: DeliveryRequest,
  policy: RetryPolicy,
  onAttempt?: (a: Attempt) => void,
  wait: (ms: number, signal?: AbortSignal) => Promise<void> = sleep,
): Promise<Attempt[]> {
  const attempts: Attempt[] = [];
  for (let n = 0; n <= policy.count; n++) {
    const waitedMs = n === 0 ? 0 : retryGap(policy, n);
    if (waitedMs > 0) await wait(waitedMs, req.signal);
    if (req.signal?.aborted) break;
    const outcome = await deliver(req);
    const a: Attempt = { attempt: n + 1, waitedMs, outcome };
    attempts.push(a);
    onAttempt?.(a);
    if (outcome.ok || outcome.failure === 'aborted') break;
  }
  return attempts;
}

/** What Meta would conclude from a run's final outcomes. */
export interface MetaVerdict {
  /** deliveries that still failed after every retry */
  failed: number;
  total: number;
  /** one line for the report */
  summary: string;
}

/** Meta's escalation for failing deliveries (Messenger webhooks page): alert after 15 min, disable after 1 h. */
export const ALERT_AFTER_MIN = 15;
export const DISABLE_AFTER_MIN = 60;

/** The verdict for a run, or undefined when every delivery was accepted in the end. */
export function metaVerdict(finals: readonly DeliveryOutcome[]): MetaVerdict | undefined {
  const failed = finals.filter((o) => !o.ok).length;
  if (failed === 0 || finals.length === 0) return undefined;
  const escalation = `if deliveries keep failing, Meta alerts the developer after ${ALERT_AFTER_MIN} minutes and disables the webhook subscription after 1 hour (the app must re-subscribe to the Page)`;
  const summary =
    failed === finals.length
      ? `every delivery failed: ${escalation}`
      : `${failed} of ${finals.length} deliveries failed after their retries: ${escalation}`;
  return { failed, total: finals.length, summary };
}
