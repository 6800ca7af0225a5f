import type { ChalkInstance } from 'chalk';
import type { VerifyResult } from './verify.js';

/** The pass/fail matrix of `lead-kit verify`. */
export function renderVerify(r: VerifyResult, c: ChalkInstance): string {
  const lines = [`${c.bold('lead-kit verify')} → ${r.endpoint}`, ''];
  const titleWidth = Math.max(...r.cases.map((x) => x.title.length), 4);
  lines.push(c.dim(`   ${'case'.padEnd(titleWidth)}  ${'expect'.padEnd(15)}  ${'got'.padEnd(9)}  ${'time'.padStart(8)}`));
  for (const x of r.cases) {
    const mark = x.verdict === 'pass' ? c.green('✓') : x.verdict === 'warn' ? c.yellow('!') : c.red('✗');
    const got = (x.status === null ? 'no answer' : String(x.status)).padEnd(9);
    const time = `${x.ms} ms`.padStart(8);
    lines.push(
      ` ${mark} ${x.title.padEnd(titleWidth)}  ${x.expect.padEnd(15)}  ${got}  ${x.within_limit || x.status === null ? time : c.red(time)}`,
    );
    if (x.reason)
      lines.push(`     ${x.verdict === 'fail' ? c.red(x.reason) : x.verdict === 'warn' ? c.yellow(x.reason) : c.dim(x.reason)}`);
  }
  const slow = r.cases.filter((x) => x.status !== null && !x.within_limit);
  lines.push('');
  const silent = r.cases.filter((x) => x.status === null).length;
  const limit = `${r.limit_ms / 1000} s`;
  if (silent === r.cases.length) lines.push(c.red(`no case got an answer within ${limit}`));
  else {
    if (silent > 0) lines.push(c.red(`${silent} case${silent === 1 ? '' : 's'} got no answer within ${limit}`));
    if (slow.length > 0) lines.push(c.red(`${slow.length} answer${slow.length === 1 ? '' : 's'} took longer than Meta's ${limit} limit`));
    else if (silent === 0) lines.push(c.dim(`every answer came within Meta's ${limit} limit`));
  }
  const tally = `${r.passed} passed, ${r.warnings} warning${r.warnings === 1 ? '' : 's'}, ${r.failed} failed`;
  lines.push(r.ok ? c.green(`✓ ${tally}`) : c.red(`✗ ${tally}`));
  return lines.join('\n');
}
