import type { CaseResult } from './cases.js';

/** TAP version 13 (https://testanything.org/tap-version-13-specification.html), streamed one case at a time. */
export function tapPlan(count: number): string {
  return `TAP version 13\n1..${count}\n`;
}

export function tapCase(r: CaseResult, detail: string): string {
  const n = r.index + 1;
  const name = r.name.replace(/#/g, '\\#').replace(/\n/g, ' ');
  if (r.status === 'passed') return `ok ${n} - ${name} # time=${r.ms}ms\n`;
  if (r.status === 'interrupted') return `not ok ${n} - ${name} # SKIP interrupted\n`;
  const yaml = [
    '  ---',
    `  message: ${JSON.stringify(r.failures[0] ?? 'failed')}`,
    `  duration_ms: ${r.ms}`,
    '  detail: |',
    ...detail.split('\n').map((l) => `    ${l}`),
    '  ...',
  ];
  return `not ok ${n} - ${name} # time=${r.ms}ms\n${yaml.join('\n')}\n`;
}

/** The cases that never ran (Ctrl-C, or the app exited). */
export function tapSkipped(from: number, names: readonly string[], why: string): string {
  return names
    .slice(from)
    .map((name, i) => `ok ${from + i + 1} - ${name.replace(/#/g, '\\#')} # SKIP ${why}\n`)
    .join('');
}
