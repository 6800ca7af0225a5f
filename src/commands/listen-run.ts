import { resolve } from 'node:path';
import type { Deps } from '../cli/deps.js';
import { emitLine } from '../cli/output.js';
import { intFlag } from '../cli/parse.js';
import { AuthError, UsageError } from '../errors.js';
import { createLineBatcher } from '../text/line-batcher.js';
import { startListen, type ListenEvent, type ListenOptions } from '../listen/listen.js';
import { renderListenEvent, renderReady, renderStopped, renderTornWarning } from '../listen/render.js';
import { DEFAULT_MAX_BODY_BYTES } from '../receiver/server.js';
import { parseEndpoint } from './lead-input.js';
import { parseSize } from '../text/size.js';
import { wildcardWarning } from '../net/listen.js';

export { parseSize } from '../text/size.js';

/** Turns resolved flag values into ListenOptions. */
export function listenOptions(v: Record<string, unknown>): ListenOptions {
  const path = String(v.path ?? '/webhook');
  if (!path.startsWith('/')) throw new UsageError(`--path "${path}" must start with /`, { hint: 'e.g. --path /webhook' });
  const opts: ListenOptions = {
    host: String(v.host ?? '127.0.0.1'),
    port: intFlag('--port', v.port ?? '3000', 0, 65535),
    path,
    maxBodyBytes: v.maxBody === undefined ? DEFAULT_MAX_BODY_BYTES : parseSize('--max-body', v.maxBody),
    forwardTimeoutMs: intFlag('--forward-timeout', v.forwardTimeout ?? '5000', 1),
  };
  if (typeof v.appSecret === 'string' && v.appSecret !== '') opts.appSecret = v.appSecret;
  if (typeof v.verifyToken === 'string' && v.verifyToken !== '') opts.verifyToken = v.verifyToken;
  if (typeof v.record === 'string') opts.record = v.record;
  if (typeof v.forwardTo === 'string') opts.forwardTo = parseEndpoint('--forward-to', v.forwardTo);
  return opts;
}

/** Runs `lead-kit listen` until Ctrl-C; returns 130 (interrupted), the only way it ends without an error. */
export async function runListen(v: Record<string, unknown>, deps: Deps): Promise<number> {
  // An empty secret is a mistake (an unset shell variable), never "do not check": listen would accept forgeries.
  if (v.appSecret === '' || (v.appSecret === undefined && deps.env.LEAD_KIT_APP_SECRET === '')) {
    throw new AuthError('the app secret is empty, so listen could not tell signed deliveries from forged ones', {
      hint: 'pass your app secret with --app-secret or LEAD_KIT_APP_SECRET, or leave both out entirely to receive without checking signatures',
    });
  }
  const opts = listenOptions(v);
  const warning = wildcardWarning(opts.host, 'listen');
  if (warning !== undefined) deps.io.err.write(v.json === true ? JSON.stringify({ warning }) + '\n' : `lead-kit: warning: ${warning}\n`);
  if (opts.record !== undefined) opts.record = resolve(deps.cwd, opts.record);
  const json = v.json === true;
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
  return 130;
}
