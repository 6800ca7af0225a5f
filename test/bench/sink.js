// The bare reference servers of the benchmarks: a plain node:http webhook sink in its own process.
//   count   reads the body, answers 200 EVENT_RECEIVED
//   verify  the same, and checks X-Hub-Signature-256 (HMAC-SHA256 with the secret) on every 50th request
//   append  appends the body and a newline to a file (one write of the whole line, O_APPEND) and answers
//           200 only once the write is done: the guarantee `lead-kit listen --record` gives
//   fixed   reads the body, answers with the status, content type and bytes given as JSON in the 2nd argument
// IPC: 'stats' → { count, bad, cpu_ms }; 'exit' → closes and exits. Binds 127.0.0.1 on a free port.
import { createHmac } from 'node:crypto';
import { openSync, write } from 'node:fs';
import { createServer } from 'node:http';

const [mode, secret, file] = process.argv.slice(2);
const fd = mode === 'append' ? openSync(file, 'a') : -1;
const fixed = mode === 'fixed' ? JSON.parse(secret) : undefined;
const fixedHeaders = fixed && { 'content-type': fixed.type, 'content-length': Buffer.byteLength(fixed.body) };
const NL = Buffer.from('\n');
let count = 0;
let bad = 0;

const server = createServer((req, res) => {
  if (fixed && req.method === 'GET') {
    count++;
    req.resume();
    return void res.writeHead(fixed.status, fixedHeaders).end(fixed.body);
  }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const n = count++;
    if (fixed) return void res.writeHead(fixed.status, fixedHeaders).end(fixed.body);
    if (mode === 'append') {
      chunks.push(NL);
      write(fd, chunks.length === 2 ? Buffer.concat(chunks, chunks[0].length + 1) : Buffer.concat(chunks), (err) => {
        if (err) bad++;
        res.writeHead(err ? 500 : 200, { 'content-type': 'text/plain' }).end('EVENT_RECEIVED');
      });
      return;
    }
    if (mode === 'verify' && n % 50 === 0) {
      const want = 'sha256=' + createHmac('sha256', secret).update(Buffer.concat(chunks)).digest('hex');
      if (req.headers['x-hub-signature-256'] !== want) bad++;
    }
    res.writeHead(200, { 'content-type': 'text/plain' }).end('EVENT_RECEIVED');
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('message', (m) => {
  if (m === 'stats') {
    const u = process.cpuUsage();
    process.send({ count, bad, cpu_ms: (u.user + u.system) / 1000 });
  }
  if (m === 'exit') {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  }
});
