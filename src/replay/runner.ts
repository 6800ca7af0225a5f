import type { Dispatcher } from 'undici';
import type { PreparedRequest } from './prepare.js';
import type { RequestSource } from './source.js';
import type { ReplayStats } from './stats.js';
import { keepHeapFlat } from './heap.js';
import { loadClient } from './client.js';
import { setV8Flag } from '../io/v8-flags.js';
import { CONNECT_CODES, TIMEOUT_CODES } from '../net/failure.js';

export interface RunOptions {
  endpoint: URL;
  /** requests in flight at once; 1 keeps the input order @default 1 */
  concurrency: number;
  /** at most this many requests per second */
  rate?: number;
  /** a request with no complete answer within this many ms counts as an error */
  timeoutMs: number;
  signal: AbortSignal;
  /** an undici dispatcher to send every request through instead of one connection per request slot */
  dispatcher?: Dispatcher;
  /** stop sending after this many requests in a row got no answer @default max(10, 2 × concurrency) */
  maxConsecutiveErrors?: number;
}

export interface RunResult {
  interrupted: boolean;
  /** why sending stopped before the inputs ran out */
  stoppedEarly?: string;
  /** a malformed input under --on-error fail (thrown after the requests in flight finished) */
  inputError?: unknown;
}

const SNIPPET_BYTES = 120;

/**
 * One request slot: a reusable undici handler (the legacy callback interface, which undici runs unwrapped) and the
 * dispatcher it sends through: its own undici Client (one keep-alive connection), or the one given.
 */
class Slot implements Dispatcher.DispatchHandler {
  status = 0;
  started = 0;
  req: PreparedRequest | undefined;
  /** set while the request is on the wire */
  abort: ((err?: Error) => void) | undefined;
  private snippet: Buffer[] = [];
  private snippetBytes = 0;

  constructor(
    readonly dispatcher: Dispatcher,
    private readonly done: (slot: Slot, err?: Error) => void,
  ) {}

  reset(req: PreparedRequest): void {
    this.req = req;
    this.status = 0;
    this.snippetBytes = 0;
    if (this.snippet.length) this.snippet = [];
  }

  /** the start of the answer, as one line (made once per slot, not per request, since it is rarely called) */
  readonly text = (): string => Buffer.concat(this.snippet).subarray(0, SNIPPET_BYTES).toString('utf8').replace(/\s+/g, ' ').trim();

  onConnect(abort: (err?: Error) => void): void {
    this.abort = abort;
  }

  onHeaders(statusCode: number): boolean {
    this.status = statusCode;
    return true;
  }

  onData(chunk: Buffer): boolean {
    // Keep the start of a rejection's answer to show why; accepted answers are not kept.
    if ((this.status < 200 || this.status >= 300) && this.snippetBytes < SNIPPET_BYTES) {
      this.snippet.push(chunk);
      this.snippetBytes += chunk.length;
    }
    return true;
  }

  onComplete(): void {
    this.abort = undefined;
    this.done(this);
  }

  onError(err: Error): void {
    this.abort = undefined;
    this.done(this, err);
  }
}

class RequestTimeout extends Error {
  readonly code = 'LEAD_KIT_TIMEOUT';
}

/**
 * One failed request, as replay counts it. Unlike a single delivery, a replay tells a connection the endpoint
 * dropped (`reset`, common under load) from one it never accepted (`connect`, which stops the run when nothing
 * got through).
 */
function classify(err: Error, timeoutMs: number): { code: string; reason: string; connect: boolean } {
  const code = (err as { code?: string }).code ?? 'error';
  if (TIMEOUT_CODES.has(code)) return { code: 'timeout', reason: `no answer within ${timeoutMs} ms`, connect: false };
  if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET')
    return { code: 'reset', reason: 'the endpoint closed the connection without answering', connect: false };
  if (CONNECT_CODES.has(code)) return { code, reason: `${code}: cannot connect`, connect: true };
  return { code, reason: `${code}: ${err.message}`, connect: false };
}

/**
 * Sends every request of `source` to the endpoint through undici, `concurrency` at a time, and counts the
 * answers in `stats`. Requests are built beforehand (prepare.ts), so this loop only dispatches bytes.
 * Ctrl-C (`signal`) stops sending; requests in flight are waited for.
 */
