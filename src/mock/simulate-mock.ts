import type { ChalkInstance } from 'chalk';
import type { SimulateOptions } from '../flow/run-flow.js';
import type { Deps } from '../io/deps.js';
import { UsageError } from '../errors.js';
import { DEMO, demoConfig } from './demo.js';
import { evaluateAll, waitForExpectations, type ExpectContext, type Expectation } from './expect.js';
import { summarizeCalls, type MockReport } from './expect-render.js';

export { renderMockReport } from './expect-render.js';
import { attachLeadFlow } from './attach-flow.js';
import { attachRemoteMock } from './remote-mock.js';
import { startMockGraph, type MockGraph } from './server.js';
import { interruptOutcome, interruptPrelude, waitForSend } from './interrupt.js';

/** `simulate --mock` (or `--graph-url` for a mock that is already running): where, and what the app must do. */
export interface SimulateMockOptions {
  /** the port of the mock to start */
  port: number;
  /** an already-running `lead-kit mock` to use instead of starting one */
  graphUrl?: string;
  expectations: Expectation[];
  /** how long to wait for the expected calls after the last delivery */
  withinMs: number;
  /** `--interrupt`: a late message the app answers while the Leadgen app owns the thread (interrupt.ts) */
  interrupt?: boolean;
}

/** The mock running next to a `simulate --mock` flow. */
export interface SimulateMock {
  mock: Pick<MockGraph, 'url'>;
  /** the mock was already running (`--graph-url`) */
  attached?: boolean;
  expectations: Expectation[];
  withinMs: number;
  /** waits for the expectations (up to --expect-within) and reports; `deliveries` feed status:<code> */
  finish(signal?: AbortSignal, deliveries?: ExpectContext['deliveries']): Promise<MockReport>;
  /** keeps the mock up until the expectation window has closed and the app's calls in flight are answered, then stops it */
  close(): Promise<void>;
}

/** Port of `simulate --mock` without a value: the same default as `lead-kit mock`. */
export const DEFAULT_MOCK_PORT = 4010;

/**
 * Starts the mock with the lead's Page, person and app (the demo setup's default app stays the Page's default
 * app), begins the lead flow in its state (the Leadgen app owns the thread), and hooks each flow step so the
 * handover passes control and a release releases it just before the matching delivery goes out.
 */
