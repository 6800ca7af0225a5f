import type { BatchShape } from './batch.js';

/**
 * Meta's delivery semantics for Messenger webhooks (https://developers.facebook.com/docs/messenger-platform/webhooks):
 * every notification must be answered 200 OK within 5 seconds; a failed delivery is retried "immediately" a
 * few more times, so receivers must de-duplicate; if deliveries still fail after 15 minutes the developer is
 * alerted, and after 1 hour the webhooks are disabled (the app is unsubscribed from the Page and must
 * re-subscribe). The number of retries and their gaps are unconfirmed: they are options, and the defaults
 * below are a guess.
 */

export interface RetryPolicy {
  /** retries after the first attempt (0 = none) */
  count: number;
  /** wait before retry 1, 2, …; past the end of the list each gap is 4 × the previous one */
  intervalsMs: readonly number[];
}

/** `--batch`, `--batch-shape` and `--retries` as options (simulate, webhook --send). */
export interface DeliverySemantics {
  batch?: { size: number; shape: BatchShape };
  retries: RetryPolicy;
}

/** `--retries none` */
export const NO_RETRIES: RetryPolicy = { count: 0, intervalsMs: [] };
/** `--retries meta`: 3 retries, 0.5 s, 2 s and 8 s apart (growing gaps; unconfirmed guess). */
export const META_RETRIES_GUESS: RetryPolicy = { count: 3, intervalsMs: [500, 2000, 8000] };

/** The wait before retry `n` (1-based). */
export function retryGap(policy: RetryPolicy, n: number): number {
  const list = policy.intervalsMs;
  if (list.length === 0) return 0;
  if (n <= list.length) return list[n - 1]!;
  return list[list.length - 1]! * 4 ** (n - list.length);
}
