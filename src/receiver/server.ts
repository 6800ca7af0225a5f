import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOn } from '../net/listen.js';
import { sameSecret, signatureChecker, type SignatureCheck } from '../webhooks/sign.js';

/** One request the receiver answered. */
export interface ReceivedDelivery {
  /** ISO time it arrived */
  receivedAt: string;
  method: string;
  /** path and query as requested */
  path: string;
  headers: IncomingHttpHeaders;
  /** the headers as sent, name/value pairs in order and original case (Node's `req.rawHeaders`) */
  rawHeaders: string[];
  /** the raw bytes, exactly as received */
  body: Buffer;
  kind: 'handshake' | 'event' | 'other';
  /** X-Hub-Signature-256 checked over the raw bytes; 'unchecked' without an app secret */
  sha256: SignatureCheck | 'unchecked';
  /** the legacy X-Hub-Signature, reported but never required */
  sha1: SignatureCheck | 'unchecked';
  /** the status the receiver answered */
  status: number;
  /** the body parsed as JSON, when it is JSON (events only) */
  json?: unknown;
  /** the body decoded as UTF-8 for parsing (events only); the exact bytes only when they are valid UTF-8 */
  text?: string;
  /** a body over the limit (413): how many bytes arrived before they were discarded */
  discardedBytes?: number;
}

/** What a hook may answer instead of the receiver's default. */
export interface ReceiverAnswer {
  status: number;
  body: string | Buffer;
  headers?: Record<string, string>;
}

export interface ReceiverOptions {
  /** @default 127.0.0.1 */
  host?: string;
  /** @default 0 (a free port) */
  port?: number;
  /** the callback path @default /webhook */
  path?: string;
  /** verifies X-Hub-Signature-256 when set; without it signatures are reported as 'unchecked' */
  appSecret?: string;
  /** the token the GET handshake must carry; without it every handshake is refused */
  verifyToken?: string;
  /** larger bodies get 413 @default 1 MiB */
  maxBodyBytes?: number;
  /**
   * Called for each request after checks; may return an answer to send instead (used by forwarding).
   * A hook that throws makes the receiver answer 500.
   */
  onDelivery?: (d: ReceivedDelivery) => void | ReceiverAnswer | Promise<void | ReceiverAnswer>;
  /**
   * keep every request in `deliveries`; long-running listeners turn this off so memory stays flat
   * @default true
   */
  keepDeliveries?: boolean;
  /** after close(), connections still busy are cut after this many ms @default 3000 */
  closeGraceMs?: number;
}

export interface Receiver {
  /** e.g. http://127.0.0.1:39113/webhook */
  url: string;
  port: number;
  /** every request answered, in arrival order */
  deliveries: ReceivedDelivery[];
  /**
   * stops listening and drops idle connections; requests in progress are answered (with `connection: close`),
   * connections still busy after `closeGraceMs` are cut; safe to call twice
   */
  close(): Promise<void>;
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** The headers of every answer the receiver writes itself; one object, never modified. */
const TEXT_PLAIN: Readonly<Record<string, string>> = { 'content-type': 'text/plain; charset=utf-8' };

/** Reads a request body; past `max` bytes the rest is read and dropped (the answer is 413). */
function readAll(req: IncomingMessage, max: number): Promise<{ body: Buffer; size: number; tooLarge: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) chunks.push(chunk);
    });
    req.on('end', () =>
      resolve({
        body: size > max ? Buffer.alloc(0) : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size),
        size,
        tooLarge: size > max,
      }),
    );
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new Error('the request was cut off'));
    });
  });
}

/**
 * A webhook endpoint that behaves like a careful app: it answers Meta's GET handshake
 * (hub.mode=subscribe, hub.verify_token, echo hub.challenge; 403 otherwise) and checks
 * X-Hub-Signature-256 over the raw bytes before answering 200 EVENT_RECEIVED (403 when it fails).
 */
