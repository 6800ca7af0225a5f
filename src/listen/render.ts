import type { ChalkInstance } from 'chalk';
import type { ListenEvent } from './listen.js';

const clock = (iso: string): string => iso.slice(11, 23);

function statusText(status: number, c: ChalkInstance): string {
  return status >= 200 && status < 300 ? c.green(String(status)) : c.red(String(status));
}

function signatureText(e: Extract<ListenEvent, { type: 'delivery' }>, c: ChalkInstance): string {
  if (e.sha256 === 'unchecked') return c.dim('sig unchecked');
  const legacy = e.sha1 === 'valid' ? c.dim(' +sha1') : e.sha1 === 'missing' ? '' : c.yellow(` sha1 ${e.sha1}`);
  return (e.sha256 === 'valid' ? c.green('sig ✓') : c.red(`sig ${e.sha256}`)) + legacy;
}

/** The header `lead-kit listen` prints (on stderr) once it listens. */
export function renderReady(e: Extract<ListenEvent, { type: 'ready' }>, c: ChalkInstance): string {
  const lines = [`${c.bold('lead-kit listen')} → ${e.url}`];
  lines.push(
    e.handshake === 'enabled'
      ? '  handshake   answers hub.verify_token <VERIFY_TOKEN> with the challenge'
      : c.yellow('  handshake   refused (403): no --verify-token / LEAD_KIT_VERIFY_TOKEN'),
  );
  lines.push(
    e.signatures === 'checked'
      ? '  signatures  X-Hub-Signature-256 checked over the raw bytes with <APP_SECRET>; 403 when it does not match'
      : c.yellow('  signatures  not checked: no --app-secret / LEAD_KIT_APP_SECRET'),
  );
  if (e.record) lines.push(`  recording   ${e.record} (one JSON line per delivery)`);
  if (e.forward_to) lines.push(`  forwarding  ${e.forward_to} (same bytes and headers; bad signatures are not forwarded)`);
  lines.push(c.dim('  Ctrl-C to stop'));
  return lines.join('\n');
}

/** A warning about a partial last line in the recording, or undefined. */
export function renderTornWarning(e: Extract<ListenEvent, { type: 'ready' }>, c: ChalkInstance): string | undefined {
  if (!e.torn_line || !e.record) return undefined;
  return c.yellow(
    `warning: ${e.record}:${e.torn_line.line} is a partial line (${e.torn_line.bytes} bytes), left by an earlier crash; ` +
      'it was ended with a newline and kept — new deliveries start on their own line (replay skips it with --on-error skip, or delete that line)',
  );
}

/** One readable line per request: time, status, signature, kind and what the event says. */
export function renderListenEvent(e: ListenEvent, c: ChalkInstance): string | undefined {
  switch (e.type) {
    case 'handshake':
      return `${c.dim(clock(e.received_at))}  ${statusText(e.status, c)}  handshake  ${e.ok ? 'challenge echoed' : c.red('wrong hub.mode or verify token')}`;
    case 'request':
      return `${c.dim(clock(e.received_at))}  ${statusText(e.status, c)}  ${e.method} ${e.path} ${c.dim('(not the webhook path)')}`;
    case 'error':
      return `${c.dim(clock(e.received_at))}  ${c.red('error')}  ${e.message}`;
    case 'delivery': {
      const kinds = e.kinds.length ? [...new Set(e.kinds)].join('+') : 'event';
      const fwd = e.forward
        ? `  → ${e.forward.ok ? c.green(String(e.forward.status)) : c.red(e.forward.status === null ? 'no answer' : String(e.forward.status))} ${c.dim(`${e.forward.ms} ms`)}${e.forward.reason && e.forward.status === null ? c.red(` ${e.forward.reason}`) : ''}`
        : '';
      return `${c.dim(clock(e.received_at))}  ${statusText(e.status, c)}  ${signatureText(e, c)}  ${c.bold(kinds)}  ${e.event}${fwd}`;
    }
    default:
      return undefined;
  }
}

/** The last line, on stderr. */
export function renderStopped(e: Extract<ListenEvent, { type: 'stopped' }>, recording: string | undefined): string {
  const rec = recording ? `, ${e.recorded} recorded in ${recording}` : '';
  return `stopped: ${e.deliveries} deliver${e.deliveries === 1 ? 'y' : 'ies'}${rec}, ${e.rejected} rejected, ${e.handshakes} handshake${e.handshakes === 1 ? '' : 's'}`;
}
