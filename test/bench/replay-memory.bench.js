// Replay memory: a 1,000,000-line `lead-kit listen` recording (generated here, in a temp dir: the three
// deliveries of a complete lead flow, each with its own timestamps so no two bodies are the same) replayed by
// the built bin against a minimal node:http receiver. The replay process's peak RSS comes from
// /usr/bin/time -v ("Maximum resident set size"). Target: under 150 MB. The same file is replayed RUNS times
// (default 3), because the peak varies from run to run with V8's garbage-collection timing.
import { spawn, fork } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildHandover, buildLeadReferral, buildSummary } from '../../dist/webhooks/build.js';
import { serializeBody } from '../../dist/webhooks/serialize.js';
import { webhookHeaders } from '../../dist/webhooks/deliver.js';
import { encodeBody } from '../../dist/listen/record-format.js';

const LINES = Number(process.env.LINES ?? 1_000_000);
const RUNS = Number(process.env.RUNS ?? 3);
const SECRET = 'bench-app-secret';
const BIN = fileURLToPath(new URL('../../bin/lead-kit.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'lead-kit-bench-'));
const file = join(dir, 'recording.jsonl');

const answers = [
  { question: 'Are you interested in becoming a reseller?', answer: 'Yes' },
  { question: 'What city is your store located?', answer: 'Zürich' },
  { question: 'Where do you ship from?', answer: 'São Paulo' },
];
const base = { pageId: '542998526103632', psid: '5794982867201265', appIdType: 'number' };
const bodyFor = (i) => {
  const ms = 1795243782811 + i;
  const s = Math.floor(ms / 1000);
  switch (i % 3) {
    case 0: return buildHandover({ ...base, time: ms, timestamp: ms, newOwnerAppId: '2262510160704936', metadata: 'messenger_lead_gen_complete', hopContext: true });
    case 1: return buildSummary({ ...base, time: ms, timestamp: s, answers, mid: `m_${i}`, hopAppId: '2262510160704936' });
    default: return buildLeadReferral({ ...base, time: ms, timestamp: s, type: 'LEAD_COMPLETE', adId: '6302572858686', adTitle: 'Find Wholesalers Ad', postId: '559217392549680', answers });
  }
};

const t0 = performance.now();
const out = createWriteStream(file);
for (let i = 0; i < LINES; i++) {
  const body = serializeBody(bodyFor(i), 'meta');
  const headers = { host: '127.0.0.1:3000', 'content-type': 'application/json', 'user-agent': 'facebookexternalua', ...webhookHeaders(body, SECRET), 'content-length': String(body.length) };
  const line = JSON.stringify({ received_at: new Date(1795243782811 + i).toISOString(), method: 'POST', path: '/webhook', signature_ok: true, sha256: 'valid', sha1: 'valid', headers, ...encodeBody(body) }) + '\n';
  if (!out.write(line)) await once(out, 'drain');
}
out.end();
await once(out, 'finish');
const size = statSync(file).size;
console.log(`recording: ${LINES} lines, ${(size / 1e6).toFixed(0)} MB, written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const receiver = fork(fileURLToPath(new URL('./minimal-receiver.js', import.meta.url)), [], { stdio: 'inherit' });
const { port } = await new Promise((r) => receiver.once('message', r));
const peaks = [];
for (let run = 1; run <= RUNS; run++) {
  const t1 = performance.now();
  const child = spawn('/usr/bin/time', ['-v', process.execPath, BIN, 'replay', file, '--endpoint', `http://127.0.0.1:${port}/webhook`, '--concurrency', '64', '--json'], {
    env: { PATH: process.env.PATH, LEAD_KIT_APP_SECRET: SECRET },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const [code] = await once(child, 'close');
  const seconds = (performance.now() - t1) / 1000;
  const rssMb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1]) / 1024;
  const summary = JSON.parse(stdout);
  peaks.push(rssMb);
  console.log(`run ${run}: exit ${code}, sent ${summary.sent}, accepted ${summary.accepted}, errors ${summary.errors}, ${summary.requests_per_second} req/s, ${seconds.toFixed(1)} s, peak RSS ${rssMb.toFixed(1)} MB`);
}
const worst = Math.max(...peaks);
console.log(`peak RSS of the replay process: ${peaks.map((p) => p.toFixed(1)).join(', ')} MB; worst ${worst.toFixed(1)} MB (target < 150 MB) ${worst < 150 ? 'OK' : 'MISSED'}`);
receiver.send('exit');
rmSync(dir, { recursive: true, force: true });
