import { resolve } from 'node:path';
import { plainColor } from '../io/plain-color.js';
import type { Deps } from '../io/deps.js';
import type { Outcome } from '../io/outcome.js';
import { writeFileAtomic } from '../fs/atomic.js';
import { scrubText } from '../mock/calls.js';
import { caseDetail } from '../suite/detail.js';
import { generateSecrets } from '../suite/environment.js';
import { loadSuite } from '../suite/load.js';
import { githubAnnotation } from '../suite/report-github.js';
import { renderJunit } from '../suite/report-junit.js';
import { tapCase, tapPlan, tapSkipped } from '../suite/report-tap.js';
import { runSuite, type SuiteResult } from '../suite/run-suite.js';
import { suiteJsonSchema } from '../suite/schema.js';
import { caseEvent, renderCase, renderSummary, summaryEvent } from './test-render.js';

export const reporters = ['default', 'junit', 'tap'] as const;
export type Reporter = (typeof reporters)[number];

/** `lead-kit test`, fully parsed by its commander wiring. */
export interface TestOptions {
  /** the suite file, relative to cwd */
  suite: string;
  /** print the suite's JSON Schema and stop */
  schema: boolean;
  reporter: Reporter;
  /** where the junit/tap report goes (default: stdout) */
  output?: string;
  /** NDJSON on stdout: one event per case, then a summary */
  json: boolean;
  /** also print `::error` annotations for failed cases (GITHUB_ACTIONS=true) */
  githubAnnotations: boolean;
}

/**
 * Runs a suite and reports it: 0 every case passed, 1 a case failed, 2 a bad suite (thrown), 3 the app never
 * became ready (thrown) or died, 130 Ctrl-C.
 */
export async function runTest(
  opts: TestOptions,
  deps: Pick<Deps, 'io' | 'env' | 'cwd' | 'now' | 'signal' | 'dispatcher'>,
): Promise<Outcome> {
  if (opts.schema) {
    deps.io.out.write(JSON.stringify(suiteJsonSchema(), null, 2) + '\n');
    return 'ok';
  }
  const loaded = await loadSuite(opts.suite, deps.cwd);
  const secrets = generateSecrets();
  // The generated secrets are handed to the app, which may print them: none of them leaves lead-kit.
  const hidden = [secrets.appSecret, secrets.pageToken, secrets.verifyToken];
  const scrub = (s: string): string => scrubText(s, hidden);
  const out = { write: (s: string) => deps.io.out.write(scrub(s)) };
  const err = { write: (s: string) => deps.io.err.write(scrub(s)) };
  const names = loaded.suite.cases.map((c) => c.name);
  // Which stream carries the human-readable lines: stdout, unless a report or NDJSON owns it.
  const reportOnStdout = opts.reporter !== 'default' && opts.output === undefined;
  const machineStdout = opts.json || reportOnStdout;
  const text = machineStdout ? err : out;
  const color = machineStdout ? deps.io.errColor : deps.io.color;
  const tap: string[] = [];
  const emitTap = (s: string): void => {
    if (opts.output === undefined) out.write(s);
    else tap.push(s);
  };
  if (opts.reporter === 'tap') emitTap(tapPlan(names.length));

  const result: SuiteResult = await runSuite(
    loaded,
    { env: deps.env, signal: deps.signal, ...(deps.dispatcher ? { dispatcher: deps.dispatcher } : {}) },
    {
      onStart: ({ mockUrl, command }) =>
        err.write(`${deps.io.errColor.bold('lead-kit test')} ${loaded.file}: mock Graph API on ${mockUrl}; starting \`${command}\`\n`),
      onCase: (r) => {
        if (opts.json) out.write(JSON.stringify(caseEvent(r)) + '\n');
        if (opts.reporter === 'tap') emitTap(tapCase(r, caseDetail(r, plainColor)));
        text.write(renderCase(r, color) + '\n');
        if (opts.githubAnnotations && r.status === 'failed') text.write(githubAnnotation(r, loaded.file, r.failures.join('\n')));
      },
    },
    secrets,
  );
  if (opts.reporter === 'tap') emitTap(tapSkipped(result.cases.length, names, result.interrupted ? 'interrupted' : 'the app had exited'));
  const detail = (i: number): string => {
    const c = result.cases.find((x) => x.index === i);
    return c ? caseDetail(c, plainColor) : '';
  };
  if (opts.reporter !== 'default') {
    const report = opts.reporter === 'junit' ? renderJunit(result, names, detail, deps.now()) : tap.join('');
    if (opts.output !== undefined) await writeFileAtomic(resolve(deps.cwd, opts.output), scrub(report));
    else if (opts.reporter === 'junit') out.write(report);
  }
  if (opts.json) out.write(JSON.stringify(summaryEvent(result)) + '\n');
  text.write(renderSummary(result, color) + '\n');
  if (result.interrupted) return 'interrupted';
  // the app never became ready, or died: nothing answered
  if (result.appDied) return 'connect';
  return result.failed > 0 || result.skipped > 0 ? 'checkFailed' : 'ok';
}
