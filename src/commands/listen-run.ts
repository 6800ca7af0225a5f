import { resolve } from 'node:path';
import type { Deps } from '../io/deps.js';
import type { Outcome } from '../io/outcome.js';
import { emitLine, warn } from '../io/output.js';
import { wildcardWarning } from '../net/listen.js';
import { createLineBatcher } from '../text/line-batcher.js';
import { startListen, type ListenEvent, type ListenOptions } from '../listen/listen.js';
import { renderListenEvent, renderReady, renderStopped, renderTornWarning } from '../listen/render.js';

/** `lead-kit listen`, fully resolved by the wiring. */
export interface ListenCommandOptions {
  port: number;
  host: string;
  /** the webhook path, starting with / */
  path: string;
  verifyToken: string | undefined;
  appSecret: string | undefined;
  maxBodyBytes: number;
  /** append each delivery to this file */
  record: string | undefined;
  /** pass each delivery on to your app */
  endpoint: string | undefined;
  /** how long the endpoint may take */
  timeoutMs: number;
  json: boolean;
}

/** The listener's options from the command's. */
export function listenOptions(o: ListenCommandOptions, cwd: string): ListenOptions {
  const opts: ListenOptions = { host: o.host, port: o.port, path: o.path, maxBodyBytes: o.maxBodyBytes, forwardTimeoutMs: o.timeoutMs };
  if (o.appSecret !== undefined) opts.appSecret = o.appSecret;
  if (o.verifyToken !== undefined) opts.verifyToken = o.verifyToken;
  if (o.record !== undefined) opts.record = resolve(cwd, o.record);
  if (o.endpoint !== undefined) opts.forwardTo = new URL(o.endpoint);
  return opts;
}

/** Runs `lead-kit listen` until Ctrl-C; reports `interrupted`, the only way it ends without an error. */
export async function runListen(o: ListenCommandOptions, deps: Deps): Promise<Outcome> {
  const opts = listenOptions(o, deps.cwd);
  const warning = wildcardWarning(opts.host, 'listen');
  if (warning !== undefined) warn(deps.io, warning);
  const { json } = o;
  const { io } = deps;
  // One write per turn of the event loop for the per-delivery lines (stdout is synchronous on a terminal or pipe).
  const out = createLineBatcher(io.out);
  const onEvent = (e: ListenEvent): void => {
    if (e.type === 'ready') {
      const warning = renderTornWarning(e, io.errColor);
      if (json) emitLine(io, e);
      else io.err.write(renderReady(e, io.errColor) + '\n');
      if (warning) io.err.write(warning + '\n');
      return;
    }
    if (json) {
      out.line(JSON.stringify(e));
      if (e.type === 'stopped') out.flush();
      return;
    }
    if (e.type === 'stopped') return out.flush();
    const line = renderListenEvent(e, io.color);
    if (line === undefined) return;
    if (e.type === 'error') {
      out.flush();
      io.err.write(line + '\n');
    } else out.line(line);
  };
  const listener = await startListen(opts, onEvent, { dispatcher: deps.dispatcher });
  if (!deps.signal.aborted) await new Promise((done) => deps.signal.addEventListener('abort', done, { once: true }));
  const stopped = await listener.close();
  if (!json) io.err.write(renderStopped(stopped, opts.record) + '\n');
  return 'interrupted';
}
