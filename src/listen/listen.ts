import { randomBytes } from 'node:crypto';
import type { Dispatcher } from 'undici';
import { UsageError } from '../errors.js';
import { startReceiver, type ReceivedDelivery, type ReceiverAnswer } from '../receiver/server.js';
import { eventKinds } from '../webhooks/kinds.js';
import { describeEvent } from '../webhooks/describe.js';
import { deliveryEvent, type ListenEvent } from './events.js';
import type { ForwardReport, Forwarder } from './forward.js';
import { isOwnAddress } from './own-address.js';
import { toRecordLine, type RecordSecret } from './record-format.js';
import { openRecorder, type Recorder } from './recorder.js';

export interface ListenOptions {
  /** @default 127.0.0.1 */
  host: string;
  /** 0 picks a free port @default 3000 */
  port: number;
  /** @default /webhook */
  path: string;
  /** checks X-Hub-Signature-256 over the raw bytes; without it signatures are not checked */
  appSecret?: string;
  /** the handshake's hub.verify_token; without it every handshake is refused */
  verifyToken?: string;
  /** larger bodies are answered 413 */
  maxBodyBytes: number;
  /** a JSONL file each delivery is appended to */
  record?: string;
  /** passes each delivery on, unchanged, to this URL */
  forwardTo?: URL;
  /** how long the forwarding target may take to answer */
  forwardTimeoutMs: number;
}

export type { ListenEvent } from './events.js';

export interface Listener {
  url: string;
  port: number;
  /** stops accepting, answers what is in progress, closes the recording; returns the `stopped` event */
  close(): Promise<Extract<ListenEvent, { type: 'stopped' }>>;
}

/** A chain of more listens than this is treated as a loop. */
const MAX_HOPS = 10;
const NO_HOPS: readonly string[] = [];

