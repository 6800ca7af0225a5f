/** One Graph call the app under test made, as `/__lead-kit/calls` and `simulate --expect` see it. */
export interface RecordedCall {
  seq: number;
  /** ISO time on the virtual clock */
  at: string;
  method: string;
  /** the path as requested, without the query */
  path: string;
  version: string | null;
  /** the route it matched, e.g. `POST /{page-id}/messages`; `unknown` when none did */
  route: string;
  /** query parameters, with tokens and proofs redacted */
  query: Record<string, unknown>;
  /** body parameters, decoded, with tokens and proofs redacted */
  body: Record<string, unknown>;
  page_id: string | null;
  /** the app whose token made the call */
  app_id: string | null;
  /** the person the call is about (recipient) */
  psid: string | null;
  /** the thread was in a lead flow when the call arrived */
  during_lead_flow: boolean;
  status: number;
  response: unknown;
  error?: { code: number; error_subcode?: number; message: string };
  /** time to answer, real milliseconds */
  ms: number;
  /** the call was one operation of a Graph batch request (`POST /` with `batch=[…]`) */
  batch?: true;
}

/** Placeholders shown instead of secrets (README "Output and secrets"). */
export const TOKEN_PLACEHOLDER = '<PAGE_ACCESS_TOKEN>';
/** The placeholder shown instead of a token-bearing parameter, or undefined for any other name. */
function placeholderOf(key: string): string | undefined {
  if (key === 'access_token') return TOKEN_PLACEHOLDER;
  if (key === 'input_token') return '<ACCESS_TOKEN>';
  if (key === 'appsecret_proof') return '<APPSECRET_PROOF>';
  return undefined;
}

/** A string parameter as a record shows it: a placeholder for a token-bearing name, else with secrets scrubbed. */
function redactedValue(key: string, value: string, secrets: readonly string[]): string {
  return placeholderOf(key) ?? scrubText(value, secrets);
}

/**
 * Copies `params`, replacing token-bearing keys and any occurrence of a known secret (tokens, app secrets)
 * in string values, at any depth, so a recording never holds a secret.
 */
export function redactParams(params: Record<string, unknown>, secrets: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let flat = true;
  // Query strings are flat string maps: copy them without the recursive walk below.
  for (const k in params) {
    const v = params[k];
    if (typeof v !== 'string') {
      flat = false;
      break;
    }
    out[k] = redactedValue(k, v, secrets);
  }
  if (flat) return out;
  // A body with nothing to redact is kept as it is: the call log holds the decoded body, not a copy of it.
  if (!needsRedaction(params, secrets, 0)) return params;
  const scrub = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') return scrubText(v, secrets);
    if (v === null || typeof v !== 'object') return v;
    // Bodies are bounded at parse time (MAX_BODY_DEPTH); anything deeper is dropped, never kept unredacted.
    if (depth > 100) return '<TOO_DEEP>';
    if (Array.isArray(v)) return v.map((x) => scrub(x, depth + 1));
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = placeholderOf(k) ?? scrub(x, depth + 1);
    return o;
  };
  return scrub(params, 0) as Record<string, unknown>;
}

/**
 * True when `redactParams` would change something in `v`: a token-bearing key or a secret at any depth, a
 * `__proto__` key (the copy does not keep it as an own key) or nesting deeper than the copy goes.
 */
function needsRedaction(v: unknown, secrets: readonly string[], depth: number): boolean {
  if (typeof v === 'string') return scrubText(v, secrets) !== v;
  if (v === null || typeof v !== 'object') return false;
  if (depth > 100) return true;
  if (Array.isArray(v)) return v.some((x) => needsRedaction(x, secrets, depth + 1));
  for (const k of Object.keys(v)) {
    if (k === '__proto__' || placeholderOf(k) !== undefined) return true;
    if (needsRedaction((v as Record<string, unknown>)[k], secrets, depth + 1)) return true;
  }
  return false;
}

/** `text` with every occurrence of a known secret replaced by `<REDACTED>`. */
export function scrubText(text: string, secrets: readonly string[]): string {
  let out = text;
  if (out.length >= 8) for (const s of secrets) if (s.length <= out.length && out.includes(s)) out = out.split(s).join('<REDACTED>');
  return out;
}

/** `path?k=v&…` with each value as `show` writes it (a loop rather than entries/map/join: one per log line). */
function targetText<T>(path: string, query: Readonly<Record<string, T>>, show: (key: string, value: T) => string): string {
  let target = path;
  let sep = '?';
  for (const k of Object.keys(query)) {
    target += `${sep}${k}=${show(k, query[k]!)}`;
    sep = '&';
  }
  return target;
}