export async function runRequests(source: RequestSource, stats: ReplayStats, opts: RunOptions): Promise<RunResult> {
  // Each slot sends through a Client of its own rather than through a Pool: a Pool looks through its connections
  // for a free one twice per request and relays a drain event per answer, which cost more than the dispatch.
  // undici's own timeouts are off: they cost two timer objects per request that outlive it (and get promoted
  // to the old heap); one watchdog over the slots does the same job.
  const Client = opts.dispatcher === undefined ? loadClient() : undefined;
  // undici parses HTTP with WebAssembly; V8's optimizing tier for that module costs ~35 MB of RSS and buys replay
  // nothing measurable (the parser is not its bottleneck). Liftoff only keeps a replay of any size well under
  // 150 MB. Set once undici's code is loaded (so that comes from the compile cache, which a flag change ends)
  // and before undici compiles its parser (at the first request).
  setV8Flag('--liftoff-only');
  const own: Dispatcher[] = [];
  const dispatcherFor = (): Dispatcher => {
    if (Client === undefined) return opts.dispatcher!;
    const client = new Client(opts.endpoint.origin, { pipelining: 1, headersTimeout: 0, bodyTimeout: 0 });
    own.push(client);
    return client;
  };
  const path = opts.endpoint.pathname + opts.endpoint.search;
  const origin = opts.endpoint.origin;
  const maxErrors = opts.maxConsecutiveErrors ?? Math.max(10, opts.concurrency * 2);
  const interval = opts.rate ? 1000 / opts.rate : 0;
  const result: RunResult = { interrupted: false };
  let inflight = 0;
  /** no more requests will be started: the inputs ran out, or `halted` */
  let ended = false;
  /** sending was stopped (Ctrl-C, unreachable): waiting rate-limited requests are dropped */
  let halted = false;
  let pulling = false;
  let launched = 0;
  let consecutiveErrors = 0;
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const free: Slot[] = [];
  const slots: Slot[] = [];
  const waiting = new Map<ReturnType<typeof setTimeout>, Slot>();

  const stop = (why?: string): void => {
    if (!halted && why !== undefined) result.stoppedEarly = why;
    halted = true;
    ended = true;
  };
  const onAbort = (): void => {
    result.interrupted = true;
    stop();
    // Rate-limited requests that have not gone out yet are dropped, not waited for.
    for (const [timer, slot] of waiting) {
      clearTimeout(timer);
      inflight--;
      free.push(slot);
    }
    waiting.clear();
    settle();
  };
  const settle = (): void => {
    if (ended && inflight === 0 && !pulling) finish();
  };

  const send = (slot: Slot): void => {
    if (halted) {
      // A rate-limited send that was waiting when the run stopped.
      inflight--;
      free.push(slot);
      settle();
      return;
    }
    slot.started = performance.now();
    slot.dispatcher.dispatch(
      { origin, path, method: 'POST', headers: slot.req!.headers, body: slot.req!.body, headersTimeout: 0, bodyTimeout: 0 },
      slot,
    );
  };

  const launch = (req: PreparedRequest): void => {
    inflight++;
    let slot = free.pop();
    if (!slot) {
      slot = new Slot(dispatcherFor(), done);
      slots.push(slot);
    }
    slot.reset(req);
    if (interval > 0) {
      const due = startedAt + launched * interval;
      launched++;
      const wait = due - performance.now();
      if (wait > 1) {
        const timer = setTimeout(() => {
          waiting.delete(timer);
          send(slot);
        }, wait);
        waiting.set(timer, slot);
        return;
      }
    }
    send(slot);
  };

  const done = (slot: Slot, err?: Error): void => {
    const ms = performance.now() - slot.started;
    const where = slot.req!.where;
    inflight--;
    if (err) {
      const c = classify(err, opts.timeoutMs);
      stats.failed(c.reason, where);
      consecutiveErrors++;
      if (c.connect && stats.accepted + stats.rejected === 0) stop(`cannot reach ${origin} (${c.code})`);
      else if (consecutiveErrors >= maxErrors) stop(`the endpoint stopped answering: ${consecutiveErrors} requests in a row got no answer`);
    } else {
      consecutiveErrors = 0;
      stats.answered(slot.status, ms, where, slot.text);
    }
    slot.req = undefined;
    free.push(slot);
    // Continue outside undici's callback, so the next dispatch does not re-enter the client mid-completion.
    queueMicrotask(pump);
  };

  const pump = (): void => {
    while (!ended && !pulling && inflight < opts.concurrency) {
      const next = source.next();
      if (next === null) {
        ended = true;
        break;
      }
      if (next instanceof Promise) {
        pulling = true;
        next.then(
          (req) => {
            pulling = false;
            if (req === null) ended = true;
            else if (!ended) launch(req);
            pump();
          },
          (err: unknown) => {
            pulling = false;
            result.inputError = err;
            stop();
            settle();
          },
        );
        break;
      }
      launch(next);
    }
    settle();
  };

  const timeoutError = new RequestTimeout(`no answer within ${opts.timeoutMs} ms`);
  const watchdog = setInterval(
    () => {
      const now = performance.now();
      for (const slot of slots) if (slot.abort && now - slot.started > opts.timeoutMs) slot.abort(timeoutError);
    },
    Math.max(10, Math.min(250, opts.timeoutMs / 4)),
  );

  if (opts.signal.aborted) onAbort();
  opts.signal.addEventListener('abort', onAbort, { once: true });
  const heap = keepHeapFlat();
  stats.start();
  const startedAt = performance.now();
  pump();
  await finished;
  clearInterval(watchdog);
  heap.stop();
  stats.end();
  opts.signal.removeEventListener('abort', onAbort);
  await source.close();
  await Promise.all(own.map((client) => client.close()));
  return result;
}