export async function startReceiver(opts: ReceiverOptions = {}): Promise<Receiver> {
  const path = opts.path ?? '/webhook';
  const maxBody = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const deliveries: ReceivedDelivery[] = [];
  let stopping = false;
  const check = opts.appSecret === undefined ? undefined : signatureChecker(opts.appSecret);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const target = req.url ?? '/';
    const query = target.indexOf('?');
    // The common case needs no URL object; anything unusual (dot segments, escapes) is left to the URL parser.
    const plain = query === -1 ? target : target.slice(0, query);
    const url = plain === path && req.method === 'POST' ? undefined : new URL(target, 'http://receiver');
    const receivedAt = new Date().toISOString();
    // Built as one literal (no spread of a shared base): objects of one shape are cheap to make, request after request.
    const delivery = (
      kind: ReceivedDelivery['kind'],
      body: Buffer,
      sha256: ReceivedDelivery['sha256'],
      sha1: ReceivedDelivery['sha1'],
    ): ReceivedDelivery => ({
      receivedAt,
      method: req.method ?? 'GET',
      path: target,
      headers: req.headers,
      rawHeaders: req.rawHeaders,
      body,
      kind,
      sha256,
      sha1,
      status: 0,
    });
    const finish = async (d: ReceivedDelivery, answer: ReceiverAnswer): Promise<void> => {
      let final = answer;
      // The hook sees the receiver's own verdict in d.status; it becomes the final status below.
      d.status = answer.status;
      try {
        const override = await opts.onDelivery?.(d);
        if (override) final = override;
      } catch {
        final = { status: 500, body: 'receiver hook failed' };
      }
      d.status = final.status;
      if (opts.keepDeliveries !== false) deliveries.push(d);
      // While closing, keep-alive clients must reconnect (and find the port closed) instead of sending more.
      const headers =
        final.headers === undefined && !stopping
          ? TEXT_PLAIN
          : { ...TEXT_PLAIN, ...final.headers, ...(stopping ? { connection: 'close' } : undefined) };
      res.writeHead(final.status, headers);
      res.end(final.body);
    };

    if (url !== undefined && url.pathname !== path) {
      req.resume();
      return finish(delivery('other', Buffer.alloc(0), 'unchecked', 'unchecked'), {
        status: 404,
        body: `not found: the webhook path is ${path}`,
      });
    }
    if (req.method === 'GET' && url !== undefined) {
      // https://developers.facebook.com/documentation/business-messaging/messenger-platform/webhooks
      const ok =
        url.searchParams.get('hub.mode') === 'subscribe' &&
        opts.verifyToken !== undefined &&
        sameSecret(url.searchParams.get('hub.verify_token'), opts.verifyToken);
      const challenge = url.searchParams.get('hub.challenge') ?? '';
      return finish(
        delivery('handshake', Buffer.alloc(0), 'unchecked', 'unchecked'),
        ok ? { status: 200, body: challenge } : { status: 403, body: 'verify token mismatch' },
      );
    }
    if (req.method !== 'POST') {
      req.resume();
      return finish(delivery('other', Buffer.alloc(0), 'unchecked', 'unchecked'), {
        status: 405,
        body: 'method not allowed',
        headers: { allow: 'GET, POST' },
      });
    }
    const { body, size, tooLarge } = await readAll(req, maxBody);
    if (tooLarge) {
      const d = delivery('event', Buffer.alloc(0), 'unchecked', 'unchecked');
      d.discardedBytes = size;
      return finish(d, { status: 413, body: `body over ${maxBody} bytes` });
    }
    const header = (name: string): string | undefined => {
      const v = req.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const sha256 = check === undefined ? 'unchecked' : check(body, header('x-hub-signature-256'), 'sha256');
    const sha1 = check === undefined ? 'unchecked' : check(body, header('x-hub-signature'), 'sha1');
    const d = delivery('event', body, sha256, sha1);
    if (sha256 !== 'valid' && sha256 !== 'unchecked') return finish(d, { status: 403, body: `signature ${sha256}` });
    try {
      // Kept: a recording of these bytes reuses the decoded text instead of decoding them again.
      d.text = body.toString('utf8');
      d.json = JSON.parse(d.text);
    } catch {
      return finish(d, { status: 400, body: 'body is not JSON' });
    }
    return finish(d, { status: 200, body: 'EVENT_RECEIVED' });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  server.keepAliveTimeout = 5000;
  const { port, origin } = await listenOn(server, opts.port, opts.host);
  let closing: Promise<void> | undefined;
  return {
    url: `${origin}${path}`,
    port,
    deliveries,
    close() {
      stopping = true;
      closing ??= new Promise<void>((resolve) => {
        const cut = setTimeout(() => server.closeAllConnections(), opts.closeGraceMs ?? 3000);
        cut.unref();
        server.close(() => {
          clearTimeout(cut);
          resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
