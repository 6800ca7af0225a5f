import type { Deps } from '../io/deps.js';
import type { Outcome } from '../io/outcome.js';
import { emitLine, warn } from '../io/output.js';
import { AuthError, messageOf, UsageError } from '../errors.js';
import { createLineBatcher } from '../text/line-batcher.js';
import { loadMockConfig, placeholderSecrets } from '../mock/config.js';
import { DEMO, demoConfig, type DemoOverrides } from '../mock/demo.js';
import { runLeadScenario } from '../mock/lead-scenario.js';
import { startMockGraph, type MockGraph } from '../mock/server.js';
import type { MockConfigInput } from '../schemas/mock-config.js';
import type { Scenario } from '../webhooks/flow.js';
import { wildcardWarning } from '../net/listen.js';
import { scrubText } from '../mock/calls.js';
import { readyLine, renderHints, renderReady, renderRequest, renderScenario, renderWebhook, requestLine, webhookLine } from './mock.js';

/** `lead-kit mock`, fully resolved by the wiring. */
export interface MockOptions {
  port: number;
  host: string;
  /** the mock setup file; the demo setup when undefined */
  config: string | undefined;
  /** where the virtual clock starts, epoch ms; the config's start_time, else now, when undefined */
  startTime: number | undefined;
  json: boolean;
  /** run this lead flow once the mock is ready */
  scenario: Scenario | undefined;
  /** demo setup: the connected app's webhook URL */
  endpoint: string | undefined;
  /** demo setup: the connected app's secret */
  appSecret: string | undefined;
}

/** Starts the mock in the foreground, logs each request, and stops when deps.signal fires (Ctrl-C). */
export async function runMock(flags: MockOptions, deps: Pick<Deps, 'io' | 'cwd' | 'signal' | 'dispatcher' | 'now'>): Promise<Outcome> {
  const { io } = deps;
  const { json, port } = flags;
  let startTime = flags.startTime;
  let config: MockConfigInput;
  const demo = flags.config === undefined;
  if (!demo) {
    if (flags.endpoint !== undefined)
      throw new UsageError('--endpoint only applies to the demo setup', {
        hint: 'set "webhook_url" on the app in your mock config instead',
      });
    config = await loadMockConfig(flags.config!, deps.cwd);
    for (const w of placeholderSecrets(config)) warn(io, `${flags.config}: ${w}`);
  } else {
    const o: DemoOverrides = {};
    if (flags.endpoint !== undefined) {
      o.webhookUrl = flags.endpoint;
      if (flags.appSecret === undefined) {
        throw new AuthError('the webhooks the mock sends to --endpoint must be signed with your app secret', {
          hint: 'pass --app-secret or set LEAD_KIT_APP_SECRET',
        });
      }
    }
    if (flags.appSecret !== undefined) o.appSecret = flags.appSecret;
    config = demoConfig(o);
  }
  if (deps.signal.aborted) return 'interrupted';
  // The clock starts at --start-time, else the config's start_time, else now.
  if (startTime === undefined && config.start_time === undefined) startTime = deps.now().getTime();

  // The request log: one write per turn of the event loop (stdout is synchronous on a terminal or pipe).
  const log = createLineBatcher(io.out);
  // Without colour the request log line is plain text, written without a painter call per request.
  const painter = io.color.level === 0 ? undefined : io.color;
  const { host } = flags;
  const warning = wildcardWarning(host, 'the mock (and its /__lead-kit control routes)');
  if (warning !== undefined) warn(io, warning);
  let secrets: readonly string[] = [];
  let mock: MockGraph;
  try {
    mock = await startMockGraph({
      config,
      port,
      host,
      ...(startTime === undefined ? {} : { startTime }),
      ...(deps.dispatcher === undefined ? {} : { dispatcher: deps.dispatcher }),
      onLine: (c) => log.line(json ? JSON.stringify(requestLine(c)) : renderRequest(c, painter)),
      onWebhook: (w) => log.line(json ? JSON.stringify(webhookLine(w)) : renderWebhook(w, io.color)),
      // A bug while answering: the request got a 500 with Meta's envelope; the mock keeps serving.
      onError: (err, req) => {
        log.flush();
        const message = scrubText(
          `internal error answering ${req.method} ${req.path}: ${messageOf(err)} (this is a bug in lead-kit; please report it)`,
          secrets,
        );
        io.err.write(json ? JSON.stringify({ error: { code: 'INTERNAL', message } }) + '\n' : `lead-kit mock: ${message}\n`);
      },
    });
    secrets = mock.runtime.secrets;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      throw new UsageError(`cannot listen on ${flags.host}:${port} (${code})`, { hint: 'pass another --port, or --port 0 for a free one' });
    }
    throw err;
  }
  try {
    const ready = readyLine(mock, demo ? DEMO.token : undefined);
    log.flush();
    if (json) emitLine(io, ready);
    else {
      io.out.write(renderReady(ready, io.color) + '\n');
      const page = mock.state.pages.values().next().value!;
      io.err.write(renderHints(ready, page.threads.keys().next().value) + '\n');
    }
    if (flags.scenario !== undefined) {
      const page = mock.state.pages.values().next().value!;
      const run = await runLeadScenario(mock.runtime, page, flags.scenario, {});
      log.flush();
      if (json) emitLine(io, { type: 'scenario', ...run });
      else io.out.write(renderScenario(run, io.color) + '\n');
    }
    await new Promise<void>((resolve) => {
      if (deps.signal.aborted) return resolve();
      deps.signal.addEventListener('abort', () => resolve(), { once: true });
    });
  } finally {
    await mock.close();
    log.flush();
    if (!json) io.err.write('lead-kit mock stopped\n');
  }
  return 'ok';
}
