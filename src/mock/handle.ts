import type { IncomingMessage, ServerResponse } from 'node:http';
import { PreparedJson } from './answer.js';
import { BodyStage, RequestCall } from './call-entry.js';
import { envelope, graphErrors, MockGraphError } from './errors.js';
import { inspect, INSPECT_PREFIX } from './inspect.js';
import { buildParams, effectiveMethod, headerOf, parseBodyText, parseTarget, readBody, recipientId, tokenOf } from './request.js';
import { dispatch, type MockRuntime } from './routes.js';

const CONTENT_TYPE = 'application/json; charset=UTF-8';
const EMPTY = Buffer.alloc(0);
const JSON_TYPE = 'application/json';
const EMPTY_BODY: Record<string, unknown> = Object.freeze({});
type Target = ReturnType<typeof parseTarget>;
const HEADERS: Record<string, string | number> = { 'content-type': CONTENT_TYPE, 'content-length': 0 };

/**
 * Writes a JSON answer with its Content-Length, so headers and body leave in one write: a chunked answer
 * (no length) costs a second write per request and roughly halves throughput under keep-alive load. Returns the
 * JSON text sent. A PreparedJson answer is sent as its text, without JSON.stringify.
 */
export function sendJson(res: ServerResponse, status: number, body: unknown, close = false): string {
  const text = body instanceof PreparedJson ? body.json : JSON.stringify(body);
  // writeHead copies the headers, so one object can be reused (the hot path allocates as little as it can).
  HEADERS['content-length'] = Buffer.byteLength(text);
  if (close) res.writeHead(status, { ...HEADERS, connection: 'close' });
  else res.writeHead(status, HEADERS);
  res.end(text);
  return text;
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

  const fail = (req: IncomingMessage, res: ServerResponse, p: RequestCall, target: Target | undefined, err: unknown): void => {
    const e = err instanceof MockGraphError ? err : graphErrors.unknown();
    if (!(err instanceof MockGraphError)) onError(err, req);
    const status = e.status ?? p.page?.unconfirmed.error_status ?? 400;
    const response = envelope(e);
    // Over the body limit the rest of the upload is not read: answer and close the connection.
    const text = res.headersSent ? JSON.stringify(response) : sendJson(res, status, response, e.status === 413);
    if (e.status === 413) res.once('finish', () => req.destroy());
    if (target?.segments[0] === INSPECT_PREFIX) return;
    p.finish(status, text, {
      code: e.code,
      message: e.message,
      ...(e.subcode === undefined ? {} : { error_subcode: e.subcode }),
    });
    rt.calls.addEntry(p);
  };

  const answer = (req: IncomingMessage, res: ServerResponse, p: RequestCall, target: Target, raw: Buffer): void => {
    try {
      const method = effectiveMethod(p.method, p.query);
      let body: Record<string, unknown> = EMPTY_BODY;
      if (raw.length > 0) {
        const type = headerOf(req, 'content-type');
        // The usual type as the constant, so a kept call does not hold each request's copy of it.
        p.contentType = type === JSON_TYPE ? JSON_TYPE : type;
        p.bodyText = raw.toString('utf8');
        body = parseBodyText(p.bodyText, p.contentType);
        p.bodyStage = BodyStage.Parsed;
      }
      const params = buildParams(p.query, body);
      const token = tokenOf(params, () => headerOf(req, 'authorization'));
      if (target.segments[0] === INSPECT_PREFIX) {
        inspect(rt, method, target.segments, params)
          .then((body) => sendJson(res, 200, body))
          .catch((err: unknown) => fail(req, res, p, target, err))
          .catch((err: unknown) => crash(req, res, err));
        return;
      }
      if (method !== 'GET' && method !== 'POST' && method !== 'DELETE') throw graphErrors.wrongMethod(method);
      p.page = token === undefined ? undefined : rt.state.tokens.get(token)?.page;
      let psid: string | null;
      try {
        psid = recipientId(params) ?? null;
      } catch {
        psid = null;
      }
      p.during_lead_flow = p.page !== undefined && psid !== null && p.page.threads.get(psid)?.leadFlow != null;
      // The record shows form values decoded, as the handlers saw them, and the PSID (RequestCall.record).
      p.bodyStage = BodyStage.Decoded;
      const response = dispatch(
        rt,
        {
          method,
          path: target.path,
          version: target.version,
          segments: target.segments,
          query: target.query,
          body,
          params,
          token,
          host: headerOf(req, 'host'),
        },
        p,
      );
      const text = sendJson(res, 200, response);
      p.finish(200, p.recorded === undefined ? text : { recorded: p.recorded });
      rt.calls.addEntry(p);
    } catch (err) {
      if (res.headersSent) return crash(req, res, err);
      fail(req, res, p, target, err);
    }
  };

  const listen = (req: IncomingMessage, res: ServerResponse): void => {
    const url = req.url ?? '/';
    const p = new RequestCall(performance.now(), rt.clock.now(), req.method ?? 'GET', url, rt.secrets);
    let target: Target;
    try {
      target = parseTarget(url);
    } catch (err) {
      p.malformed = true;
      req.resume();
      return fail(req, res, p, undefined, err);
    }
    p.path = target.path;
    p.version = target.version;
    p.query = target.query;
    // Header by header from the raw list, so Node never builds req.headers for a request to the mock.
    const length = headerOf(req, 'content-length');
    if ((length === undefined || length === '0') && headerOf(req, 'transfer-encoding') === undefined)
      return answer(req, res, p, target, EMPTY);
    readBody(req, limit, (err, raw) => {
      try {
        if (err === undefined) answer(req, res, p, target, raw);
        else fail(req, res, p, target, err);
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
