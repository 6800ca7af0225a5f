import type { RecordedCall } from './calls.js';
import { displayTarget } from './calls.js';
import type { ExpectationResult, LeadgenExpectContext } from './expect-result.js';

/** The Instant Form expectations of `simulate --expect`. */
export const leadgenExpectations = ['fetched-lead', 'no-fetch-on-forged'] as const;
export type LeadgenExpectation = (typeof leadgenExpectations)[number];
export const isLeadgenExpectation = (s: string): s is LeadgenExpectation => (leadgenExpectations as readonly string[]).includes(s);

export type { LeadgenExpectContext };

/** A GET of one lead node (`GET /v26.0/{lead-id}`), with the lead id it read. */
function leadReads(calls: readonly RecordedCall[]): Array<{ call: RecordedCall; id: string }> {
  const out: Array<{ call: RecordedCall; id: string }> = [];
  for (const c of calls) {
    if (c.method !== 'GET' || c.route !== 'GET /{lead-id}') continue;
    const id =
      c.path
        .split('/')
        .filter((s) => s !== '')
        .pop() ?? '';
    out.push({ call: c, id });
  }
  return out;
}

const line = (c: RecordedCall): string => `${c.method} ${displayTarget({ path: c.path, query: {} })}`;
const errorOf = (c: RecordedCall): string =>
  c.error
    ? `${c.status} ${c.error.message} [${c.error.code}${c.error.error_subcode ? `/${c.error.error_subcode}` : ''}]`
    : String(c.status);

/**
 * `fetched-lead`: every delivered leadgen_id was read with `GET /{leadgen_id}` and answered 200.
 * `no-fetch-on-forged`: nothing read the lead ids of a delivery with a bad signature.
 */
export function evaluateLeadgen(e: LeadgenExpectation, calls: readonly RecordedCall[], ctx: LeadgenExpectContext): ExpectationResult {
  const reads = leadReads(calls);
  if (e === 'no-fetch-on-forged') {
    const forged = new Set(ctx.forgedLeadIds ?? []);
    const bad = reads.filter((r) => forged.has(r.id));
    const r: ExpectationResult = {
      expect: e,
      ok: forged.size > 0 && bad.length === 0,
      wanted:
        forged.size > 0
          ? `no GET of the forged delivery's lead ${[...forged].join(', ')}`
          : 'a forged leadgen delivery (run the form-forged scenario)',
      near_misses: [],
    };
    if (bad.length > 0) r.violations = bad.map((b) => ({ seq: b.call.seq, call: line(b.call), status: b.call.status }));
    return r;
  }
  const want = ctx.leadIds ?? [];
  const wanted =
    want.length > 0
      ? `GET /{leadgen_id} of ${want.length === 1 ? `lead ${want[0]}` : `each of ${want.length} leads`}, answered 200`
      : 'a genuine leadgen delivery (run a form scenario)';
  const missing = want.filter((id) => !reads.some((r) => r.id === id && r.call.status === 200));
  if (want.length > 0 && missing.length === 0) {
    const hit = reads.find((r) => r.id === want[want.length - 1] && r.call.status === 200)!;
    return { expect: e, ok: true, wanted, matched: { seq: hit.call.seq, call: line(hit.call) }, near_misses: [] };
  }
  // Near misses: reads that failed, or reads of other ids (e.g. the dashboard sample's or a typo'd id).
  const near = reads
    .filter((r) => r.call.status !== 200 || !want.includes(r.id))
    .slice(-3)
    .map((r) => ({
      seq: r.call.seq,
      call: line(r.call),
      differences: [
        ...(want.includes(r.id) ? [] : [{ field: 'leadgen_id', expected: missing.join(' | '), actual: r.id }]),
        ...(r.call.status === 200 ? [] : [{ field: 'status', expected: '200', actual: errorOf(r.call) }]),
      ],
    }));
  return {
    expect: e,
    ok: false,
    wanted: missing.length < want.length ? `${wanted} (not fetched: ${missing.join(', ')})` : wanted,
    near_misses: near,
  };
}
