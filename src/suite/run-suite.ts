import { isAbsolute, resolve } from 'node:path';
import type { Dispatcher } from 'undici';
import { ConnectError } from '../errors.js';
import { startMockGraph, type MockGraph } from '../mock/server.js';
import { DEFAULTS } from '../webhooks/defaults.js';
import { startApp, waitUntilReady, type AppExit, type AppProcess } from './app-under-test.js';
import { runFlowCase, runVerifyCase, type CaseResult } from './cases.js';
import { appEnvironment, generateSecrets, suiteMockConfig, type SuiteSecrets } from './environment.js';
import type { LoadedSuite } from './load.js';

export interface SuiteResult {
  file: string;
  cases: CaseResult[];
  passed: number;
  failed: number;
  /** cases not run (Ctrl-C, or the app died) */
  skipped: number;
  /** wall time from start to the app and mock stopped, ms */
  ms: number;
  /** the app exited before the suite was done */
  appDied?: { exit: AppExit; during: string; output: string[] };
  interrupted: boolean;
}

export interface SuiteHooks {
  /** the mock is up and the app is starting */
  onStart?(info: { mockUrl: string; command: string }): void;
  /** a case finished */
  onCase?(r: CaseResult): void;
}

export interface SuiteDeps {
  env: Readonly<Record<string, string | undefined>>;
  signal: AbortSignal;
  dispatcher?: Dispatcher;
}

const died = (e: AppExit): string => (e.signal !== null ? `was killed by ${e.signal}` : `exited with code ${e.code}`);

/** How long after the suite the app's calls still in flight may take to be answered. */
const DRAIN_MS = 5000;

/**
 * Runs a suite: one mock on a free port with generated secrets, the app started with them, each case in order
 * with its own PSID, then the app and the mock stopped. Throws ConnectError (exit 3) when the app never becomes
 * ready; every other outcome comes back as a SuiteResult. `secrets` are handed out for redaction.
 */
export async function runSuite(
  loaded: LoadedSuite,
  deps: SuiteDeps,
  hooks: SuiteHooks = {},
  secrets: SuiteSecrets = generateSecrets(),
): Promise<SuiteResult> {
  const started = Date.now();
  const { suite } = loaded;
  const ids = { pageId: DEFAULTS.pageId, appId: DEFAULTS.appId };
  const mock: MockGraph = await startMockGraph({
    config: suiteMockConfig(suite, secrets),
    port: 0,
    ...(deps.dispatcher ? { dispatcher: deps.dispatcher } : {}),
  });
  let app: AppProcess | undefined;
  const result: SuiteResult = { file: loaded.file, cases: [], passed: 0, failed: 0, skipped: 0, ms: 0, interrupted: false };
  try {
    const cwd = suite.app.cwd === undefined ? loaded.dir : isAbsolute(suite.app.cwd) ? suite.app.cwd : resolve(loaded.dir, suite.app.cwd);
    const env = appEnvironment(deps.env, suite, {
      graph_url: mock.url,
      page_token: secrets.pageToken,
      app_secret: secrets.appSecret,
      verify_token: secrets.verifyToken,
      page_id: ids.pageId,
      app_id: ids.appId,
    });
    hooks.onStart?.({ mockUrl: mock.url, command: suite.app.command });
    app = startApp({ command: suite.app.command, cwd, env });
    const timeoutMs = suite.app.ready_timeout_ms ?? 10_000;
    const ready = await waitUntilReady(app, {
      webhook: suite.app.webhook,
      ...(suite.app.ready_url ? { readyUrl: suite.app.ready_url } : {}),
      timeoutMs,
      signal: deps.signal,
      ...(deps.dispatcher ? { dispatcher: deps.dispatcher } : {}),
    });
    if (!ready.ready && ready.why !== 'aborted') {
      const exit = ready.why === 'exited' ? await app.exited : undefined;
      const what = exit
        ? `the app ${died(exit)} before it became ready`
        : `the app did not become ready within ${timeoutMs} ms (${suite.app.ready_url ? `${suite.app.ready_url} never answered 2xx` : `${suite.app.webhook} refused connections`})`;
      throw new ConnectError(`${what}\n${outputBlock(app.tail())}`, {
        hint: `check app.command ("${suite.app.command}"), app.webhook and app.ready_timeout_ms in ${loaded.file}`,
        details: { output: app.tail() },
      });
    }
    const caseEnv = { suite, mock, secrets, ids, signal: deps.signal, ...(deps.dispatcher ? { dispatcher: deps.dispatcher } : {}) };
    for (const [i, c] of suite.cases.entries()) {
      if (deps.signal.aborted || app.exit() !== undefined) break;
      const r = c.verify === true ? await runVerifyCase(caseEnv, c, i) : await runFlowCase(caseEnv, c, i);
      const exit = app.exit();
      if (exit !== undefined) {
        r.status = 'failed';
        r.failures.unshift(`the app ${died(exit)} during this case`);
        result.appDied = { exit, during: c.name, output: app.tail() };
      }
      result.cases.push(r);
      hooks.onCase?.(r);
    }
    // The app's last calls are still answered: the mock stays up until nothing is in flight.
    await Promise.race([mock.idle(), new Promise((r) => setTimeout(r, DRAIN_MS).unref())]);
    if (result.appDied === undefined && app.exit() !== undefined) {
      const exit = app.exit()!;
      result.appDied = { exit, during: result.cases.at(-1)?.name ?? '(before the first case)', output: app.tail() };
    }
  } finally {
    await app?.stop().catch(() => undefined);
    await mock.close().catch(() => undefined);
  }
  result.interrupted = deps.signal.aborted;
  result.passed = result.cases.filter((c) => c.status === 'passed').length;
  result.failed = result.cases.filter((c) => c.status === 'failed').length;
  result.skipped = suite.cases.length - result.passed - result.failed;
  result.ms = Date.now() - started;
  return result;
}

/** The app's last lines, indented, for an error message. */
export function outputBlock(lines: readonly string[]): string {
  if (lines.length === 0) return '  (the app printed nothing)';
  return [`  last ${lines.length} line${lines.length === 1 ? '' : 's'} of the app's output:`, ...lines.map((l) => `  | ${l}`)].join('\n');
}
