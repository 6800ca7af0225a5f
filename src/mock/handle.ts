import type { IncomingMessage, ServerResponse } from 'node:http';
import { redactParams, type RecordedCall } from './calls.js';
import { envelope, graphErrors, MockGraphError } from './errors.js';
import { inspect, INSPECT_PREFIX } from './inspect.js';
import { buildParams, effectiveMethod, parseBody, parseTarget, readBody, recipientId, tokenOf } from './request.js';
import { dispatch, type MockRuntime, type Trace } from './routes.js';
import type { MockPage } from './state.js';

const CONTENT_TYPE = 'application/json; charset=UTF-8';
const EMPTY = Buffer.alloc(0);
const HEADERS: Record<string, string | number> = { 'content-type': CONTENT_TYPE, 'content-length': 0 };

/**
 * Writes a JSON answer with its Content-Length, so headers and body leave in one write: a chunked answer
 * (no length) costs a second write per request and roughly halves throughput under keep-alive load.
 */
export function sendJson(res: ServerResponse, status: number, body: unknown, close = false): void {
  const text = JSON.stringify(body);
  // writeHead copies the headers, so one object can be reused (the hot path allocates as little as it can).
  HEADERS['content-length'] = Buffer.byteLength(text);
  if (close) res.writeHead(status, { ...HEADERS, connection: 'close' });
  else res.writeHead(status, HEADERS);
  res.end(text);
}

/** One request on its way through the mock: what the call log needs once it is answered. */
interface Pending extends Trace {
  started: number;
  at: number;
  target?: ReturnType<typeof parseTarget>;
  query: Record<string, string>;
  body: Record<string, unknown>;
  page?: MockPage;
  psid: string | null;
  duringFlow: boolean;
}

/**
 * The request listener of the mock. Requests without a body are answered synchronously in the 'request'
 * event (the GET hot path); bodies are read first, up to the configured limit.
 */
export function createHandler(
  rt: MockRuntime,
  onError: (err: unknown, req: IncomingMessage) => void = () => undefined,
): (req: IncomingMessage, res: ServerResponse) => void {
  const limit = rt.config.max_body_bytes;

  /** A bug on any path: log it, answer Meta's generic error if nothing was sent yet, and keep serving. */
  const crash = (req: IncomingMessage, res: ServerResponse, err: unknown): void => {
    try {
      onError(err, req);
    } catch {
      // a logger that throws must not take the server down either
    }
    if (!res.headersSent) sendJson(res, 500, envelope(graphErrors.unknown()), true);
    else if (!res.writableEnded) res.destroy();
  };

  // Under load many calls share a millisecond: format each one once.
  let isoMs = NaN;
  let iso = '';
  const isoOf = (ms: number): string => {
    if (ms !== isoMs) {
      isoMs = ms;
      iso = new Date(ms).toISOString();
    }
    return iso;
  };

  const record = (req: IncomingMessage, p: Pending, status: number, response: unknown, error?: RecordedCall['error']): void => {
    const call: RecordedCall = {
      seq: 0,
      at: isoOf(p.at),
      method: req.method ?? 'GET',
      path: p.target?.path ?? (req.url ?? '/').split('?')[0]!,
      version: p.target?.version ?? null,
      route: p.route ?? 'unknown',
      query: redactParams(p.query, rt.secrets),
      body: redactParams(p.body, rt.secrets),
      page_id: p.caller?.page.id ?? p.page?.id ?? null,
      app_id: p.caller?.appId ?? null,
      psid: p.psid,
      during_lead_flow: p.duringFlow,
      status,
      response,
      ms: Math.round((performance.now() - p.started) * 10) / 10,
    };
    if (error) call.error = error;
    rt.calls.add(call);
  };

  const fail = (req: IncomingMessage, res: ServerResponse, p: Pending, err: unknown): void => {
    const e = err instanceof MockGraphError ? err : graphErrors.unknown();
    if (!(err instanceof MockGraphError)) onError(err, req);
    const status = e.status ?? p.page?.unconfirmed.error_status ?? 400;
    const response = envelope(e);
    // Over the body limit the rest of the upload is not read: answer and close the connection.
    if (!res.headersSent) sendJson(res, status, response, e.status === 413);
    if (e.status === 413) res.once('finish', () => req.destroy());
    if (p.target?.segments[0] === INSPECT_PREFIX) return;
    record(req, p, status, response, {
      code: e.code,
      message: e.message,
      ...(e.subcode === undefined ? {} : { error_subcode: e.subcode }),
    });
  };

  const answer = (req: IncomingMessage, res: ServerResponse, p: Pending, raw: Buffer): void => {
    try {
      const target = p.target!;
      const method = effectiveMethod(req.method ?? 'GET', p.query);
      p.body = parseBody(raw, req.headers['content-type']);
      const params = buildParams(p.query, p.body);
      const token = tokenOf(params, req.headers.authorization);
      if (target.segments[0] === INSPECT_PREFIX) {
        inspect(rt, method, target.segments, params)
          .then((body) => sendJson(res, 200, body))
          .catch((err: unknown) => fail(req, res, p, err))
          .catch((err: unknown) => crash(req, res, err));
        return;
      }
      if (method !== 'GET' && method !== 'POST' && method !== 'DELETE') throw graphErrors.wrongMethod(method);
      p.page = token === undefined ? undefined : rt.state.tokens.get(token)?.page;
      try {
        p.psid = recipientId(params) ?? null;
      } catch {
        p.psid = null;
      }
      p.duringFlow = p.page !== undefined && p.psid !== null && p.page.threads.get(p.psid)?.leadFlow != null;
      // The recording shows form values decoded, as the handlers saw them.
      if (params !== p.query) for (const k of Object.keys(p.body)) p.body[k] = params[k];
      const response = dispatch(
        rt,
        {
          method,
          path: target.path,
          version: target.version,
          segments: target.segments,
          query: target.query,
          body: p.body,
          params,
          token,
          host: req.headers.host,
        },
        p,
      );
      sendJson(res, 200, response);
      record(req, p, 200, p.recorded ?? response);
    } catch (err) {
      if (res.headersSent) return crash(req, res, err);
      fail(req, res, p, err);
    }
  };

  const listen = (req: IncomingMessage, res: ServerResponse): void => {
    // Every field set here, in one order, so every request's record has the same shape.
    const p: Pending = {
      started: performance.now(),
      at: rt.clock.now(),
      target: undefined,
      query: {},
      body: {},
      page: undefined,
      psid: null,
      duringFlow: false,
      route: undefined,
      caller: undefined,
      recorded: undefined,
    };
    try {
      p.target = parseTarget(req.url ?? '/');
      p.query = p.target.query;
    } catch (err) {
      req.resume();
      return fail(req, res, p, err);
    }
    const length = req.headers['content-length'];
    if ((length === undefined || length === '0') && req.headers['transfer-encoding'] === undefined) return answer(req, res, p, EMPTY);
    readBody(req, limit, (err, raw) => {
      try {
        if (err === undefined) answer(req, res, p, raw);
        else fail(req, res, p, err);
      } catch (e) {
        crash(req, res, e);
      }
    });
  };
  return (req, res) => {
    try {
      listen(req, res);
    } catch (err) {
      // A bug must not take the server down: answer with Meta's generic error and move on.
      crash(req, res, err);
    }
  };
}
