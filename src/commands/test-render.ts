import type { ChalkInstance } from 'chalk';
import type { CaseResult } from '../suite/cases.js';
import { caseDetail } from '../suite/detail.js';
import { outputBlock, type SuiteResult } from '../suite/run-suite.js';

/** `✓ name  412 ms`, then for a failure its checks and diffs, indented. */
export function renderCase(r: CaseResult, c: ChalkInstance): string {
  const mark = r.status === 'passed' ? c.green('✓') : r.status === 'interrupted' ? c.yellow('-') : c.red('✗');
  const line = ` ${mark} ${r.name}  ${c.dim(`${r.ms} ms`)}${r.status === 'interrupted' ? c.yellow(' (interrupted)') : ''}`;
  if (r.status !== 'failed') return line;
  return `${line}\n${caseDetail(r, c)
    .split('\n')
    .map((l) => `     ${l}`)
    .join('\n')}`;
}

/** The summary: `N passed, M failed` alone on the last line (plus what did not run, and why). */
export function renderSummary(r: SuiteResult, c: ChalkInstance): string {
  const lines: string[] = [''];
  if (r.appDied)
    lines.push(
      c.red(
        `the app ${r.appDied.exit.signal !== null ? `was killed by ${r.appDied.exit.signal}` : `exited with code ${r.appDied.exit.code}`} (during "${r.appDied.during}")`,
      ),
      outputBlock(r.appDied.output),
    );
  if (r.interrupted) lines.push(c.yellow('interrupted (Ctrl-C): the app and the mock were stopped'));
  const tally = `${r.passed} passed, ${r.failed} failed${r.skipped > 0 ? `, ${r.skipped} not run` : ''}`;
  lines.push(r.failed === 0 && r.skipped === 0 ? c.green(tally) : c.red(tally));
  return lines.join('\n');
}

/** The NDJSON event of one case (`--json`). */
export function caseEvent(r: CaseResult): Record<string, unknown> {
  return { type: 'case', ...r };
}

export function summaryEvent(r: SuiteResult): Record<string, unknown> {
  const e: Record<string, unknown> = {
    type: 'summary',
    file: r.file,
    passed: r.passed,
    failed: r.failed,
    not_run: r.skipped,
    ms: r.ms,
    flow_ms: r.cases.reduce((s, x) => s + x.ms, 0),
    interrupted: r.interrupted,
    ok: r.failed === 0 && r.skipped === 0 && !r.interrupted,
  };
  if (r.appDied)
    e.app_died = { code: r.appDied.exit.code, signal: r.appDied.exit.signal, during: r.appDied.during, output: r.appDied.output };
  return e;
}
