import type { ChalkInstance } from 'chalk';
import type { ReplaySummary } from './stats.js';

const count = (n: number): string => n.toLocaleString('en-US');
const ms = (n: number): string => (n >= 100 ? `${Math.round(n)} ms` : `${n.toFixed(2)} ms`);

/** The end-of-run summary of `lead-kit replay`. */
export function renderReplaySummary(s: ReplaySummary, c: ChalkInstance): string {
  const lines = [`${c.bold('lead-kit replay')} → ${s.endpoint}`];
  const failedCount = (n: number, label: string): string => (n > 0 ? c.red(`${label} ${n}`) : `${label} 0`);
  lines.push(
    `  sent ${s.sent}   ${c.green(`accepted ${s.accepted}`)}   ${failedCount(s.rejected, 'rejected')}   ${failedCount(s.errors, 'errors')}${s.skipped ? c.yellow(`   skipped ${s.skipped}`) : ''}`,
  );
  lines.push(`  ${s.requests_per_second} requests/s over ${(s.duration_ms / 1000).toFixed(2)} s`);
  if (s.sent > s.errors)
    lines.push(
      `  latency p50 ${ms(s.latency_ms.p50)}   p95 ${ms(s.latency_ms.p95)}   p99 ${ms(s.latency_ms.p99)}   max ${ms(s.latency_ms.max)}`,
    );
  const statuses = Object.entries(s.statuses);
  if (statuses.length) lines.push(`  statuses ${statuses.map(([k, v]) => `${k} ×${v}`).join('  ')}`);
  for (const f of s.failures) lines.push(c.red(`  ✗ ${f.reason}${f.count > 1 ? ` ×${f.count}` : ''} (first: ${f.where})`));
  if (s.stopped_early) lines.push(c.red(`  stopped early: ${s.stopped_early}`));
  // An interrupted run is never reported as a success: it says how far it got.
  if (s.interrupted)
    lines.push(
      c.yellow(
        `interrupted after ${count(s.sent)}${s.total === undefined ? '' : ` of ${count(s.total)}`} (Ctrl-C): stopped sending, waited for the requests in flight`,
      ),
    );
  else if (s.sent === 0) lines.push(c.yellow('nothing was sent'));
  else if (s.accepted === s.sent) lines.push(c.green(`✓ all ${s.sent} accepted`));
  else lines.push(c.red(`✗ ${s.sent - s.accepted} of ${s.sent} not accepted`));
  return lines.join('\n');
}
