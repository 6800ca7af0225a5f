// A floor for the replay benchmark, forked by replay.bench.js once per round: how fast undici itself sends the
// recording, in a warmed-up process, with and without the work every replayed line needs. Not a replay (no
// files opened while sending, no stats, no timeouts, no output), so it is not a row; it shows how much of the gap
// to autocannon is undici's and how much is the per-line work:
//   undici   the recorded bodies, parsed and signed beforehand, sent through undici (64 Clients, one request each
//            at a time, the legacy dispatch handler lead-kit uses), timed by its own clock
//   + work   the same, each line JSON.parse'd, its body made a Buffer and signed (HMAC-SHA256 and -SHA1) as it
//            is sent: the least that a replay re-signing distinct deliveries has to do per request
// argv: recording, url, app secret, concurrency. Sends the recording twice, after a warm-up of 10,000 lines.
// IPC to the parent: { undici: { rps, cpuUs }, work: { rps, cpuUs }, sent } once done.
import { createHmac, createSecretKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { ROOT } from './lib.js';

const [file, url, secret, concurrency] = process.argv.slice(2);
const C = Number(concurrency);
const load = createRequire(resolve(ROOT, 'package.json'));
const Client = load('undici/lib/dispatcher/client.js');
const endpoint = new URL(url);
const path = endpoint.pathname + endpoint.search;
const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
const key = createSecretKey(Buffer.from(secret, 'utf8'));
const KEEP = ['content-type', 'user-agent', 'facebook-api-version'];

/** The request for one recording line: its body as bytes and undici's flat header list, freshly signed. */
function prepare(line) {
  const { headers, body } = JSON.parse(line);
  const bytes = Buffer.from(body, 'utf8');
  const flat = [];
  for (const name of KEEP) if (headers[name] !== undefined) flat.push(name, headers[name]);
  flat.push('x-hub-signature-256', `sha256=${createHmac('sha256', key).update(bytes).digest('hex')}`);
  flat.push('x-hub-signature', `sha1=${createHmac('sha1', key).update(bytes).digest('hex')}`);
  return { body: bytes, headers: flat };
}

const clients = Array.from({ length: C }, () => new Client(endpoint.origin, { pipelining: 1, headersTimeout: 0, bodyTimeout: 0 }));
let sent = 0;

/** Sends `count` requests (request i from `requestAt(i)`), C at a time; resolves with the rate and CPU per request. */
function send(count, requestAt) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  return new Promise((done, fail) => {
    let next = 0;
    let answered = 0;
    const start = (client) => {
      if (next >= count) return;
      const req = requestAt(next++);
      let status = 0;
      client.dispatch(
        { origin: endpoint.origin, path, method: 'POST', headers: req.headers, body: req.body, headersTimeout: 0, bodyTimeout: 0 },
        {
          onConnect() {},
          onHeaders: (code) => ((status = code), true),
          onData: () => true,
          onComplete() {
            if (status !== 200) return fail(new Error(`the sink answered ${status}`));
            sent++;
            if (++answered === count) {
              const cpu = process.cpuUsage(cpu0);
              done({ rps: count / ((performance.now() - t0) / 1000), cpuUs: (cpu.user + cpu.system) / count });
            } else queueMicrotask(() => start(client));
          },
          onError: fail,
        },
      );
    };
    for (const client of clients) start(client);
  });
}

await send(Math.min(10_000, lines.length), (i) => prepare(lines[i]));
const work = await send(lines.length, (i) => prepare(lines[i]));
const prepared = lines.map(prepare);
const undici = await send(prepared.length, (i) => prepared[i]);
await Promise.all(clients.map((c) => c.close()));
process.send({ undici, work, sent }, () => process.disconnect());
