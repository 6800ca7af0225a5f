import { createServer } from 'node:http';
import { listenOn } from '../net/listen.js';
import type { Dispatcher } from 'undici';
import { mockConfigSchema, type MockConfig, type MockConfigInput } from '../schemas/mock-config.js';
import { CallLog, type CallLine, type RecordedCall } from './calls.js';
import { parseInstant, VirtualClock } from './clock.js';
import { demoConfig } from './demo.js';
import { envelope, graphErrors } from './errors.js';
import { createHandler } from './handle.js';
import type { MockRuntime } from './routes.js';
import { MockState } from './state.js';
import { WebhookSender, type SentWebhook } from './webhooks.js';

export interface MockGraphOptions {
  /** Pages, apps, tokens and people; validated with the mock config schema @default the demo setup */
  config?: MockConfigInput;
  /** @default 127.0.0.1 */
  host?: string;
  /** @default 0 (a free port) */
  port?: number;
  /** where the virtual clock starts, epoch ms @default config start_time, else now */
  startTime?: number;
  /** the clock stands still until moved @default false */
  frozen?: boolean;
  /** undici dispatcher for the webhooks the mock sends */
  dispatcher?: Dispatcher;
  /** a webhook must be answered within this many ms @default 5000 */
  webhookTimeoutMs?: number;
  /** called for each recorded call */
  onCall?: (c: RecordedCall) => void;
  /** called with the log line of each recorded call (the `lead-kit mock` request log; cheaper than onCall) */
  onLine?: (c: CallLine) => void;
  /** called for each webhook sent or skipped */
  onWebhook?: (w: SentWebhook) => void;
  /** called when answering a request failed because of a bug (the request got a 500 with the envelope) */
  onError?: (err: unknown, request: { method: string; path: string }) => void;
}

/** A running mock Graph API. */
export interface MockGraph {
  /** e.g. http://127.0.0.1:4010 (no trailing slash; clients append /v26.0/…) */
  url: string;
  port: number;
  state: MockState;
  clock: VirtualClock;
  /** every Graph call the app made, oldest first, tokens redacted */
  calls: readonly RecordedCall[];
  /** every webhook the mock sent */
  webhooks: readonly SentWebhook[];
  runtime: MockRuntime;
  onCall(listener: (c: RecordedCall) => void): () => void;
  /** resolves when every queued webhook has been answered */
  flush(): Promise<void>;
  /** resolves when no request to the mock is in flight and every queued webhook has been answered */
  idle(): Promise<void>;
  /** stops the server and the webhooks; safe to call twice */
  close(): Promise<void>;
}

/**
 * Starts the local Graph API: Conversation Routing state, Meta's error envelopes, webhooks on each change of
 * control, and a recording of every call. Binds 127.0.0.1 unless told otherwise.
 */
export async function startMockGraph(options: MockGraphOptions = {}): Promise<MockGraph> {
  const config: MockConfig = mockConfigSchema.parse(options.config ?? demoConfig());
  const clock = new VirtualClock(options.startTime ?? parseInstant(config.start_time) ?? Date.now(), options.frozen ?? false);
  const state = new MockState(config, clock);
  const calls = new CallLog(config.max_calls);
  const webhooks = new WebhookSender({
    state,
    apiVersion: config.api_version,
    dispatcher: options.dispatcher,
    timeoutMs: options.webhookTimeoutMs,
    onWebhook: options.onWebhook,
  });
  const secrets = [
    ...state.tokens.keys(),
    ...[...state.apps.values()].flatMap((a) => (a.secret === undefined ? [] : [`${a.id}|${a.secret}`, a.secret])),
  ].sort((a, b) => b.length - a.length);
  const rt: MockRuntime = { state, clock, webhooks, calls, config, secrets };
  if (options.onCall) calls.onCall(options.onCall);
  if (options.onLine) calls.onLine(options.onLine);

  const handle = createHandler(rt, (err, req) =>
    options.onError?.(err, { method: req.method ?? 'GET', path: (req.url ?? '/').split('?')[0]! }),
  );

  // Requests in flight, so a caller can keep the mock up until the app's last call is answered. Counted in the
  // one request listener, with one shared 'close' listener (a response closes once): no closure per request.
  let inFlight = 0;
  const waiters: Array<() => void> = [];
  const closed = (): void => {
    inFlight--;
    if (inFlight === 0) for (const w of waiters.splice(0)) w();
  };
  const server = createServer((req, res) => {
    inFlight++;
    res.on('close', closed);
    handle(req, res);
  });
  const noneInFlight = (): Promise<void> => (inFlight === 0 ? Promise.resolve() : new Promise((r) => waiters.push(r)));
  // A request Node cannot parse still gets Meta's envelope, never an HTML page.
  server.on('clientError', (_err, socket) => {
    if (!socket.writable) return socket.destroy();
    const text = JSON.stringify(envelope(graphErrors.param('Malformed HTTP request')));
    socket.end(
      `HTTP/1.1 400 Bad Request\r\ncontent-type: application/json; charset=UTF-8\r\ncontent-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`,
    );
  });
  // CONNECT (a proxy request) gets an answer too; without this listener Node closes the socket silently.
  server.on('connect', (req, socket) => {
    const text = JSON.stringify(envelope(graphErrors.wrongMethod(req.method ?? 'CONNECT')));
    socket.on('error', () => socket.destroy());
    socket.end(
      `HTTP/1.1 405 Method Not Allowed\r\nallow: GET, POST, DELETE\r\ncontent-type: application/json; charset=UTF-8\r\ncontent-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`,
    );
  });
  const { port, origin } = await listenOn(server, options.port, options.host);
  let closing: Promise<void> | undefined;
  return {
    url: origin,
    port,
    state,
    clock,
    get calls() {
      return calls.calls;
    },
    webhooks: webhooks.sent,
    runtime: rt,
    onCall: (l) => calls.onCall(l),
    flush: () => webhooks.flush(),
    async idle() {
      await noneInFlight();
      await webhooks.flush();
      await noneInFlight();
    },
    close() {
      closing ??= (async () => {
        await webhooks.close();
        await new Promise<void>((resolve) => {
          const force = setTimeout(() => server.closeAllConnections(), 1000);
          server.close(() => {
            clearTimeout(force);
            resolve();
          });
          server.closeIdleConnections();
        });
      })();
      return closing;
    },
  };
}
