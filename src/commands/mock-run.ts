import type { Deps } from '../cli/deps.js';
import { emitLine } from '../cli/output.js';
import { intFlag } from '../cli/parse.js';
import { AuthError, UsageError } from '../errors.js';
import { parseInstant } from '../mock/clock.js';
import { loadMockConfig, placeholderSecrets } from '../mock/config.js';
import { DEMO, demoConfig, type DemoOverrides } from '../mock/demo.js';
import { runLeadScenario } from '../mock/lead-flow.js';
import { startMockGraph, type MockGraph } from '../mock/server.js';
import type { MockConfigInput } from '../schemas/mock-config.js';
import { scenarios, type Scenario } from '../webhooks/flow.js';
import { parseEndpoint } from './lead-input.js';
import { readyLine, renderHints, renderReady, renderRequest, renderScenario, renderWebhook, requestLine, webhookLine } from './mock.js';

/** The resolved flags of `lead-kit mock`. */
export interface MockFlags {
  port?: string;
  host?: string;
  config?: string;
  startTime?: string;
  json?: boolean;
  scenario?: string;
  webhookUrl?: string;
  appSecret?: string;
}

/** Starts the mock in the foreground, logs each request, and stops when deps.signal fires (Ctrl-C). */
export async function runMock(flags: MockFlags, deps: Pick<Deps, 'io' | 'cwd' | 'signal' | 'dispatcher' | 'now'>): Promise<number> {
  const { io } = deps;
  const json = flags.json === true;
  const port = intFlag('--port', flags.port ?? '4010', 0, 65535);
  let startTime: number | undefined;
  if (flags.startTime !== undefined) {
    startTime = parseInstant(flags.startTime);
    if (startTime === undefined) throw new UsageError(`--start-time "${flags.startTime}" is not a date`, { hint: 'write an ISO 8601 date such as 2026-11-21T10:00:00Z, or epoch milliseconds' });
  }
  if (flags.scenario !== undefined && !(scenarios as readonly string[]).includes(flags.scenario)) {
    throw new UsageError(`unknown scenario "${flags.scenario}"`, { hint: `use one of ${scenarios.join(', ')}` });
  }
  let config: MockConfigInput;
  const demo = flags.config === undefined;
  if (!demo) {
    if (flags.webhookUrl !== undefined) throw new UsageError('--webhook-url only applies to the demo setup', { hint: 'set "webhook_url" on the app in your mock config instead' });
    config = await loadMockConfig(flags.config!, deps.cwd);
    for (const w of placeholderSecrets(config)) io.err.write(`${io.errColor.yellow('warning:')} ${flags.config}: ${w}\n`);
  } else {
    const o: DemoOverrides = {};
    if (flags.webhookUrl !== undefined) {
      o.webhookUrl = parseEndpoint('--webhook-url', flags.webhookUrl).toString();
      if (flags.appSecret === undefined || flags.appSecret === '') {
        throw new AuthError('the webhooks the mock sends to --webhook-url must be signed with your app secret', { hint: 'pass --app-secret or set LEAD_KIT_APP_SECRET' });
      }
    }
    if (flags.appSecret !== undefined && flags.appSecret !== '') o.appSecret = flags.appSecret;
    config = demoConfig(o);
  }
  if (deps.signal.aborted) return 130;
  // The clock starts at --start-time, else the config's start_time, else now.
  if (startTime === undefined && config.start_time === undefined) startTime = deps.now().getTime();

  let mock: MockGraph;
  try {
    mock = await startMockGraph({
      config,
      port,
      host: flags.host ?? '127.0.0.1',
      ...(startTime === undefined ? {} : { startTime }),
      ...(deps.dispatcher === undefined ? {} : { dispatcher: deps.dispatcher }),
      onCall: (c) => (json ? emitLine(io, requestLine(c)) : io.out.write(renderRequest(c, io.color) + '\n')),
      onWebhook: (w) => (json ? emitLine(io, webhookLine(w)) : io.out.write(renderWebhook(w, io.color) + '\n')),
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      throw new UsageError(`cannot listen on ${flags.host ?? '127.0.0.1'}:${port} (${code})`, { hint: 'pass another --port, or --port 0 for a free one' });
    }
    throw err;
  }
  try {
    const ready = readyLine(mock, demo ? DEMO.token : undefined);
    if (json) emitLine(io, ready);
    else {
      io.out.write(renderReady(ready, io.color) + '\n');
      const page = mock.state.pages.values().next().value!;
      io.err.write(renderHints(ready, page.threads.keys().next().value) + '\n');
    }
    if (flags.scenario !== undefined) {
      const page = mock.state.pages.values().next().value!;
      const run = await runLeadScenario(mock.runtime, page, flags.scenario as Scenario, {});
      if (json) emitLine(io, { type: 'scenario', ...run });
      else io.out.write(renderScenario(run, io.color) + '\n');
    }
    await new Promise<void>((resolve) => {
      if (deps.signal.aborted) return resolve();
      deps.signal.addEventListener('abort', () => resolve(), { once: true });
    });
  } finally {
    await mock.close();
    if (!json) io.err.write('lead-kit mock stopped\n');
  }
  return 0;
}
