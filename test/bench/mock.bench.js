// The mock under load: the built `lead-kit mock` (a whole process, as a user runs it, its request log read from
// its stdout by a process of its own, as a terminal would: see drain.js) against a bare node:http server in its own process that returns the same bytes, for GET
// /me/thread_owner and POST /me/messages, at 10 and 64 connections. autocannon drives both from this process;
// rounds alternate which server goes first; rates are completed requests over autocannon's reported duration
// (25 ms sample tick). Server CPU per request comes from /proc/<pid>/stat around each run.
// A third server, graph-floor.js, does only the least work the mock's contract asks (parse, check, keep, record,
// log; its stdout drained the same way) and runs in the same rounds: it shows how much of the gap to the bare
// server any mock keeping that contract has, and how far lead-kit's mock is from that floor. It is not a row.
import { fileURLToPath } from 'node:url';
import { startLeadKit, startLogged, ROUNDS, cannon, cpuMs, int, interleave, loadLine, median, row, startSink } from './lib.js';

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

/** The same keys at every level, and the same values except message ids (the floor numbers its messages). */
function sameShape(a, b) {
  const strip = (text) => JSON.stringify(JSON.parse(text), (k, v) => (k === 'message_id' ? 'm_' : v));
  return strip(a) === strip(b);
}

console.log(`${ROUNDS} rounds of ${SECONDS} s per server and case (after a 1 s warm-up each); ${loadLine()}`);
const mock = await startMock();
const owner = JSON.parse((await answerOf(mock.origin, routes['GET thread_owner'])).body).data[0].thread_owner;
let served = 1; // requests the mock answered, the read above included: each must have its log line
const floorSetup = { token: TOKEN, psid: PSID, appId: owner.app_id, expiration: owner.expiration };
for (const [name, route] of Object.entries(routes)) {
  const answer = await answerOf(mock.origin, route);
  served++;
  if (answer.status !== 200) throw new Error(`mock answered ${name} with ${answer.status}: ${answer.body}`);
  const bare = await startSink('fixed', { secret: JSON.stringify(answer) });
  const bareOrigin = new URL(bare.url).origin;
  const bareAnswer = await answerOf(bareOrigin, route);
  if (JSON.stringify(bareAnswer) !== JSON.stringify(answer)) throw new Error(`${name}: the bare server answers differently`);
  const floor = await startLogged([fileURLToPath(new URL('graph-floor.js', import.meta.url)), JSON.stringify(floorSetup)]);
  const floorOrigin = new URL(floor.url).origin;
  const floorAnswer = await answerOf(floorOrigin, route);
  if (floorAnswer.status !== 200 || floorAnswer.type !== answer.type || !sameShape(floorAnswer.body, answer.body))
    throw new Error(`${name}: the floor server answers differently: ${floorAnswer.body}`);
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
    await load(floorOrigin, floor.pid, 1)();
    const rounds = await interleave(ROUNDS, {
      bare: load(bareOrigin, bare.pid, SECONDS),
      mock: load(mock.origin, mock.pid, SECONDS),
      floor: load(floorOrigin, floor.pid, SECONDS),
    });
    const ratios = rounds.map((r) => r.mock.rps / r.bare.rps);
    console.log(`${name}, c${c}:`);
    const side = (r) => `${int(r.rps)} req/s (${r.cpuUs.toFixed(0)} µs CPU/req, p99 ${r.p99} ms)`;
    rounds.forEach((r, i) =>
      console.log(
        `  round ${i + 1}: bare ${side(r.bare)}; mock ${side(r.mock)}; ratio ${ratios[i].toFixed(2)}×; floor ${side(r.floor)} = ${(r.floor.rps / r.bare.rps).toFixed(2)}× bare`,
      ),
    );
    const m = median(ratios);
    const cpu = (k) => median(rounds.map((r) => r[k].cpuUs)).toFixed(0);
    const floorRatio = median(rounds.map((r) => r.floor.rps / r.bare.rps));
    console.log(
      `  floor (graph-floor.js: the contract's least work): ${int(median(rounds.map((r) => r.floor.rps)))} req/s, ${cpu('floor')} µs CPU/req = ${floorRatio.toFixed(2)}× bare; the mock reaches ${median(rounds.map((r) => r.mock.rps / r.floor.rps)).toFixed(2)}× the floor`,
    );
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
  await floor.stop();
}
await mock.stop();
// A log line per request answered, plus the ready line: the mock did all its work, log included (a request
// still in flight when a run ended may be logged without being counted by autocannon).
console.log(`  the mock answered ${int(served)} requests and logged ${int(mock.lines())} lines`);
if (mock.lines() < served + 1) throw new Error('the mock did not log a line per request');
