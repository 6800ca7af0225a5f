import type { ChalkInstance } from 'chalk';
import { displayTarget, type RecordedCall } from './calls.js';
import type { ExpectationResult } from './expect.js';

/** What `simulate --mock` adds to its result: where the mock ran, the calls the app made, the expectations. */
export interface MockReport {
  url: string;
  within_ms: number;
  calls: Array<{
    seq: number;
    at: string;
    call: string;
    route: string;
    app_id: string | null;
    status: number;
    error?: string;
    during_lead_flow: boolean;
  }>;
  expectations: ExpectationResult[];
  ok: boolean;
}

export function summarizeCalls(calls: readonly RecordedCall[]): MockReport['calls'] {
  return calls.map((c) => {
    const s: MockReport['calls'][number] = {
      seq: c.seq,
      at: c.at,
      call: `${c.method} ${displayTarget(c)}`,
      route: c.route,
      app_id: c.app_id,
      status: c.status,
      during_lead_flow: c.during_lead_flow,
    };
    if (c.error) s.error = `${c.error.message} [${c.error.code}${c.error.error_subcode ? `/${c.error.error_subcode}` : ''}]`;
    return s;
  });
}

/**
 * The expectations with near-miss diffs, then every call the app made, so a failure shows what was expected
 * next to what happened (the WireMock near-miss style mock users ask for; peers.md).
 */
export function renderMockReport(r: MockReport, c: ChalkInstance): string {
  const lines: string[] = [''];
  if (r.expectations.length > 0) {
    lines.push(c.bold(`Expectations (within ${r.within_ms} ms):`));
    for (const e of r.expectations) {
      if (e.ok) {
        lines.push(` ${c.green('✓')} ${e.expect.padEnd(20)} ${e.matched ? c.dim(`#${e.matched.seq} ${e.matched.call}`) : c.dim(e.wanted)}`);
        continue;
      }
      lines.push(` ${c.red('✗')} ${e.expect.padEnd(20)} expected ${e.wanted}`);
      for (const v of e.violations ?? [])
        lines.push(
          `      ${c.red(`#${v.seq} ${v.call} → ${v.status ?? 'no answer'}`)} ${c.dim(e.violation_note ?? '(sent while the Leadgen app owned the thread)')}`,
        );
      if (!e.violations && e.near_misses.length === 0) lines.push(`      ${c.dim('the app made no call that comes close')}`);
      for (const n of e.near_misses) {
        lines.push(`      nearest #${n.seq} ${n.call}`);
        for (const d of n.differences) lines.push(`        ${d.field.padEnd(7)} expected ${c.green(d.expected)}, got ${c.red(d.actual)}`);
      }
    }
  }
  lines.push(c.bold(`Calls the app made to the mock (${r.calls.length}):`));
  if (r.calls.length === 0) lines.push(`   ${c.dim('none — was the app started with GRAPH_API_URL=' + r.url + '?')}`);
  for (const call of r.calls) {
    const status = call.status < 300 ? c.green(String(call.status)) : c.red(String(call.status));
    lines.push(
      `   #${String(call.seq).padEnd(3)} ${call.call} → ${status}${call.error ? c.red(` ${call.error}`) : ''}${call.during_lead_flow ? c.yellow(' (during the lead flow)') : ''}`,
    );
  }
  if (r.expectations.length > 0) {
    const failed = r.expectations.filter((e) => !e.ok).length;
    lines.push(
      '',
      failed === 0
        ? c.green(`✓ ${r.expectations.length}/${r.expectations.length} expectations met`)
        : c.red(`✗ ${failed} of ${r.expectations.length} expectations not met`),
    );
  }
  return lines.join('\n');
}
