#!/usr/bin/env node
// Runs the benchmarks under test/bench/ (files named *.bench.js) one after another, so they do not compete for
// the machine's cores, then prints every result row in one table. `npm run bench -- replay` runs the files whose
// name contains "replay" (several names: `npm run bench -- startup mock`). Environment: see lib.js
// (BENCH_SCALE, BENCH_ROUNDS, BENCH_ROOT) and the head of each file.
import { readdirSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const filters = process.argv.slice(2);
const all = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.js'))
  .sort();
// A name that is exactly a file's (replay → replay.bench.js) picks that file alone; otherwise any file containing it.
const pick = (n) => (all.includes(`${n}.bench.js`) ? [`${n}.bench.js`] : all.filter((f) => f.includes(n)));
const files = filters.length === 0 ? all : all.filter((f) => filters.some((n) => pick(n).includes(f)));
const rows = [];
const failed = [];
const t0 = performance.now();
const load0 = loadavg()[0];
for (const f of files) {
  process.stdout.write(`\n## ${f}\n`);
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, [dir + f], { stdio: ['ignore', 'pipe', 'inherit'] });
    let carry = '';
    child.stdout.on('data', (d) => {
      process.stdout.write(d);
      const lines = (carry + d).split('\n');
      carry = lines.pop();
      for (const l of lines) if (l.startsWith('ROW\t')) rows.push(l.split('\t').slice(1));
    });
    child.on('close', resolve);
  });
  if (code !== 0) failed.push(f);
  for (const r of rows) r.file ??= f;
  if (!rows.some((r) => r.file === f))
    rows.push(Object.assign([`${f}: see its output above`, '', '', '', '', code === 0 ? '' : 'FAILED'], { file: f }));
}
if (files.length === 0) process.stdout.write('no benchmarks matched\n');
else {
  const head = ['what', 'lead-kit', 'reference', 'ratio', 'target', ''];
  const table = [head, ...rows];
  const w = head.map((_, i) => Math.max(...table.map((r) => (r[i] ?? '').length)));
  process.stdout.write(
    `\n## Results (${((performance.now() - t0) / 1000).toFixed(0)} s; load average ${load0.toFixed(2)} at the start, ${loadavg()[0].toFixed(2)} at the end)\n`,
  );
  for (const r of table)
    process.stdout.write(
      r
        .map((c, i) => (c ?? '').padEnd(w[i]))
        .join(' | ')
        .trimEnd() + '\n',
    );
  if (failed.length) process.stdout.write(`FAILED: ${failed.join(', ')}\n`);
}
process.exitCode = failed.length ? 1 : 0;
