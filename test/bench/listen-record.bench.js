// listen under load: 10,000 signed deliveries (every 10th with a bad signature) at concurrency 64 into the built
// `lead-kit listen --record`, then Ctrl-C (SIGINT). Checks that every delivery was recorded exactly once, with
// its exact bytes, that no line is torn, and that every bad signature was answered 403 and recorded as such.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { buildLeadReferral } from '../../dist/webhooks/build.js';
import { serializeBody } from '../../dist/webhooks/serialize.js';
import { webhookHeaders } from '../../dist/webhooks/deliver.js';
import { parseRecordLine } from '../../dist/listen/record-format.js';

const N = Number(process.env.N ?? 10_000);
const C = Number(process.env.C ?? 64);
const SECRET = 'bench-app-secret';
const BIN = fileURLToPath(new URL('../../bin/lead-kit.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'lead-kit-bench-'));
const file = join(dir, 'deliveries.jsonl');

const answers = [
  { question: 'What city is your store located?', answer: 'Zürich' },
  { question: 'Where do you ship from?', answer: 'São Paulo' },
  { question: 'Which products are you interested in?', answer: 'Espresso machines, grinders and the barista starter kit' },
];
const bodies = Array.from({ length: N }, (_, i) =>
  serializeBody(buildLeadReferral({ pageId: '542998526103632', psid: String(5794982867201265 + i), time: 1795243782811 + i, timestamp: 1795243782, type: 'LEAD_COMPLETE', adId: '6302572858686', adTitle: `Ad ${i}`, postId: '559217392549680', photoUrl: 'https://scontent.xx.fbcdn.net/v/t45.1600-4/lead_ad_sample.jpg', answers }), 'meta'),
);
const bad = (i) => i % 10 === 9;

const child = spawn(process.execPath, [BIN, 'listen', '--port', '0', '--json', '--record', file], { env: { PATH: process.env.PATH, LEAD_KIT_APP_SECRET: SECRET }, stdio: ['ignore', 'pipe', 'inherit'] });
let stdout = '';
child.stdout.on('data', (d) => (stdout += d));
while (!stdout.includes('\n')) await new Promise((r) => setTimeout(r, 10));
const url = new URL(JSON.parse(stdout.split('\n')[0]).url);

const pool = new Pool(url.origin, { connections: C });
const statuses = new Array(N);
let next = 0;
const t0 = performance.now();
await Promise.all(Array.from({ length: C }, async () => {
  while (next < N) {
    const i = next++;
    const res = await pool.request({ path: url.pathname, method: 'POST', body: bodies[i], headers: webhookHeaders(bodies[i], bad(i) ? 'not-the-secret' : SECRET) });
    await res.body.dump();
    statuses[i] = res.statusCode;
  }
}));
const seconds = (performance.now() - t0) / 1000;
await pool.close();
child.kill('SIGINT');
const [code] = await once(child, 'close');

const text = readFileSync(file, 'utf8');
const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
const byBody = new Map(bodies.map((b, i) => [b.toString('latin1'), i]));
const seen = new Array(N).fill(0);
let torn = 0;
let unknown = 0;
let wrongVerdict = 0;
for (const line of lines) {
  const p = parseRecordLine(line);
  if (!p.ok) { torn++; continue; }
  const i = byBody.get(p.body.toString('latin1'));
  if (i === undefined) { unknown++; continue; }
  seen[i]++;
  if (p.record.signature_ok !== !bad(i)) wrongVerdict++;
}
const missing = seen.filter((n) => n === 0).length;
const duplicated = seen.filter((n) => n > 1).length;
const badAnswered403 = statuses.filter((s, i) => bad(i) && s === 403).length;
const goodAnswered200 = statuses.filter((s, i) => !bad(i) && s === 200).length;
console.log(`${N} deliveries at concurrency ${C} in ${seconds.toFixed(2)} s (${Math.round(N / seconds)}/s); listen exited ${code} after SIGINT`);
console.log(`recorded lines ${lines.length}, file ends with newline ${text.endsWith('\n')}; torn ${torn}, missing ${missing}, duplicated ${duplicated}, unknown ${unknown}, wrong signature_ok ${wrongVerdict}`);
console.log(`good signatures answered 200: ${goodAnswered200}/${N - N / 10}; bad signatures answered 403: ${badAnswered403}/${N / 10}`);
const ok = code === 130 && lines.length === N && torn === 0 && missing === 0 && duplicated === 0 && unknown === 0 && wrongVerdict === 0 && badAnswered403 === N / 10 && goodAnswered200 === N - N / 10;
console.log(ok ? 'OK: every delivery recorded exactly once, none torn, bad signatures all rejected' : 'MISSED');
rmSync(dir, { recursive: true, force: true });
process.exitCode = ok ? 0 : 1;
