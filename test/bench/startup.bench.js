// Start-up of `lead-kit --version` next to `node -e 0`, and the wall time of one `lead-kit simulate`
// against a local receiver (a plain node:http server that checks signatures) and against the embedded one.
// Each command is spawned RUNS times; medians and p90 are printed. Loopback only.
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';

const BIN = fileURLToPath(new URL('../../bin/lead-kit.js', import.meta.url));
const RUNS = Number(process.env.RUNS ?? 30);
const SECRET = 'bench-secret';

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: q(0.5), p90: q(0.9), min: s[0] };
};
const fmt = (o) => `median ${o.median.toFixed(1)} ms, p90 ${o.p90.toFixed(1)} ms, min ${o.min.toFixed(1)} ms`;

function timeSync(args) {
  const out = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, { stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
    out.push(performance.now() - t);
  }
  return stats(out);
}

function timeAsync(args) {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(process.execPath, args, { stdio: 'ignore', env: { ...process.env, LEAD_KIT_APP_SECRET: SECRET } });
    child.on('close', (code) => (code === 0 ? resolve(performance.now() - t) : reject(new Error(`exit ${code}`))));
  });
}

const node0 = timeSync(['-e', '0']);
const version = timeSync([BIN, '--version']);
console.log(`node -e 0             ${fmt(node0)}`);
console.log(`lead-kit --version    ${fmt(version)}`);
console.log(`lead-kit overhead     ${(version.median - node0.median).toFixed(1)} ms (median), ratio ${(version.median / node0.median).toFixed(2)}×`);

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const ok = req.headers['x-hub-signature-256'] === 'sha256=' + createHmac('sha256', SECRET).update(body).digest('hex');
    res.writeHead(ok ? 200 : 403).end(ok ? 'EVENT_RECEIVED' : 'bad');
  });
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}/webhook`;
const ext = [];
const emb = [];
for (let i = 0; i < RUNS; i++) ext.push(await timeAsync([BIN, 'simulate', '--endpoint', url]));
for (let i = 0; i < RUNS; i++) emb.push(await timeAsync([BIN, 'simulate']));
server.close();
console.log(`simulate (local app)  ${fmt(stats(ext))}   (whole process: start, 3 signed deliveries, exit)`);
console.log(`simulate (embedded)   ${fmt(stats(emb))}   (adds receiver start and the handshake)`);
