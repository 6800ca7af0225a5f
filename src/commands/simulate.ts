import type { ChalkInstance } from 'chalk';
import type { DeliveryReport, SimulateResult } from '../flow/run-flow.js';
import type { HandshakeResult } from '../webhooks/handshake.js';
import { renderAttempt, renderReceived } from './simulate-post.js';

// The flow runner lives in the domain layer (src/flow/run-flow.ts), shared with `lead-kit test`.
export {
  simulate,
  simulateOutcome,
  type DeliveryReport,
  type ReceivedReport,
  type SimulateDeps,
  type SimulateOptions,
  type SimulateResult,
} from '../flow/run-flow.js';

export function renderHeader(r: Pick<SimulateResult, 'scenario' | 'endpoint' | 'embedded' | 'seed'>, c: ChalkInstance): string {
  const where = r.embedded ? `${r.endpoint} ${c.dim('(embedded receiver; pass --endpoint to use your app)')}` : r.endpoint;
  const seed = r.seed === undefined ? '' : c.dim(` (shuffled, --seed ${r.seed})`);
  return `${c.bold(`lead-kit simulate ${r.scenario}`)} → ${where}${seed}`;
}

export function renderEvent(e: DeliveryReport | { type: 'state'; note: string } | HandshakeResult, c: ChalkInstance): string {
  if ('type' in e && e.type === 'state') return `   ${c.dim('·')} ${c.dim(e.note)}`;
  if ('challenge' in e) {
    const mark = e.ok ? c.green('✓') : c.red('✗');
    return ` ${mark} ${'0'.padStart(2)} handshake   GET hub.mode=subscribe → ${e.status ?? '—'} ${e.ok ? 'challenge echoed' : c.red(e.reason ?? 'failed')} ${c.dim(`${e.ms} ms`)}`;
  }
  const d = e as DeliveryReport;
  const mark = d.ok ? c.green('✓') : c.red('✗');
  const status = d.status === null ? c.red('no answer') : d.ok ? c.green(String(d.status)) : c.red(String(d.status));
  const dup = d.duplicate ? c.yellow(' (duplicate)') : '';
  const why = d.ok ? '' : c.red(`  ${d.reason ?? ''}${d.response ? ` — "${d.response.slice(0, 60).replace(/\s+/g, ' ')}"` : ''}`);
  return ` ${mark} ${String(d.step).padStart(2)} ${d.kind.padEnd(10)} → ${d.app} (${d.app_id})${d.channel === 'standby' ? ' [standby]' : ''}  ${status} ${c.dim(`${d.ms} ms`)}${dup}${renderAttempt(d, c)}\n      ${c.dim(d.note)}${why}`;
}

export function renderFooter(r: SimulateResult, c: ChalkInstance): string {
  const lines: string[] = [];
  if (r.received) {
    lines.push('', c.bold('The embedded receiver saw:'));
    for (const d of r.received) lines.push(renderReceived(d, c));
  }
  if (r.verdict) lines.push('', c.red(`Meta's verdict: ${r.verdict.summary}`));
  const accepted = r.deliveries.filter((d) => d.ok).length;
  const summary = `${accepted}/${r.deliveries.length} deliveries accepted`;
  lines.push('', r.ok ? c.green(`✓ ${summary}`) : c.red(`✗ ${summary}${r.handshake && !r.handshake.ok ? '; handshake failed' : ''}`));
  return lines.join('\n');
}

/** The whole run as text (the CLI streams the same lines as they happen). */
export function renderSimulate(r: SimulateResult, c: ChalkInstance): string {
  const lines = [renderHeader(r, c)];
  if (r.handshake) lines.push(renderEvent(r.handshake, c));
  let i = 0;
  for (const t of r.timeline) lines.push(t.type === 'state' ? renderEvent(t, c) : renderEvent(r.deliveries[i++]!, c));
  lines.push(renderFooter(r, c));
  return lines.join('\n');
}
