import { redactedTarget, redactParams, type CallEntry, type RecordedCall } from './calls.js';
import type { Trace } from './context.js';
import { buildParams, parseBodyText } from './request.js';
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

/** How far a request's body got: not parsed, parsed, or parsed and its JSON-ish form values decoded. */
export const BodyStage = { None: 0, Parsed: 1, Decoded: 2 } as const;
type BodyStage = (typeof BodyStage)[keyof typeof BodyStage];

/**
 * One request to the mock, from its arrival to its place in the call log. While the request is answered it
 * collects what the record needs (the Trace that dispatch fills in, the raw query, the body's text); the call
 * log keeps it as it is, and the RecordedCall (redacted, body decoded, answer parsed back from the JSON sent) is
 * built only when someone reads it: /__lead-kit/calls, `--expect`, an `onCall` listener. Nothing it keeps is
 * shared with the handlers' objects, so a record read late shows the call as it was.
 */
export class RequestCall implements CallEntry, Trace {
  seq = 0;
  /** the path as requested, without the query */
  path = '/';
  version: string | null = null;
  /** the query parameters as parsed (raw strings, not redacted) */
  query: Readonly<Record<string, string>> = {};
  route: string = 'unknown';
  caller: TokenInfo | undefined = undefined;
  recorded: unknown = undefined;
  /** the Page the token stands for (known before dispatch authenticates it) */
  page: MockPage | undefined = undefined;
  psid: string | null = null;
  during_lead_flow = false;
  bodyText = '';
  contentType: string | undefined = undefined;
  bodyStage: BodyStage = BodyStage.None;
  status = 0;
  /** the answer's JSON text as sent, or undefined when `response` holds what is recorded */
  responseText: string | undefined = undefined;
  response: unknown = undefined;
  error: RecordedCall['error'] = undefined;
  ms = 0;
  private view: RecordedCall | undefined = undefined;

  constructor(
    /** performance.now() at arrival */
    readonly started: number,
    /** virtual-clock epoch ms at arrival */
    readonly atMs: number,
    readonly method: string,
    private readonly secrets: readonly string[],
  ) {}

  get at(): string {
    return isoOf(this.atMs);
  }

  get target(): string {
    return redactedTarget(this.path, this.query, this.secrets);
  }

  get app_id(): string | null {
    return this.caller?.appId ?? null;
  }

  /** Ends the call: its status, its answer (JSON text as sent, or the object to record) and its error. */
  finish(status: number, response: string | { recorded: unknown }, error?: RecordedCall['error']): void {
    this.status = status;
    if (typeof response === 'string') this.responseText = response;
    else this.response = response.recorded;
    this.error = error;
    this.ms = Math.round((performance.now() - this.started) * 10) / 10;
  }

  record(): RecordedCall {
    if (this.view !== undefined) return this.view;
    const call: RecordedCall = {
      seq: this.seq,
      at: this.at,
      method: this.method,
      path: this.path,
      version: this.version,
      route: this.route,
      query: redactParams(this.query, this.secrets),
      body: redactParams(this.body(), this.secrets),
      page_id: this.caller?.page.id ?? this.page?.id ?? null,
      app_id: this.app_id,
      psid: this.psid,
      during_lead_flow: this.during_lead_flow,
      status: this.status,
      response: this.responseText === undefined ? this.response : JSON.parse(this.responseText),
      ms: this.ms,
    };
    if (this.error) call.error = this.error;
    this.view = call;
    return call;
  }

  /** The body as the handlers saw it, decoded again from its text: form values decoded when they were. */
  private body(): Record<string, unknown> {
    if (this.bodyStage === BodyStage.None) return {};
    const body = parseBodyText(this.bodyText, this.contentType);
    if (this.bodyStage === BodyStage.Decoded) {
      const params = buildParams(this.query, body);
      if (params !== this.query) for (const k of Object.keys(body)) body[k] = params[k];
    }
    return body;
  }
}
