// The mock under load: the built `lead-kit mock` (a whole process, as a user runs it, its request log read from
// its stdout by a process of its own, as a terminal would: see drain.js) against a bare node:http server in its own process that returns the same bytes, for GET
// /me/thread_owner and POST /me/messages, at 10 and 64 connections. autocannon drives both from this process;
// rounds alternate which server goes first; rates are completed requests over autocannon's reported duration
// (25 ms sample tick). Server CPU per request comes from /proc/<pid>/stat around each run.
import { startLeadKit, ROUNDS, cannon, cpuMs, int, interleave, loadLine, median, row, startSink } from './lib.js';

const SECONDS = Math.max(1, Number(process.env.BENCH_SECONDS ?? 2) * Number(process.env.BENCH_SCALE ?? 1));
const TOKEN = 'lead-kit-demo-page-token';
const PSID = '5794982867201265';
const routes = {
  'GET thread_owner': { method: 'GET', path: `/v26.0/me/thread_owner?recipient=${PSID}&access_token=${TOKEN}` },
  'POST me/messages': {
    method: 'POST',
    path: `/v26.0/me/messages?access_token=${TOKEN}`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      recipient: { id: PSID },
      messaging_type: 'RESPONSE',
      message: { text: 'Thanks for your interest! A reseller manager will call you today.' },
    }),
  },
};
const connections = (process.env.CONNECTIONS ?? '10,64').split(',').map(Number);

/** `lead-kit mock --port 0`, its log drained as a terminal would; resolves with its origin, pid and lines logged. */
async function startMock() {
  const m = await startLeadKit(['mock', '--port', '0']);
  return { ...m, origin: new URL(m.url).origin };
}

async function answerOf(origin, route) {
  const res = await fetch(origin + route.path, { method: route.method, headers: route.headers, body: route.body });
  return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
}

console.log(`${ROUNDS} rounds of ${SECONDS} s per server and case (after a 1 s warm-up each); ${loadLine()}`);
const mock = await startMock();
let served = 0; // requests the mock answered: each must have its log line
for (const [name, route] of Object.entries(routes)) {
  const answer = await answerOf(mock.origin, route);
  served++;
  if (answer.status !== 200) throw new Error(`mock answered ${name} with ${answer.status}: ${answer.body}`);
  const bare = await startSink('fixed', { secret: JSON.stringify(answer) });
  const bareOrigin = new URL(bare.url).origin;
  const bareAnswer = await answerOf(bareOrigin, route);
  if (JSON.stringify(bareAnswer) !== JSON.stringify(answer)) throw new Error(`${name}: the bare server answers differently`);
  for (const c of connections) {
    const load = (origin, pid, duration) => async () => {
      const cpu0 = cpuMs(pid);
      const r = await cannon({
        url: origin + route.path,
        method: route.method,
        headers: route.headers,
        body: route.body,
        connections: c,
        duration,
      });
      if (r.bad > 0) throw new Error(`${name}: ${r.bad} answers not 2xx`);
      if (pid === mock.pid) served += r.total;
      return { ...r, cpuUs: ((cpuMs(pid) - cpu0) * 1000) / r.total };
    };
    await load(bareOrigin, bare.pid, 1)();
    await load(mock.origin, mock.pid, 1)();
    const rounds = await interleave(ROUNDS, { bare: load(bareOrigin, bare.pid, SECONDS), mock: load(mock.origin, mock.pid, SECONDS) });
    const ratios = rounds.map((r) => r.mock.rps / r.bare.rps);
    console.log(`${name}, c${c}:`);
    rounds.forEach((r, i) =>
      console.log(
        `  round ${i + 1}: bare ${int(r.bare.rps)} req/s (${r.bare.cpuUs.toFixed(0)} µs CPU/req, p99 ${r.bare.p99} ms); mock ${int(r.mock.rps)} req/s (${r.mock.cpuUs.toFixed(0)} µs CPU/req, p99 ${r.mock.p99} ms); ratio ${ratios[i].toFixed(2)}×`,
      ),
    );
    const m = median(ratios);
    const cpu = (k) => median(rounds.map((r) => r[k].cpuUs)).toFixed(0);
    row(
      `mock ${name} c${c} vs bare node:http`,
      `${int(median(rounds.map((r) => r.mock.rps)))} req/s, ${cpu('mock')} µs CPU/req`,
      `${int(median(rounds.map((r) => r.bare.rps)))} req/s, ${cpu('bare')} µs CPU/req`,
      `${m.toFixed(2)}× (rounds ${ratios.map((x) => x.toFixed(2)).join(', ')})`,
      '≥ 0.85×',
      m >= 0.85,
    );
  }
  await bare.stop();
}
await mock.stop();
// A log line per request answered, plus the ready line: the mock did all its work, log included (a request
// still in flight when a run ended may be logged without being counted by autocannon).
console.log(`  the mock answered ${int(served)} requests and logged ${int(mock.lines())} lines`);
if (mock.lines() < served + 1) throw new Error('the mock did not log a line per request');
