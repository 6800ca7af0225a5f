import type { ExpectContext, ExpectationResult, Observed } from './expect-result.js';

/**
 * Expectations that count rather than find one call: `reply:once` (exactly one Send API message to the person,
 * however often Meta retried or duplicated a delivery), `no-reply`, and `status:<code>` (every delivery of the flow
 * was answered with that status). Meta retries unanswered deliveries and may send one twice, so apps are expected
 * to deduplicate (https://developers.facebook.com/documentation/business-messaging/messenger-platform/webhooks).
 */
export type CountedExpectation = { kind: 'reply-once' } | { kind: 'no-reply' } | { kind: 'status'; code: number };

export function parseCountedExpectation(s: string): CountedExpectation | undefined {
  if (s === 'reply:once') return { kind: 'reply-once' };
  if (s === 'no-reply') return { kind: 'no-reply' };
  const m = /^status:([1-5]\d\d)$/.exec(s);
  return m ? { kind: 'status', code: Number(m[1]) } : undefined;
}

export function isCounted(e: { kind: string }): e is CountedExpectation {
  return e.kind === 'reply-once' || e.kind === 'no-reply' || e.kind === 'status';
}

/**
 * Whether waiting longer can change a result: a found call stays found, a violation stays a violation; but
 * `reply:once` and `no-reply` met so far can still be broken by a late reply, so they wait out the window.
 */
export function settled(e: { kind: string }, r: ExpectationResult): boolean {
  if (e.kind === 'no-send-during-flow' || e.kind === 'status') return true;
  if (e.kind === 'reply-once') return !r.ok && (r.violations?.length ?? 0) > 1;
  if (e.kind === 'no-reply') return !r.ok;
  return r.ok;
}

export function evaluateCounted(e: CountedExpectation, observed: readonly Observed[], ctx: ExpectContext): ExpectationResult {
  if (e.kind === 'status') {
    const deliveries = ctx.deliveries ?? [];
    const off = deliveries.filter((d) => d.status !== e.code);
    const r: ExpectationResult = {
      expect: `status:${e.code}`,
      ok: deliveries.length > 0 && off.length === 0,
      wanted: `every delivery answered ${e.code}`,
      near_misses: [],
    };
    if (off.length > 0) {
      r.violations = off.map((d) => ({
        seq: d.step,
        call: `delivery ${d.step} ${d.kind}${d.duplicate ? ' (duplicate)' : ''}`,
        status: d.status,
      }));
      r.violation_note = `(answered other than ${e.code})`;
    }
    return r;
  }
  const sends = observed.filter((o) => o.action === 'send' && o.psid === ctx.psid);
  if (e.kind === 'no-reply') {
    const r: ExpectationResult = {
      expect: 'no-reply',
      ok: sends.length === 0,
      wanted: `no Send API message for PSID ${ctx.psid}`,
      near_misses: [],
    };
    if (sends.length > 0) {
      r.violations = sends.map((o) => ({ seq: o.seq, call: o.call, status: o.status }));
      r.violation_note = '(a reply)';
    }
    return r;
  }
  const delivered = sends.filter((o) => o.status === 200);
  const wanted = `exactly one Send API message for PSID ${ctx.psid}, answered 200 (retries and duplicates deduplicated)`;
  if (delivered.length === 1)
    return { expect: 'reply:once', ok: true, wanted, matched: { seq: delivered[0]!.seq, call: delivered[0]!.call }, near_misses: [] };
  if (delivered.length > 1) {
    return {
      expect: 'reply:once',
      ok: false,
      wanted,
      near_misses: [],
      violations: delivered.map((o) => ({ seq: o.seq, call: o.call, status: o.status })),
      violation_note: `(${delivered.length} replies: deduplicate retried and duplicated deliveries)`,
    };
  }
  // None delivered: the near misses are the refused sends to the person, else anything close.
  const near = (sends.length > 0 ? sends : observed.filter((o) => o.action !== 'other')).slice(-3).map((o) => ({
    seq: o.seq,
    call: o.call,
    differences: [
      ...(o.action !== 'send' ? [{ field: 'action', expected: 'send', actual: o.action }] : []),
      ...(o.psid !== ctx.psid ? [{ field: 'psid', expected: ctx.psid, actual: o.psid ?? '(none)' }] : []),
      ...(o.status !== 200 ? [{ field: 'status', expected: '200', actual: o.error ? `${o.status} ${o.error}` : String(o.status) }] : []),
    ],
  }));
  return { expect: 'reply:once', ok: false, wanted, near_misses: near };
}
