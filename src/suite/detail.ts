import type { ChalkInstance } from 'chalk';
import { renderMockReport } from '../mock/expect-render.js';
import type { CaseResult } from './cases.js';

/**
 * Why a case failed, as text: each failed check, then (for a flow) the expectations with their near-miss diffs
 * and every call the app made during the case — the same report `simulate --mock --expect` prints.
 */
export function caseDetail(r: CaseResult, c: ChalkInstance): string {
  const lines = r.failures.map((f) => `- ${f}`);
  if (r.seed !== undefined) lines.push(c.dim(`(shuffled with seed ${r.seed}: add "seed": ${r.seed} to repeat this order)`));
  if (r.mock && (r.mock.expectations.some((e) => !e.ok) || r.mock.expectations.length === 0))
    lines.push(...renderMockReport(r.mock, c).split('\n').slice(1));
  return lines.join('\n');
}
