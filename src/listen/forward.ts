import { Agent, request, type Dispatcher } from 'undici';
import { NOT_RESENT } from '../net/hop-headers.js';
import type { ReceivedDelivery, ReceiverAnswer } from '../receiver/server.js';

/** What the forwarding target answered, for the listen output. */
export interface ForwardReport {
  /** the target's status; null when it never answered */
  status: number | null;
  ms: number;
  ok: boolean;
  /** why it failed, in one line */
  reason?: string;
}

/** Not passed on: what is never re-sent (net/hop-headers.ts), and the hop header, which listen sets itself. */
const NOT_FORWARDED = new Set([...NOT_RESENT, 'x-lead-kit-forwarded-by']);

/**
 * The hop header: each listen that forwards a request appends its id, so a request that comes back to a listen
 * it already passed through (directly or through any proxy that keeps headers) is a loop and is not forwarded again.
 */
export const HOP_HEADER = 'x-lead-kit-forwarded-by';

/** The listen ids a request has already passed through, from its hop header. */
export function hopsOf(headers: Readonly<Record<string, string | string[] | undefined>>): string[] {
  const v = headers[HOP_HEADER];
  return (Array.isArray(v) ? v.join(',') : (v ?? ''))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * The request's headers as sent (original case and order), without hop-by-hop ones, as undici's flat array;
 * with `via`, the hop header naming every listen passed through (ending with this one).
 */
export function forwardHeaders(rawHeaders: readonly string[], via?: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (!NOT_FORWARDED.has(rawHeaders[i]!.toLowerCase())) out.push(rawHeaders[i]!, rawHeaders[i + 1]!);
  }
  if (via !== undefined && via.length > 0) out.push('X-Lead-Kit-Forwarded-By', via.join(', '));
  return out;
}

export interface Forwarder {
  /** POSTs the delivery's exact bytes and headers to the target; the answer is the target's (502/504 when it failed) */
  forward(d: ReceivedDelivery): Promise<{ answer: ReceiverAnswer; report: ForwardReport }>;
  close(): Promise<void>;
}

const MAX_ANSWER_BYTES = 1024 * 1024;

/**
 * Passes deliveries on to `target` unchanged: the same bytes (never re-serialized, so signatures stay valid;
 * relays that re-stringify break them, peers.md "smee") and the same headers, minus hop-by-hop ones.
 */
export function createForwarder(target: URL, opts: { dispatcher?: Dispatcher; timeoutMs: number; id?: string }): Forwarder {
  const own = opts.dispatcher === undefined ? new Agent({ keepAliveTimeout: 4000 }) : undefined;
  const dispatcher = opts.dispatcher ?? own!;
  return {
    async forward(d) {
      const started = performance.now();
      const ms = (): number => Math.round(performance.now() - started);
      try {
        const res = await request(target, {
          method: (d.method as Dispatcher.HttpMethod) ?? 'POST',
          headers: forwardHeaders(d.rawHeaders, opts.id === undefined ? undefined : [...hopsOf(d.headers), opts.id]),
          body: d.body,
          dispatcher,
          headersTimeout: opts.timeoutMs,
          bodyTimeout: opts.timeoutMs,
        });
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const chunk of res.body) {
          size += (chunk as Buffer).length;
          if (size <= MAX_ANSWER_BYTES) chunks.push(chunk as Buffer);
        }
        const type = res.headers['content-type'];
        const headers: Record<string, string> = typeof type === 'string' ? { 'content-type': type } : {};
        const ok = res.statusCode >= 200 && res.statusCode < 300;
        const report: ForwardReport = { status: res.statusCode, ms: ms(), ok };
        if (!ok) report.reason = `answered ${res.statusCode}`;
        return { answer: { status: res.statusCode, body: Buffer.concat(chunks), headers }, report };
      } catch (err) {
        const code = (err as { code?: string }).code ?? '';
        const cause = (err as { cause?: { code?: string } }).cause?.code;
        const timedOut = code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT';
        const reason = timedOut ? `no answer within ${opts.timeoutMs} ms` : `${cause ?? (code || 'error')}: ${(err as Error).message}`;
        const status = timedOut ? 504 : 502;
        return {
          answer: { status, body: `lead-kit listen could not forward: ${reason}` },
          report: { status: null, ms: ms(), ok: false, reason },
        };
      }
    },
    async close() {
      await own?.close();
    },
  };
}
