#!/usr/bin/env node
// Runs every benchmark under test/bench/ (files named *.bench.js), one after another, so they do not
// compete for this machine's two cores. Each prints its own figures. `npm run bench -- <name>` runs those
// whose file name contains <name>.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const filter = process.argv[2];
const files = readdirSync(dir).filter((f) => f.endsWith('.bench.js') && (!filter || f.includes(filter))).sort();
let failed = 0;
for (const f of files) {
  process.stdout.write(`\n## ${f}\n`);
  const r = spawnSync(process.execPath, ['--expose-gc', dir + f], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
if (files.length === 0) process.stdout.write('no benchmarks matched\n');
process.exitCode = failed ? 1 : 0;
