// Replay throughput: N signed deliveries of a ~1 KB lead payload at concurrency C against a minimal node:http
// receiver (its own process) on 127.0.0.1, next to autocannon sending the same bytes and headers with the same
// concurrency to the same receiver, alternating in the same run. Target: replay ≥ 0.7× autocannon's req/s.
// `lead-kit replay` runs in this process through main(), exactly as the CLI would (file → sign once → undici Pool).
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { Pool } from 'undici';
import { main } from '../../dist/cli/main.js';
import { createIO } from '../../dist/cli/io.js';
import { buildLeadReferral } from '../../dist/webhooks/build.js';
import { serializeBody } from '../../dist/webhooks/serialize.js';
import { webhookHeaders } from '../../dist/webhooks/deliver.js';

const N = Number(process.env.N ?? 200_000);
const C = Number(process.env.C ?? 64);
const ROUNDS = Number(process.env.ROUNDS ?? 2);
const SECRET = 'bench-app-secret';

const answers = [
  ['Are you interested in becoming a reseller?', 'Yes'],
  ['What city is your store located?', 'Zürich'],
  ['Where do you ship from?', 'São Paulo'],
  ['How many stores do you run?', '3–5'],
  ['What is the best time to call you?', 'Après 18 h'],
  ['Which products are you interested in?', 'Espresso machines, grinders and the barista starter kit'],
  ['Anything else we should know?', 'We open a second café in Köln next spring'],
].map(([question, answer]) => ({ question, answer }));
const body = serializeBody(
  buildLeadReferral({ pageId: '542998526103632', psid: '5794982867201265', time: 1795243782811, timestamp: 1795243782, type: 'LEAD_COMPLETE', adId: '6302572858686', adTitle: 'Find Wholesalers Ad', postId: '559217392549680', photoUrl: 'https://scontent.xx.fbcdn.net/v/t45.1600-4/lead_ad_sample.jpg', answers }),
  'meta',
);
const dir = mkdtempSync(join(tmpdir(), 'lead-kit-bench-'));
const file = join(dir, 'lead.json');
writeFileSync(file, body);

const receiver = fork(fileURLToPath(new URL('./minimal-receiver.js', import.meta.url)), [], { stdio: 'inherit' });
const { port } = await new Promise((r) => receiver.once('message', r));
const url = `http://127.0.0.1:${port}/webhook`;
const received = () => new Promise((r) => { receiver.once('message', (m) => r(m.count)); receiver.send('count'); });

// Both clients are timed the same way: wall clock around the whole run, start-up and connecting included.
async function runAutocannon(amount) {
  const t = performance.now();
  const r = await autocannon({ url, method: 'POST', body, headers: webhookHeaders(body, SECRET), connections: C, pipelining: 1, amount });
  return { rps: r.requests.total / ((performance.now() - t) / 1000), ok: r['2xx'], errors: r.errors + r.timeouts + r.non2xx };
}

async function runReplay(amount) {
  let out = '';
  const io = createIO({ write: (s) => { out += s; return true; } }, { write: () => true }, {});
  const t = performance.now();
  const code = await main(['replay', file, '--endpoint', url, '--app-secret', SECRET, '--concurrency', String(C), '--repeat', String(amount), '--json'], {
    io, env: {}, cwd: process.cwd(), now: () => new Date(), signal: new AbortController().signal, stdin: process.stdin,
  });
  const seconds = (performance.now() - t) / 1000;
  const s = JSON.parse(out);
  return { rps: s.sent / seconds, reported: s.requests_per_second, ok: s.accepted, errors: s.errors + s.rejected, code, latency: s.latency_ms };
}

// For reference: the straightforward client the issue measured at ~0.68× (pool.request, signing per request).
async function runNaivePool(amount) {
  const pool = new Pool(new URL(url).origin, { connections: C });
  let next = 0;
  let ok = 0;
  const t = performance.now();
  await Promise.all(Array.from({ length: C }, async () => {
    while (next < amount) {
      next++;
      const res = await pool.request({ path: '/webhook', method: 'POST', body, headers: webhookHeaders(body, SECRET) });
      await res.body.dump();
      if (res.statusCode === 200) ok++;
    }
  }));
  const rps = amount / ((performance.now() - t) / 1000);
  await pool.close();
  return { rps, ok };
}

console.log(`payload ${body.length} bytes, ${N} requests per run, concurrency ${C}, receiver pid ${receiver.pid}`);
await runAutocannon(Math.min(20_000, N)); // warm the receiver's JIT
await runReplay(Math.min(20_000, N));
const ac = [];
const rp = [];
const nv = [];
for (let i = 0; i < ROUNDS; i++) {
  const before = await received();
  const a = await runAutocannon(N);
  const mid = await received();
  const r = await runReplay(N);
  const after = await received();
  const naive = process.env.NAIVE === '0' ? undefined : await runNaivePool(N);
  ac.push(a.rps);
  rp.push(r.rps);
  if (naive) nv.push(naive.rps);
  console.log(`round ${i + 1}: autocannon ${Math.round(a.rps)} req/s (2xx ${a.ok}, receiver counted ${mid - before}); ` +
    `lead-kit replay ${Math.round(r.rps)} req/s (accepted ${r.ok}, exit ${r.code}, receiver counted ${after - mid}, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms); ratio ${(r.rps / a.rps).toFixed(2)}` +
    (naive ? `; plain pool.request + per-request signing ${Math.round(naive.rps)} req/s (${(naive.rps / a.rps).toFixed(2)}×)` : ''));
}
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
console.log(`mean: autocannon ${Math.round(mean(ac))} req/s, lead-kit replay ${Math.round(mean(rp))} req/s, ratio ${(mean(rp) / mean(ac)).toFixed(2)} (target ≥ 0.70)` +
  (nv.length ? `; plain pool.request ${Math.round(mean(nv))} req/s (${(mean(nv) / mean(ac)).toFixed(2)}×)` : ''));
receiver.send('exit');
rmSync(dir, { recursive: true, force: true });
