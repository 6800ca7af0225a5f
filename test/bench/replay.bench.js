// Replay throughput: the built `lead-kit replay` (a whole process, as a user runs it) sends a recording of LINES
// distinct deliveries, re-signing each with a new app secret, at concurrency 64 to a bare node:http sink in its
// own process; next to it autocannon sends LINES requests of a recorded body of the median size, with its
// headers and signature, at the same concurrency to the same sink. Rounds alternate which goes first.
// lead-kit's rate is LINES over the wall time of the process (start-up included); autocannon's is its completed
// requests over its own reported duration (25 ms sample tick). The sink checks the signature of every 50th
// body with the new secret, so a replay that did not re-sign fails. Peak RSS of each replay from /usr/bin/time.
// In the same rounds undici-floor.js sends the recording through undici alone, in a warm process, with and
// without the per-line work (parse, sign): not a row, it shows which part of the gap is undici's and which the work's.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROUNDS, cannon, int, interleave, loadLine, median, row, scaled, startSink, replayProcess } from './lib.js';
import { bodyOf, sign, writeRecording } from './recording.js';

const LINES = scaled(Number(process.env.LINES ?? 60_000), 1000);
const C = Number(process.env.C ?? 64);
const OLD = 'the-secret-it-was-recorded-with';
const NEW = 'bench-app-secret';
const dir = mkdtempSync(join(tmpdir(), 'lead-kit-bench-'));
const file = join(dir, 'recording.jsonl');
const { bytes } = await writeRecording(file, LINES, OLD);
const sink = await startSink('verify', { secret: NEW });

const sizes = [0, 1, 2].map((k) => bodyOf(k).length).sort((a, b) => a - b);
const acBody = [0, 1, 2].map(bodyOf).find((b) => b.length === sizes[1]);
const acHeaders = {
  'content-type': 'application/json',
  'user-agent': 'facebookexternalua',
  'facebook-api-version': 'v26.0',
  'x-hub-signature-256': sign(acBody, NEW),
  'x-hub-signature': sign(acBody, NEW, 'sha1'),
};
const ac = async (amount) => {
  const cpu0 = process.cpuUsage();
  const r = await cannon({ url: sink.url, method: 'POST', body: acBody, headers: acHeaders, connections: C, amount });
  const cpu = process.cpuUsage(cpu0);
  return { ...r, cpuUs: (cpu.user + cpu.system) / r.total };
};

console.log(
  `recording: ${int(LINES)} distinct deliveries (${(bytes / 1e6).toFixed(0)} MB, bodies ${sizes.join('/')} bytes); concurrency ${C}; ${ROUNDS} rounds; ${loadLine()}`,
);
await ac(Math.min(20_000, LINES)); // the sink's JIT warms up before the first measured run
const before = await sink.stats();
/** undici-floor.js in a process of its own: { undici, work, sent }. */
const floor = () =>
  new Promise((resolve, reject) => {
    const child = fork(new URL('undici-floor.js', import.meta.url), [file, sink.url, NEW, String(C)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('message', resolve);
    child.once('exit', (code) => code !== 0 && reject(new Error(`undici-floor.js exited ${code}`)));
  });
const rounds = await interleave(ROUNDS, {
  autocannon: () => ac(LINES),
  replay: () => replayProcess(file, sink.url, { secret: NEW, concurrency: C }),
  floor,
});
const after = await sink.stats();
const ratios = rounds.map((r) => r.replay.rps / r.autocannon.rps);
// The row compares replay's wall time (a cold process: start-up and JIT warm-up included) with autocannon's own
// clock (in this warmed-up process); each line also shows replay's own clock (first request to last answer) and
// the CPU each side spent per request (replay: user + system of the whole process, start-up included).
rounds.forEach((r, i) =>
  console.log(
    `  round ${i + 1}: autocannon ${int(r.autocannon.rps)} req/s (${r.autocannon.seconds} s, ${r.autocannon.bad} not 2xx, ${r.autocannon.cpuUs.toFixed(0)} µs CPU/req); replay ${int(r.replay.rps)} req/s over ${r.replay.seconds.toFixed(2)} s wall (own clock ${int(r.replay.reported)} req/s = ${(r.replay.reported / r.autocannon.rps).toFixed(2)}×, ${((r.replay.cpuMs * 1000) / LINES).toFixed(0)} µs CPU/req, accepted ${r.replay.accepted}/${r.replay.sent}, peak RSS ${r.replay.rssMib.toFixed(0)} MiB); ratio ${ratios[i].toFixed(2)}×`,
  ),
);
rounds.forEach((r, i) =>
  console.log(
    `  round ${i + 1} floor: undici alone ${int(r.floor.undici.rps)} req/s (${r.floor.undici.cpuUs.toFixed(0)} µs CPU/req) = ${(r.floor.undici.rps / r.autocannon.rps).toFixed(2)}× autocannon; undici + parse + sign ${int(r.floor.work.rps)} req/s (${r.floor.work.cpuUs.toFixed(0)} µs CPU/req) = ${(r.floor.work.rps / r.autocannon.rps).toFixed(2)}×`,
  ),
);
const floorOf = (k) => median(rounds.map((r) => r.floor[k].rps / r.autocannon.rps)).toFixed(2);
console.log(
  `  floor (undici-floor.js, warm, own clock): undici alone ${floorOf('undici')}× autocannon, undici + parse + sign ${floorOf('work')}×; replay's own clock reaches ${median(rounds.map((r) => r.replay.reported / r.floor.work.rps)).toFixed(2)}× the second`,
);
const expected = ROUNDS * 2 * LINES + rounds.reduce((n, r) => n + r.floor.sent, 0);
const received = after.count - before.count;
console.log(`  sink received ${int(received)} of ${int(expected)}, signature mismatches in the sample: ${after.bad}`);
await sink.stop();
rmSync(dir, { recursive: true, force: true });
const ok = received === expected && after.bad === 0 && rounds.every((r) => r.replay.accepted === LINES && r.autocannon.bad === 0);
if (!ok) throw new Error('replay benchmark: deliveries missing or wrongly signed');
const m = median(ratios);
row(
  `replay ${int(LINES)} distinct re-signed deliveries, c${C}, vs autocannon`,
  `${int(median(rounds.map((r) => r.replay.rps)))} req/s`,
  `${int(median(rounds.map((r) => r.autocannon.rps)))} req/s`,
  `${m.toFixed(2)}× (rounds ${ratios.map((x) => x.toFixed(2)).join(', ')})`,
  '≥ 0.85×',
  m >= 0.85,
);
