import type { SuiteResult } from './run-suite.js';

/** Text safe inside an XML attribute or element: escaped, without the control characters XML 1.0 forbids. */
export function xmlText(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

/**
 * The suite as JUnit XML (the format CI systems read): one <testsuite> for the file, one <testcase> per case; a
 * failed case holds a <failure> whose message is the first failed check and whose text is the whole diff; a case
 * that did not run is <skipped>. `detail` gives a failed case's text (plain, no colour).
 */
export function renderJunit(r: SuiteResult, names: readonly string[], detail: (index: number) => string, now: Date): string {
  const byIndex = new Map(r.cases.map((c) => [c.index, c]));
  const errors = r.appDied ? 1 : 0;
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="lead-kit" tests="${names.length}" failures="${r.failed}" errors="${errors}" skipped="${r.skipped}" time="${seconds(r.ms)}">`,
  ];
  out.push(
    `  <testsuite name="${xmlText(r.file)}" tests="${names.length}" failures="${r.failed}" errors="${errors}" skipped="${r.skipped}" time="${seconds(r.ms)}" timestamp="${now.toISOString().replace(/\.\d+Z$/, '')}">`,
  );
  names.forEach((name, i) => {
    const c = byIndex.get(i);
    const head = `    <testcase name="${xmlText(name)}" classname="${xmlText(r.file)}" time="${seconds(c?.ms ?? 0)}"`;
    if (c === undefined) {
      out.push(
        `${head}>`,
        `      <skipped message="${r.interrupted ? 'not run: interrupted (Ctrl-C)' : 'not run: the app had exited'}"/>`,
        '    </testcase>',
      );
    } else if (c.status === 'passed') {
      out.push(`${head}/>`);
    } else if (c.status === 'interrupted') {
      out.push(`${head}>`, '      <skipped message="interrupted (Ctrl-C)"/>', '    </testcase>');
    } else {
      out.push(
        `${head}>`,
        `      <failure message="${xmlText(c.failures[0] ?? 'failed')}" type="${c.kind === 'verify' ? 'verify' : 'expectation'}">${xmlText(detail(i))}</failure>`,
        '    </testcase>',
      );
    }
  });
  if (r.appDied) out.push(`    <system-err>${xmlText(r.appDied.output.join('\n'))}</system-err>`);
  out.push('  </testsuite>', '</testsuites>', '');
  return out.join('\n');
}