/** The redacted path and query of a call, for a log line: `/v26.0/me/thread_owner?recipient=…&access_token=<PAGE_ACCESS_TOKEN>`. */
export function displayTarget(c: Pick<RecordedCall, 'path' | 'query'>): string {
  return targetText(c.path, c.query, (_k, v) => (typeof v === 'string' ? v : JSON.stringify(v)));
}

/** `displayTarget` of a query not yet redacted: the same text as `displayTarget({ path, query: redactParams(query) })`. */
export function redactedTarget(path: string, query: Readonly<Record<string, string>>, secrets: readonly string[]): string {
  return targetText(path, query, (k, v) => redactedValue(k, v, secrets));
}

/** What a request log line shows of a call (tokens already redacted). */
export interface CallLine {
  readonly seq: number;
  /** ISO time on the virtual clock */
  readonly at: string;
  readonly method: string;
  /** the path and query, redacted (`displayTarget`) */
  readonly target: string;
  readonly route: string;
  readonly app_id: string | null;
  readonly status: number;
  readonly ms: number;
  readonly error?: RecordedCall['error'];
}

/**
 * A call as the log keeps it: what its log line needs, and `record()`, the RecordedCall, which a lazy entry
 * builds (redacted) the first time it is read and then keeps.
 */
export interface CallEntry extends CallLine {
  seq: number;
  record(): RecordedCall;
  /** called once its listeners have heard it: an entry may let go of what only its log line needed */
  settle?(): void;
}

/** An entry for a call recorded whole at once (a batch operation). */
class WholeCall implements CallEntry {
  constructor(private readonly call: RecordedCall) {}
  get seq(): number {
    return this.call.seq;
  }
  set seq(n: number) {
    this.call.seq = n;
  }
  get at(): string {
    return this.call.at;
  }
  get method(): string {
    return this.call.method;
  }
  get target(): string {
    return displayTarget(this.call);
  }
  get route(): string {
    return this.call.route;
  }
  get app_id(): string | null {
    return this.call.app_id;
  }
  get status(): number {
    return this.call.status;
  }
  get ms(): number {
    return this.call.ms;
  }
  get error(): RecordedCall['error'] {
    return this.call.error;
  }
  record(): RecordedCall {
    return this.call;
  }
}

/**
 * Every call, newest last, keeping the most recent `max`. Listeners hear each one as it is recorded: `onCall`
 * listeners get the RecordedCall, `onLine` listeners (the request log) only what a log line shows, so a call
 * nobody reads is never built in full.
 */
export class CallLog {
  private readonly entries: CallEntry[] = [];
  /** the RecordedCall of entries[i], for the first entries read so far */
  private readonly views: RecordedCall[] = [];
  private readonly listeners = new Set<(c: RecordedCall) => void>();
  private readonly lineListeners = new Set<(c: CallLine) => void>();
  private seq = 0;

  constructor(private readonly max: number) {}

  /** Every call kept, oldest first. */
  get calls(): readonly RecordedCall[] {
    for (let i = this.views.length; i < this.entries.length; i++) this.views.push(this.entries[i]!.record());
    return this.views;
  }

  /** How many calls are kept. */
  get size(): number {
    return this.entries.length;
  }

  /** Numbers `call` (its `seq` is overwritten) and keeps it. */
  add(call: RecordedCall): RecordedCall {
    this.addEntry(new WholeCall(call));
    return call;
  }

  /** Numbers `entry` and keeps it. */
  addEntry(entry: CallEntry): void {
    entry.seq = ++this.seq;
    this.entries.push(entry);
    // Trim in batches so a long run stays O(1) per call on average.
    if (this.entries.length > this.max + Math.max(100, this.max / 10)) {
      const drop = this.entries.length - this.max;
      this.entries.splice(0, drop);
      this.views.splice(0, drop);
    }
    for (const l of this.lineListeners) l(entry);
    if (this.listeners.size > 0) {
      const call = entry.record();
      for (const l of this.listeners) l(call);
    }
    entry.settle?.();
  }

  /** Forgets every call (sequence numbers keep counting). */
  clear(): void {
    this.entries.length = 0;
    this.views.length = 0;
  }

  /** Calls `listener` for each new call; returns the unsubscribe function. */
  onCall(listener: (c: RecordedCall) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Calls `listener` with the log line of each new call; returns the unsubscribe function. */
  onLine(listener: (c: CallLine) => void): () => void {
    this.lineListeners.add(listener);
    return () => this.lineListeners.delete(listener);
  }

  get lastSeq(): number {
    return this.seq;
  }
}
