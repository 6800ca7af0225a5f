// Start-up: whole-process wall time of `lead-kit --version`, `--help`, `simulate --help`, each paired with
// `node -e 0` (the floor: Node's own start-up), and one `lead-kit simulate complete` against a local sink (start,
// three signed deliveries over HTTP, the report, exit), compared with `--version`. Every command is spawned RUNS
// times, interleaved (node -e 0, then each command, alternating the order), so load drift hits all alike.
// Rows: ratio of medians to `node -e 0`; for simulate, the median time beyond `--version`.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, childEnv, loadLine, median, row, scaled, startSink } from './lib.js';

const RUNS = scaled(Number(process.env.RUNS ?? 25), 5);
const SECRET = 'bench-app-secret';

// CPU time (user + system) of each run as well, from GNU time through a file descriptor of its own: on a loaded
// machine it varies far less than wall time (but it is counted in 10 ms ticks, so only its mean means much).
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const tmp = mkdtempSync(join(tmpdir(), 'lead-kit-bench-'));
const cpuFile = join(tmp, 'cpu');
function time(args, env) {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const cmd = TIME ? [TIME, '-f', '%U %S', '-o', cpuFile, process.execPath, ...args] : [process.execPath, ...args];
    const child = spawn(cmd[0], cmd.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], env: childEnv(env) });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => {
      const ms = performance.now() - t;
      const [u, s] = TIME ? readFileSync(cpuFile, 'utf8').trim().split(/\s+/).slice(-2).map(Number) : [NaN, NaN];
      if (code === 0) resolve({ ms, cpu: TIME ? (u + s) * 1000 : NaN, out });
      else reject(new Error(`${args.join(' ')} exited ${code}: ${out}`));
    });
  });
}

const sink = await startSink('verify', { secret: SECRET });
const cases = {
  'node -e 0': [['-e', '0']],
  '--version': [[BIN, '--version']],
  '--help': [[BIN, '--help']],
  'simulate --help': [[BIN, 'simulate', '--help']],
  simulate: [[BIN, 'simulate', 'complete', '--endpoint', sink.url], { LEAD_KIT_APP_SECRET: SECRET }],
};
const names = Object.keys(cases);
const ms = Object.fromEntries(names.map((n) => [n, []]));
const cpu = Object.fromEntries(names.map((n) => [n, []]));
console.log(`${RUNS} interleaved runs of each; ${loadLine()}`);
for (const c of Object.values(cases)) await time(...c); // warm the file cache
let last;
for (let i = 0; i < RUNS; i++) {
  const order = i % 2 ? [...names].reverse() : names;
  for (const n of order) {
    const r = await time(...cases[n]);
    ms[n].push(r.ms);
    cpu[n].push(r.cpu);
    if (n === 'simulate') last = r.out;
  }
}
const { count, bad } = await sink.stats();
await sink.stop();
rmSync(tmp, { recursive: true, force: true });
if (count !== 3 * (RUNS + 1))
  throw new Error(`the sink received ${count} deliveries, ${3 * (RUNS + 1)} expected; last simulate said: ${last}`);
if (bad > 0) throw new Error(`${bad} simulate deliveries had a wrong signature`);

const m = Object.fromEntries(names.map((n) => [n, median(ms[n])]));
const p90 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(0.9 * xs.length)];
const meanCpu = (n) => cpu[n].reduce((a, b) => a + b, 0) / cpu[n].length;
for (const n of names)
  console.log(
    `  ${n.padEnd(16)} median ${m[n].toFixed(1)} ms, p90 ${p90(ms[n]).toFixed(1)} ms, min ${Math.min(...ms[n]).toFixed(1)} ms; CPU mean ${meanCpu(n).toFixed(1)} ms (${(meanCpu(n) / meanCpu('node -e 0')).toFixed(2)}×)`,
  );
console.log(`  sink received ${count} deliveries (${3 * RUNS + 3} expected), sampled signatures all valid`);
const floor = m['node -e 0'];
const ratioRow = (n, target) => {
  const r = m[n] / floor;
  row(
    `lead-kit ${n} vs node -e 0`,
    `${m[n].toFixed(1)} ms`,
    `${floor.toFixed(1)} ms`,
    `${r.toFixed(2)}×`,
    `≤ ${target.toFixed(2)}×`,
    r <= target,
  );
};
ratioRow('--version', 1.15);
ratioRow('--help', 1.35);
ratioRow('simulate --help', 1.35);
const beyond = m.simulate - m['--version'];
row(
  'simulate complete (local sink), beyond --version',
  `${m.simulate.toFixed(1)} ms`,
  `${m['--version'].toFixed(1)} ms (--version)`,
  `+${beyond.toFixed(1)} ms (${(m.simulate / floor).toFixed(2)}× node -e 0)`,
  '≤ +100 ms',
  beyond <= 100,
);