export async function startSimulateMock(
  parsed: SimulateMockOptions,
  opts: SimulateOptions,
  deps: Pick<Deps, 'dispatcher' | 'signal'>,
): Promise<SimulateMock> {
  if (parsed.graphUrl !== undefined) return attachedMock(parsed.graphUrl, parsed, opts, deps);
  const { lead } = opts;
  const config = demoConfig({
    pageId: lead.pageId,
    psid: lead.psid,
    appId: lead.app.id,
    appName: lead.app.name,
    ...(opts.endpoint === undefined ? {} : { webhookUrl: opts.endpoint }),
    ...(opts.appSecret === undefined ? {} : { appSecret: opts.appSecret }),
    otherApps: lead.standbyApps,
  });
  let mock: MockGraph;
  try {
    mock = await startMockGraph({
      config,
      port: parsed.port,
      startTime: lead.startMs,
      ...(deps.dispatcher === undefined ? {} : { dispatcher: deps.dispatcher }),
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES')
      throw new UsageError(`--mock cannot listen on 127.0.0.1:${parsed.port} (${code})`, {
        hint: 'pass another port, e.g. --mock 4011, or stop the other `lead-kit mock`',
      });
    throw err;
  }
  const ctx = attachLeadFlow(mock, opts);
  if (parsed.interrupt === true) interruptWith(mock, opts, parsed.withinMs, deps.signal);
  return {
    mock,
    expectations: parsed.expectations,
    withinMs: parsed.withinMs,
    ...expectationWindow({
      url: mock.url,
      source: mock,
      ctx,
      parsed,
      afterWait: () => mock.flush(),
      // The app may still be calling (a late reply, a pass after the reply): answer it rather than reset it.
      settle: (signal) => Promise.race([mock.idle(), lingerFor(5000, signal)]),
      stop: () => mock.close(),
    }),
  };
}

/** `--graph-url`: the flow drives a running mock through /__lead-kit/*; closing it leaves that mock running. */
async function attachedMock(
  graphUrl: string,
  parsed: { expectations: Expectation[]; withinMs: number },
  opts: SimulateOptions,
  deps: Pick<Deps, 'dispatcher'>,
): Promise<SimulateMock> {
  const { remote, ctx } = await attachRemoteMock(graphUrl, opts, deps);
  return {
    mock: { url: remote.url },
    attached: true,
    expectations: parsed.expectations,
    withinMs: parsed.withinMs,
    ...expectationWindow({ url: remote.url, source: remote, ctx, parsed, beforeWait: () => remote.sync(), stop: () => remote.close() }),
  };
}

/**
 * finish(): checks the expectations against `source` within the window; close(): waits until the window has
 * closed (and `settle`), then `stop`s — on Ctrl-C at once.
 */
function expectationWindow(o: {
  url: string;
  source: Parameters<typeof waitForExpectations>[0];
  ctx: ExpectContext;
  parsed: { expectations: Expectation[]; withinMs: number };
  beforeWait?: () => Promise<void>;
  afterWait?: () => Promise<void>;
  settle?: (signal?: AbortSignal) => Promise<unknown>;
  stop: () => Promise<void>;
}): Pick<SimulateMock, 'finish' | 'close'> {
  let windowEnds: number | undefined;
  let finishSignal: AbortSignal | undefined;
  const { expectations, withinMs } = o.parsed;
  return {
    async finish(signal, deliveries) {
      windowEnds = Date.now() + withinMs;
      finishSignal = signal;
      const full = deliveries === undefined ? o.ctx : { ...o.ctx, deliveries };
      await o.beforeWait?.();
      const results =
        expectations.length === 0
          ? evaluateAll([], o.source.calls, full)
          : await waitForExpectations(o.source, expectations, full, withinMs, signal);
      await o.afterWait?.();
      return {
        url: o.url,
        within_ms: withinMs,
        calls: summarizeCalls(o.source.calls),
        expectations: results,
        ok: results.every((r) => r.ok),
      };
    },
    async close() {
      const rest = windowEnds === undefined ? 0 : windowEnds - Date.now();
      if (rest > 0 && finishSignal?.aborted !== true) await lingerFor(rest, finishSignal);
      if (finishSignal?.aborted !== true) await o.settle?.(finishSignal);
      await o.stop();
    },
  };
}

/** The line that tells the user where to point the app (stdout in text mode, stderr with --json). */
export function renderMockBanner(m: SimulateMock, c: ChalkInstance): string {
  if (m.attached === true) return `${c.bold('mock Graph API')} at ${m.mock.url} (already running) — your app must use it as GRAPH_API_URL`;
  return `${c.bold('mock Graph API')} on ${m.mock.url} — start your app with GRAPH_API_URL=${m.mock.url} and the Page token ${DEMO.token}`;
}

/** Resolves after `ms`, or at once when `signal` fires. */
function lingerFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * `--interrupt`: before the flow's steps, a message from the person, then a wait for the app's answer while the
 * Leadgen app owns the thread (interrupt.ts); the flow's own steps keep the change of control attachLeadFlow gave them.
 */
function interruptWith(mock: MockGraph, opts: SimulateOptions, withinMs: number, signal: AbortSignal | undefined): void {
  const { lead } = opts;
  const prelude = interruptPrelude(lead, withinMs);
  opts.prelude = [prelude.message, prelude.wait];
  const inner = opts.onStep;
  let mark = 0;
  opts.onStep = async (step) => {
    if (step === prelude.message) mark = mock.runtime.calls.lastSeq;
    else if (step === prelude.wait) {
      const sent = await waitForSend(mock, lead.app.id, lead.psid, mark, withinMs, signal);
      prelude.wait.note = interruptOutcome(sent, withinMs);
    } else await inner?.(step);
  };
}
