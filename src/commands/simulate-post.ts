import type { ChalkInstance } from 'chalk';
import type { DeliveryReport, ReceivedReport } from '../flow/run-flow.js';

/** ` attempt 2 after 500 ms (retried)` and the batched events, for the text report. */
export function renderAttempt(d: DeliveryReport, c: ChalkInstance): string {
  let s = '';
  if (d.attempt !== undefined)
    s += c.dim(d.attempt === 1 ? ' attempt 1' : ` attempt ${d.attempt} after ${d.waited_ms ?? 0} ms, same bytes`);
  if (d.retried) s += c.yellow(' → retried');
  for (const e of d.events ?? []) s += `\n      ${c.dim('·')} ${e}`;
  return s;
}

/** One POST the embedded receiver answered, with every event it carried. */
export function renderReceived(d: ReceivedReport, c: ChalkInstance): string {
  const status = d.status === 200 ? c.green(String(d.status)) : c.red(String(d.status));
  if (d.events.length <= 1) return `   ${status} sha256 ${d.sha256}, sha1 ${d.sha1}  ${d.event}`;
  return [`   ${status} sha256 ${d.sha256}, sha1 ${d.sha1}  ${d.events.length} events:`, ...d.events.map((e) => `       ${e}`)].join('\n');
}
