// Shared pieces of the benchmarks: where the code under test lives, the sink processes, per-process CPU time,
// interleaved rounds, medians and the one-line result rows that run.js gathers into the final table.
//
// Environment:
//   BENCH_ROOT    a lead-kit checkout (built) to measure instead of this one, e.g. to take "before" figures
//   BENCH_SCALE   multiplies request counts and durations (0.5 = half as long, 2 = twice), default 1
//   BENCH_ROUNDS  interleaved rounds per comparison, default 3 (at least 3 is advised on a shared machine)
//   BENCH_NODE_ARGS  extra node flags for the lead-kit processes under test, e.g. "--cpu-prof --cpu-prof-dir=/tmp/p"
import { fork, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg, cpus } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';

const here = fileURLToPath(new URL('.', import.meta.url));
export const ROOT = resolve(process.env.BENCH_ROOT ?? resolve(here, '../..'));
export const BIN = resolve(ROOT, 'bin/lead-kit.cjs');
/** imports a built module of the checkout under test, e.g. dist('webhooks/serialize.js') */
export const dist = (path) => import(pathToFileURL(resolve(ROOT, 'dist', path)).href);
export const SCALE = Number(process.env.BENCH_SCALE ?? 1);
export const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
export const NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
export const scaled = (n, min = 1) => Math.max(min, Math.round(n * SCALE));

/** Clean environment for the processes under test: no config, no colour, nothing inherited that changes behaviour. */
export const childEnv = (extra = {}) => ({ PATH: process.env.PATH, HOME: process.env.HOME ?? '/tmp', NO_COLOR: '1', ...extra });

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const int = (n) => Math.round(n).toLocaleString('en-US');

const TICK_MS = 1000 / 100; // Linux USER_HZ
/** user + system CPU time of a process (all its threads), in ms, from /proc/<pid>/stat */
export function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * TICK_MS;
}

export function loadLine() {
  const [a, b] = loadavg();
  return `load average ${a.toFixed(2)} (1 min) ${b.toFixed(2)} (5 min) on ${cpus().length} cores`;
}

/**
 * A plain node:http sink in its own process (so the client under test keeps a core): `count` answers 200
 * EVENT_RECEIVED, `verify` also checks X-Hub-Signature-256 of every 50th body, `append` appends each body and a
 * newline to `file` before answering. Returns { url, pid, stats(), stop() }.
 */
export async function startSink(mode, opts = {}) {
  const child = fork(resolve(here, 'sink.js'), [mode, opts.secret ?? '', opts.file ?? ''], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const { port } = await new Promise((ok, fail) => {
    child.once('message', ok);
    child.once('error', fail);
  });
  const ask = () =>
    new Promise((ok) => {
      child.once('message', ok);
      child.send('stats');
    });
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    pid: child.pid,
    stats: ask,
    stop: () =>
      new Promise((ok) => {
        child.once('exit', ok);
        child.send('exit');
      }),
  };
}

/**
 * One autocannon run. Its rate is completed requests over autocannon's own reported duration, with a 25 ms
 * sample tick: autocannon notices the end of a run (amount reached, or duration over) only on a tick, so with
 * the default 1 s tick every run would last a whole number of seconds plus a little.
 */
export async function cannon(opts) {
  const r = await autocannon({ sampleInt: 25, pipelining: 1, ...opts });
  const total = r.requests.total;
  return { rps: total / r.duration, total, seconds: r.duration, ok: r['2xx'], bad: r.non2xx + r.errors + r.timeouts, p99: r.latency.p99 };
}

/**
 * Prints one row of the final table (run.js collects the lines that start with "ROW\t"):
 * what, lead-kit's figure, the reference figure, the ratio, the target and whether it is met.
 */
export function row(what, lead, reference, ratio, target, met) {
  console.log(['ROW', what, lead, reference, ratio, target, met ? 'met' : 'NOT met'].join('\t'));
}

/** Runs the comparison `rounds` times, alternating which side goes first, and returns each round's results. */
export async function interleave(rounds, sides) {
  const out = [];
  for (let i = 0; i < rounds; i++) {
    const order = i % 2 === 0 ? Object.keys(sides) : Object.keys(sides).reverse();
    const r = {};
    for (const k of order) r[k] = await sides[k](i);
    out.push(r);
  }
  return out;
}

/**
 * Starts a long-running lead-kit command (`mock`, `listen`) whose URL appears on `urlStream` ('stdout' or
 * 'stderr'). Its output is read by drain.js, a process of its own (as a terminal reads it), which counts the
 * lines on stdout. Returns { url, pid, lines(), stop() } — pid is the command's own; stop() sends Ctrl-C (SIGINT)
 * and resolves with the exit code; lines() is the number of lines logged, known once stop() has resolved.
 */
export function startLeadKit(args, options) {
  return startLogged([...NODE_ARGS, BIN, ...args], options);
}

/** Like startLeadKit, for any node script and its arguments (`node …nodeArgs`), e.g. a reference server that logs. */
export function startLogged(nodeArgs, { env = {}, urlStream = 'stdout', urlPattern = /http:\/\/127\.0\.0\.1:\d+\S*/ } = {}) {
  const drain = fork(resolve(here, 'drain.js'), [urlStream, urlPattern.source, process.execPath, ...nodeArgs], {
    env: childEnv(env),
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let lines = 0;
  const exited = new Promise((ok) =>
    drain.on('message', (m) => {
      if (m.exit === undefined) return;
      lines = m.lines;
      ok(m);
    }),
  );
  return new Promise((ok, fail) => {
    drain.on('message', (m) => {
      if (m.url === undefined) return;
      const stop = async () => {
        drain.send('stop');
        return (await exited).exit;
      };
      ok({ url: m.url, pid: m.pid, lines: () => lines, stop });
    });
    exited.then((m) => fail(new Error(`${nodeArgs.join(' ')} exited ${m.exit}: ${m.seen}`)));
  });
}

/**
 * Runs `lead-kit replay <recording> --endpoint <url> --concurrency <c> --json` to completion under
 * /usr/bin/time -v; resolves with its rate over the wall time of the whole process (start-up included), its own
 * figure, its counts, its CPU time (user + system, ms) and its peak RSS in MiB.
 */
export function replayProcess(recording, url, { secret, concurrency = 64, extra = [] }) {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const args = [
      process.execPath,
      ...NODE_ARGS,
      BIN,
      'replay',
      recording,
      '--endpoint',
      url,
      '--concurrency',
      String(concurrency),
      '--json',
      ...extra,
    ];
    const child = spawn('/usr/bin/time', ['-v', ...args], {
      env: childEnv({ LEAD_KIT_APP_SECRET: secret }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      const seconds = (performance.now() - t) / 1000;
      if (code !== 0) return reject(new Error(`replay exited ${code}: ${stderr}`));
      const s = JSON.parse(stdout);
      const rssMib = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1]) / 1024;
      const time = (what) => Number(new RegExp(`${what} time \\(seconds\\): ([\\d.]+)`).exec(stderr)?.[1]);
      const cpuMs = (time('User') + time('System')) * 1000;
      resolve({
        rps: s.sent / seconds,
        seconds,
        sent: s.sent,
        accepted: s.accepted,
        reported: s.requests_per_second,
        rssMib,
        cpuMs,
        summary: s,
      });
    });
  });
}
