import { redactedTarget, redactParams, type CallEntry, type RecordedCall } from './calls.js';
import type { Trace } from './context.js';
import { buildParams, parseBodyText, parseTarget, recipientId } from './request.js';
import type { MockPage, TokenInfo } from './state.js';

// Under load many calls share a millisecond: format each one once.
let isoMs = NaN;
let iso = '';
function isoOf(ms: number): string {
  if (ms !== isoMs) {
    isoMs = ms;
    iso = new Date(ms).toISOString();
  }
  return iso;
}

// The last URL logged and its redacted form (RequestCall.target).
let lastUrl = '';
let lastSecrets: readonly string[] = [];
let lastTarget = '';

/** How far a request's body got: not parsed, parsed, or parsed and its JSON-ish form values decoded. */
export const BodyStage = { None: 0, Parsed: 1, Decoded: 2 } as const;
type BodyStage = (typeof BodyStage)[keyof typeof BodyStage];

/**
 * One request to the mock, from its arrival to its place in the call log. While the request is answered it
 * collects what the record needs (the Trace that dispatch fills in, the parsed target, the body's text); once
 * its log line is written the log keeps only the URL, the texts and a few values, and the RecordedCall
 * (redacted, body decoded, answer parsed back from the JSON sent) is built only when someone reads it:
 * /__lead-kit/calls, `--expect`, an `onCall` listener. Nothing it keeps is shared with the handlers' objects,
 * so a record read late shows the call as it was.
 */
export class RequestCall implements CallEntry, Trace {
  seq = 0;
  /** the path as requested, without the query (until settled) */
  path = '';
  version: string | null = null;
  /** the query parameters as parsed, raw strings, not redacted (until settled) */
  query: Readonly<Record<string, string>> = NO_QUERY;
  /** the URL could not be parsed (a malformed escape): the record shows its path, no version and no query */
  malformed = false;
  route = 'unknown';
  caller: TokenInfo | undefined = undefined;
  recorded: unknown = undefined;
  /** the Page the token stands for (known before dispatch authenticates it) */
  page: MockPage | undefined = undefined;
  during_lead_flow = false;
  bodyText = '';
  contentType: string | undefined = undefined;
  /** how far the body got; `Decoded` also means the PSID was read from the parameters */
  bodyStage: BodyStage = BodyStage.None;
  status = 0;
  /** the answer's JSON text as sent, or (responseIsText false) the value recorded instead */
  response: unknown = undefined;
  responseIsText = false;
  error: RecordedCall['error'] = undefined;
  ms = 0;
  private view: RecordedCall | undefined = undefined;

  constructor(
    /** performance.now() at arrival */
    readonly started: number,
    /** virtual-clock epoch ms at arrival */
    readonly atMs: number,
    readonly method: string,
    /** req.url */
    readonly url: string,
    private readonly secrets: readonly string[],
  ) {}

  get at(): string {
    return isoOf(this.atMs);
  }

  get target(): string {
    // A client repeats the same URL (a poll, a send): its redacted form is kept for the next call.
    if (this.url === lastUrl && this.secrets === lastSecrets && !this.malformed) return lastTarget;
    const t = this.parts();
    const target = redactedTarget(t.path, t.query, this.secrets);
    if (!this.malformed) {
      lastUrl = this.url;
      lastSecrets = this.secrets;
      lastTarget = target;
    }
    return target;
  }

  get app_id(): string | null {
    return this.caller?.appId ?? null;
  }

  /** Ends the call: its status, its answer (JSON text as sent, or the value to record) and its error. */
  finish(status: number, response: string | { recorded: unknown }, error?: RecordedCall['error']): void {
    this.status = status;
    this.responseIsText = typeof response === 'string';
    this.response = typeof response === 'string' ? response : response.recorded;
    this.error = error;
    this.ms = Math.round((performance.now() - this.started) * 10) / 10;
  }

  /** Lets go of the parsed target once the log line is written: a kept call holds its URL, parsed again when read. */
  settle(): void {
    this.path = '';
    this.query = NO_QUERY;
  }

  record(): RecordedCall {
    if (this.view !== undefined) return this.view;
    const { path, version, query } = this.parts();
    const body = this.bodyStage === BodyStage.None ? {} : parseBodyText(this.bodyText, this.contentType);
    let psid: string | null = null;
    if (this.bodyStage === BodyStage.Decoded) {
      // As the handlers saw them: form values decoded, the PSID read from the merged parameters.
      const params = buildParams(query, body);
      if (params !== query) for (const k of Object.keys(body)) body[k] = params[k];
      try {
        psid = recipientId(params) ?? null;
      } catch {
        psid = null;
      }
    }
    const call: RecordedCall = {
      seq: this.seq,
      at: this.at,
      method: this.method,
      path,
      version,
      route: this.route,
      query: redactParams(query, this.secrets),
      body: redactParams(body, this.secrets),
      page_id: this.caller?.page.id ?? this.page?.id ?? null,
      app_id: this.app_id,
      psid,
      during_lead_flow: this.during_lead_flow,
      status: this.status,
      response: this.responseIsText ? JSON.parse(this.response as string) : this.response,
      ms: this.ms,
    };
    if (this.error) call.error = this.error;
    this.view = call;
    return call;
  }

  /** Path, version and query: as parsed while the call is answered, parsed again from the URL once settled. */
  private parts(): { path: string; version: string | null; query: Readonly<Record<string, string>> } {
    if (this.malformed) return { path: this.url.split('?')[0]!, version: null, query: {} };
    if (this.path !== '') return this;
    const t = parseTarget(this.url);
    return { path: t.path, version: t.version, query: t.query };
  }
}

const NO_QUERY: Readonly<Record<string, string>> = Object.freeze({});
