import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  signatureOk: boolean;
}

export interface AppServer {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

/**
 * A stand-in for the developer's app, written independently of lead-kit's receiver: it verifies
 * X-Hub-Signature-256 over the raw bytes with its own HMAC and answers as `behaviour` says.
 */
export async function startAppServer(opts: {
  appSecret: string;
  verifyToken?: string;
  behaviour?: 'careful' | 'reject-all' | 'slow' | 'hang' | 'status';
  delayMs?: number;
  status?: number;
}): Promise<AppServer> {
  const received: Received[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const header = String(req.headers['x-hub-signature-256'] ?? '');
      const expected = 'sha256=' + createHmac('sha256', opts.appSecret).update(body).digest('hex');
      const signatureOk = header.length === expected.length && timingSafeEqual(Buffer.from(header), Buffer.from(expected));
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, signatureOk });
      if (req.method === 'GET') {
        const u = new URL(req.url ?? '/', 'http://x');
        const ok = u.searchParams.get('hub.mode') === 'subscribe' && u.searchParams.get('hub.verify_token') === opts.verifyToken;
        res.writeHead(ok ? 200 : 403).end(ok ? u.searchParams.get('hub.challenge') : 'forbidden');
        return;
      }
      const b = opts.behaviour ?? 'careful';
      if (b === 'hang') return;
      const answer = (): void => {
        if (b === 'status') res.writeHead(opts.status ?? 500).end('nope');
        else if (b === 'reject-all' || !signatureOk) res.writeHead(403).end('bad signature');
        else res.writeHead(200).end('EVENT_RECEIVED');
      };
      if (b === 'slow') setTimeout(answer, opts.delayMs ?? 300);
      else answer();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    received,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
