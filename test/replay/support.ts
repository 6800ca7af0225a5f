import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Outcome } from '../../src/io/outcome.js';
import { runListen, type ListenCommandOptions } from '../../src/commands/listen-run.js';
import type { ListenEvent } from '../../src/listen/listen.js';
import { createTestDeps, createTestIO, type TestIO } from '../helpers/deps.js';

export const SECRET = 'listen-replay-secret-3f9a';
export const TOKEN = 'verify-token-77c1';

export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'lead-kit-test-'));

/** Polls until `check` is true (short loops only; every test server is on 127.0.0.1). */
export async function waitFor(check: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

export interface RunningListen {
  url: string;
  io: TestIO;
  /** the NDJSON events printed so far */
  events(): ListenEvent[];
  /** Ctrl-C: resolves with the outcome */
  stop(): Promise<Outcome>;
}

/** Runs `lead-kit listen --json` in-process (runListen, without main's redactor) on a free port. */
export async function startListenRun(v: Partial<ListenCommandOptions>): Promise<RunningListen> {
  const io = createTestIO();
  const ac = new AbortController();
  const deps = createTestDeps({ io, signal: ac.signal });
  const done = runListen(
    {
      port: 0,
      host: '127.0.0.1',
      path: '/webhook',
      verifyToken: undefined,
      appSecret: undefined,
      maxBodyBytes: 1024 * 1024,
      record: undefined,
      endpoint: undefined,
      timeoutMs: 5000,
      json: true,
      ...v,
    },
    deps,
  );
  let failed: unknown;
  done.catch((err: unknown) => (failed = err));
  await waitFor(() => failed !== undefined || io.stdout().includes('"type":"ready"'));
  if (failed !== undefined) throw failed;
  const events = (): ListenEvent[] =>
    io
      .stdout()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as ListenEvent);
  const ready = events()[0] as Extract<ListenEvent, { type: 'ready' }>;
  return {
    url: ready.url,
    io,
    events,
    stop: async () => {
      ac.abort();
      return done;
    },
  };
}

export interface TestEndpoint {
  url: string;
  /** every request body and headers, in arrival order */
  received: Array<{ body: Buffer; headers: IncomingMessage['headers'] }>;
  close(): Promise<void>;
}

/** A plain node:http endpoint whose answer the test decides. */
export async function startEndpoint(
  answer: (req: IncomingMessage, body: Buffer, res: ServerResponse, n: number) => void,
): Promise<TestEndpoint> {
  const received: TestEndpoint['received'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      received.push({ body, headers: req.headers });
      answer(req, body, res, received.length);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    received,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
