#!/usr/bin/env node
// GET /{page}/thread_owner requests per second against `lead-kit mock` (call recording on, as in real use),
// next to a bare node:http server that answers a fixed JSON document of the same shape. Both run in a worker
// thread of this process, one after the other; the same autocannon load (same connections, duration, URL
// shape) drives each from the main thread. Target (issue 4): the mock reaches at least 0.7x the bare server.
// Run `npx tsc -p .` first (npm run bench does). Nothing leaves 127.0.0.1.
import { Worker } from 'node:worker_threads';
import autocannon from 'autocannon';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 3);
const WARMUP_S = 1;
const PSID = '5794982867201265';
const PATH = `/v26.0/me/thread_owner?recipient=${PSID}&access_token=lead-kit-demo-page-token`;
const serverModule = new URL('../../dist/mock/server.js', import.meta.url).href;

const workerCode = (kind) => `
const { parentPort } = require('node:worker_threads');
(async () => {
  let port;
  if (${JSON.stringify(kind)} === 'mock') {
    const { startMockGraph } = await import(${JSON.stringify(serverModule)});
    const mock = await startMockGraph({ port: 0 });
    port = mock.port;
  } else {
    const { createServer } = require('node:http');
    const body = JSON.stringify({ data: [{ thread_owner: { app_id: '2262510160704936', expiration: 1795341600 } }] });
    const server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    port = server.address().port;
  }
  parentPort.postMessage(port);
})();
`;

async function measure(kind) {
  const worker = new Worker(workerCode(kind), { eval: true });
  const port = await new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const url = `http://127.0.0.1:${port}${PATH}`;
  await autocannon({ url, connections: CONNECTIONS, duration: WARMUP_S });
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S });
  await worker.terminate();
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${kind}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
  return { rps: r.requests.average, p99: r.latency.p99, total: r.requests.total };
}

// Alternate the two servers over several rounds so that drift in the machine's load (the CI boxes have two
// cores shared with other jobs) hits both alike; report the totals over all rounds, each round and the median.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const rounds = [];
for (let i = 0; i < ROUNDS; i++) rounds.push({ bare: await measure('bare'), mock: await measure('mock') });
const total = (kind) => rounds.reduce((n, r) => n + r[kind].total, 0) / (ROUNDS * DURATION_S);
const bare = total('bare');
const mock = total('mock');
const ratio = mock / bare;
const perRound = rounds.map((r) => r.mock.rps / r.bare.rps).sort((a, b) => a - b);
const median = perRound[Math.floor(perRound.length / 2)];
const fmt = (n) => Math.round(n).toLocaleString('en-US');
console.log(`GET thread_owner, ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${DURATION_S} s per server (after ${WARMUP_S} s warm-up each), autocannon`);
rounds.forEach((r, i) => console.log(`  round ${i + 1}: bare ${fmt(r.bare.rps)} req/s, mock ${fmt(r.mock.rps)} req/s, ratio ${(r.mock.rps / r.bare.rps).toFixed(2)}x (p99 ${r.bare.p99} / ${r.mock.p99} ms)`));
console.log(`  bare node:http (fixed JSON)  ${fmt(bare).padStart(8)} req/s`);
console.log(`  lead-kit mock                ${fmt(mock).padStart(8)} req/s`);
console.log(`  ratio mock / bare            ${ratio.toFixed(2)}x over all rounds, median round ${median.toFixed(2)}x   (target ≥ 0.70x: ${ratio >= 0.7 ? 'met' : 'NOT met'})`);