/** Starts the receiver that `lead-kit listen` runs; every request becomes one event. */
export async function startListen(
  opts: ListenOptions,
  onEvent: (e: ListenEvent) => void,
  deps: { dispatcher?: Dispatcher } = {},
): Promise<Listener> {
  const secrets: RecordSecret[] = [];
  if (opts.appSecret) secrets.push({ value: opts.appSecret, placeholder: '<APP_SECRET>' });
  if (opts.verifyToken) secrets.push({ value: opts.verifyToken, placeholder: '<VERIFY_TOKEN>' });
  const recorder: Recorder | undefined = opts.record === undefined ? undefined : openRecorder(opts.record);
  // This listen's name in the hop header of what it forwards: a delivery that comes back carrying it is a loop.
  const id = randomBytes(6).toString('hex');
  let forwarder: Forwarder | undefined;
  let hopsOf: ((headers: ReceivedDelivery['headers']) => string[]) | undefined;
  if (opts.forwardTo !== undefined) {
    // Loaded only for --forward-to: without it listen needs no HTTP client.
    const forward = await import('./forward.js');
    forwarder = forward.createForwarder(opts.forwardTo, { dispatcher: deps.dispatcher, timeoutMs: opts.forwardTimeoutMs, id });
    hopsOf = forward.hopsOf;
  }
  const stats = { deliveries: 0, recorded: 0, rejected: 0, handshakes: 0 };

  const onDelivery = async (d: ReceivedDelivery): Promise<ReceiverAnswer | void> => {
    if (d.kind === 'handshake') {
      stats.handshakes++;
      // d.path carries hub.verify_token: never printed.
      onEvent({ type: 'handshake', received_at: d.receivedAt, status: d.status, ok: d.status === 200 });
      return;
    }
    if (d.kind === 'other') {
      onEvent({ type: 'request', received_at: d.receivedAt, method: d.method, path: d.path.split('?')[0]!, status: d.status });
      return;
    }
    stats.deliveries++;
    if (d.status === 413) {
      stats.rejected++;
      onEvent(deliveryEvent(d, d.discardedBytes ?? 0, 413, [], `body over ${opts.maxBodyBytes} bytes, discarded`, false));
      return;
    }
    const hops = hopsOf?.(d.headers) ?? NO_HOPS;
    if (forwarder && (hops.includes(id) || hops.length >= MAX_HOPS)) {
      // Came back through --forward-to: recording or forwarding it again would repeat without end.
      stats.rejected++;
      const why = hops.includes(id)
        ? 'this delivery came back to the listen that forwarded it'
        : `this delivery was already forwarded ${hops.length} times`;
      onEvent({
        type: 'error',
        received_at: d.receivedAt,
        message: `forwarding loop: ${why} (header X-Lead-Kit-Forwarded-By); not recorded, not forwarded again`,
      });
      onEvent(deliveryEvent(d, d.body.length, 508, [], 'forwarding loop', false));
      return { status: 508, body: 'lead-kit listen: forwarding loop detected (X-Lead-Kit-Forwarded-By)' };
    }
    let recorded = false;
    if (recorder) {
      try {
        await recorder.appendSoon(toRecordLine(d, secrets));
        recorded = true;
        stats.recorded++;
      } catch (err) {
        // Not recorded means not safely received: a 500 makes Meta (or any sender) retry.
        onEvent({
          type: 'error',
          received_at: d.receivedAt,
          message: `could not append to ${recorder.file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
        });
        return { status: 500, body: 'lead-kit listen could not record this delivery' };
      }
    }
    let answer: ReceiverAnswer | undefined;
    let forward: ForwardReport | undefined;
    // Verify before forwarding: a delivery with a bad signature stops here (peers.md, resend-cli#224).
    if (forwarder && d.status !== 403) ({ answer, report: forward } = await forwarder.forward(d));
    const status = answer?.status ?? d.status;
    if (status >= 400) stats.rejected++;
    let value: unknown = d.json;
    if (value === undefined) {
      try {
        value = JSON.parse(d.body.toString('utf8'));
      } catch {
        value = undefined;
      }
    }
    const event = value === undefined ? 'not JSON' : describeEvent(value);
    onEvent(deliveryEvent(d, d.body.length, status, value === undefined ? [] : eventKinds(value), event, recorded, forward));
    return answer;
  };

  let receiver;
  try {
    receiver = await startReceiver({
      host: opts.host,
      port: opts.port,
      path: opts.path,
      appSecret: opts.appSecret,
      verifyToken: opts.verifyToken,
      maxBodyBytes: opts.maxBodyBytes,
      keepDeliveries: false,
      onDelivery,
    });
  } catch (err) {
    recorder?.close();
    await forwarder?.close();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new UsageError(`port ${opts.port} on ${opts.host} is already in use`, {
        hint: 'stop the other server, or pass another --port (0 picks a free one)',
      });
    if (code === 'EACCES') throw new UsageError(`not allowed to listen on ${opts.host}:${opts.port}`, { hint: 'use a port above 1023' });
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
      throw new UsageError(`cannot listen on --host ${opts.host}: ${code}`, { hint: 'use 127.0.0.1 or an address of this machine' });
    throw err;
  }
  if (opts.forwardTo && isOwnAddress(opts.forwardTo, opts.host, receiver.port)) {
    await receiver.close();
    recorder?.close();
    await forwarder?.close();
    throw new UsageError(
      `--forward-to ${opts.forwardTo.toString()} is this listen's own address: every delivery would be forwarded to itself without end`,
      {
        hint: `forward to your app's webhook on another port (listen runs on port ${receiver.port}; pass --port to move it)`,
      },
    );
  }
  const ready: ListenEvent = {
    type: 'ready',
    url: receiver.url,
    port: receiver.port,
    path: opts.path,
    signatures: opts.appSecret ? 'checked' : 'unchecked',
    handshake: opts.verifyToken ? 'enabled' : 'refused',
  };
  if (recorder) ready.record = recorder.file;
  if (opts.forwardTo) ready.forward_to = opts.forwardTo.toString();
  if (recorder?.torn) ready.torn_line = recorder.torn;
  onEvent(ready);
  const started = receiver;
  let stopped: Promise<Extract<ListenEvent, { type: 'stopped' }>> | undefined;
  return {
    url: receiver.url,
    port: receiver.port,
    close() {
      stopped ??= (async () => {
        await started.close();
        recorder?.close();
        await forwarder?.close();
        const e = { type: 'stopped' as const, ...stats };
        onEvent(e);
        return e;
      })();
      return stopped;
    },
  };
}
