// listen --record under load: DELIVERIES distinct signed deliveries (every 10th with a bad signature) at
// concurrency 64 into the built `lead-kit listen --record` (a whole process, its log read from its stdout as a
// terminal would), next to a bare node:http sink that appends each body to a file before answering, in rounds
// that alternate which goes first; each round starts both afresh. autocannon sends the bodies (a distinct one per
// request) and times the run by its own reported duration (25 ms sample tick); server CPU per delivery comes from
// /proc/<pid>/stat. Afterwards every recorded line is checked: whole, exactly once per delivery, the exact bytes,
// signature_ok right; and every bad signature answered 403.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLeadKit, ROUNDS, cannon, cpuMs, dist, int, interleave, loadLine, median, row, scaled, startSink } from './lib.js';
import { bodyOf, sign } from './recording.js';

const N = scaled(Number(process.env.DELIVERIES ?? 10_000), 1000);
const C = Number(process.env.C ?? 64);
const SECRET = 'bench-app-secret';
const dir = mkdtempSync(join(tmpdir(), 'lead-kit-bench-'));
const { parseRecordLine } = await dist('listen/record-format.js');

const bodies = Array.from({ length: N }, (_, i) => bodyOf(i));
const bad = (i) => i % 10 === 9;
const requests = bodies.map((body, i) => ({
  method: 'POST',
  path: '/webhook',
  body,
  headers: {
    'content-type': 'application/json',
    'user-agent': 'facebookexternalua',
    'facebook-api-version': 'v26.0',
    'x-hub-signature-256': sign(body, bad(i) ? 'not-the-secret' : SECRET),
    'x-hub-signature': sign(body, bad(i) ? 'not-the-secret' : SECRET, 'sha1'),
  },
}));

/** Sends all N deliveries once, each exactly once, whatever connection takes it. */
async function drive(url, pid) {
  let next = 0;
  const statuses = new Map();
  const cpu0 = cpuMs(pid);
  const r = await cannon({
    url,
    connections: C,
    amount: N,
    requests: [{ setupRequest: (req) => ({ ...req, ...requests[next++ % N] }) }],
    setupClient: (client) => client.on('response', (status) => statuses.set(status, (statuses.get(status) ?? 0) + 1)),
  });
  return { ...r, cpuUs: ((cpuMs(pid) - cpu0) * 1000) / r.total, statuses };
}

const startListen = (file) =>
  startLeadKit(['listen', '--port', '0', '--record', file], {
    env: { LEAD_KIT_APP_SECRET: SECRET },
    urlStream: 'stderr',
    urlPattern: /http:\/\/127\.0\.0\.1:\d+\/webhook/,
  });

const byBody = new Map(bodies.map((b, i) => [b, i]));
/** Checks a recording: each delivery exactly once, whole, exact bytes (and for lead-kit the signature verdict). */
function check(file, leadKit) {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const last = lines.pop();
  const seen = new Uint8Array(N);
  let wrong = last === '' ? 0 : 1;
  for (const line of lines) {
    let i;
    if (leadKit) {
      const p = parseRecordLine(line);
      if (!p.ok) {
        wrong++;
        continue;
      }
      i = byBody.get(p.body.toString('latin1'));
      if (i !== undefined && p.record.signature_ok !== !bad(i)) wrong++;
    } else i = byBody.get(line);
    if (i === undefined || seen[i]++) wrong++;
  }
  const missing = seen.reduce((n, s) => n + (s === 0 ? 1 : 0), 0);
  return { lines: lines.length, wrong, missing };
}

console.log(`${int(N)} deliveries (every 10th badly signed) at concurrency ${C}; ${ROUNDS} rounds; ${loadLine()}`);
const rounds = await interleave(ROUNDS, {
  bare: async (round) => {
    const file = join(dir, `bare-${round}.txt`);
    const sink = await startSink('append', { file });
    const r = await drive(sink.url, sink.pid);
    await sink.stop();
    return { ...r, check: check(file, false), ok200: r.statuses.get(200) ?? 0 };
  },
  lead: async (round) => {
    const file = join(dir, `listen-${round}.jsonl`);
    const listen = await startListen(file);
    const r = await drive(listen.url, listen.pid);
    const code = await listen.stop();
    return {
      ...r,
      check: check(file, true),
      code,
      ok200: r.statuses.get(200) ?? 0,
      got403: r.statuses.get(403) ?? 0,
      logged: listen.lines(),
    };
  },
});
rmSync(dir, { recursive: true, force: true });
const ratios = rounds.map((r) => r.lead.rps / r.bare.rps);
rounds.forEach((r, i) => {
  console.log(
    `  round ${i + 1}: bare sink ${int(r.bare.rps)} req/s (${r.bare.cpuUs.toFixed(0)} µs CPU/delivery); listen --record ${int(r.lead.rps)} req/s (${r.lead.cpuUs.toFixed(0)} µs CPU/delivery); ratio ${ratios[i].toFixed(2)}×`,
  );
  console.log(
    `    bare: ${r.bare.check.lines} lines, ${r.bare.check.missing} missing, ${r.bare.check.wrong} wrong; listen: ${r.lead.check.lines} lines, ${r.lead.check.missing} missing, ${r.lead.check.wrong} torn/duplicated/wrong verdict, ${r.lead.ok200} answered 200, ${r.lead.got403} answered 403, ${r.lead.logged} log lines, exit ${r.lead.code}`,
  );
});
const good = N - Math.floor(N / 10);
const ok = rounds.every(
  (r) =>
    r.bare.check.wrong + r.bare.check.missing === 0 &&
    r.bare.check.lines === N &&
    r.lead.check.wrong + r.lead.check.missing === 0 &&
    r.lead.check.lines === N &&
    r.lead.ok200 === good &&
    r.lead.got403 === N - good,
);
if (!ok) throw new Error('listen benchmark: a recording is incomplete or wrong');
const m = median(ratios);
const cpu = (k) => median(rounds.map((r) => r[k].cpuUs)).toFixed(0);
row(
  `listen --record ${int(N)} deliveries c${C} vs bare appending sink`,
  `${int(median(rounds.map((r) => r.lead.rps)))} req/s, ${cpu('lead')} µs CPU/delivery`,
  `${int(median(rounds.map((r) => r.bare.rps)))} req/s, ${cpu('bare')} µs CPU/delivery`,
  `${m.toFixed(2)}× (rounds ${ratios.map((x) => x.toFixed(2)).join(', ')})`,
  '≥ 0.70×',
  m >= 0.7,
);
