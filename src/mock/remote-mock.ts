import { request, type Dispatcher } from 'undici';
import { ConnectError, UsageError } from '../errors.js';
import type { SimulateOptions } from '../flow/run-flow.js';
import type { RecordedCall } from './calls.js';
import type { ExpectContext } from './expect.js';

/**
 * A `lead-kit mock` running elsewhere (another terminal), driven through its `/__lead-kit/*` routes: its clock
 * dates the flow, the flow's state changes go to it, and its recorded calls are polled for the expectations.
 */
export interface RemoteMock {
  url: string;
  readonly calls: readonly RecordedCall[];
  onCall(l: (c: RecordedCall) => void): () => void;
  /** resolves when the calls recorded so far have been fetched */
  sync(): Promise<void>;
  close(): Promise<void>;
}

export async function attachRemoteMock(
  graphUrl: string,
  opts: SimulateOptions,
  deps: { dispatcher?: Dispatcher },
): Promise<{ remote: RemoteMock; ctx: ExpectContext }> {
  const base = graphUrl.replace(/\/+$/, '');
  const call = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<Record<string, unknown>> => {
    let res: Dispatcher.ResponseData;
    try {
      res = await request(`${base}/__lead-kit/${path}`, {
        method,
        ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
        ...(deps.dispatcher ? { dispatcher: deps.dispatcher } : {}),
      });
    } catch (err) {
      throw new ConnectError(
        `cannot reach the mock at --graph-url ${base} (${(err as Error & { code?: string }).code ?? (err as Error).message})`,
        { hint: 'start it first with `lead-kit mock`, or check the URL' },
      );
    }
    const text = await res.body.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // not the mock: reported below
    }
    if (res.statusCode !== 200) {
      const message = (json.error as { message?: string } | undefined)?.message ?? `answered ${res.statusCode}`;
      throw new UsageError(`--graph-url ${base}: ${path}: ${message}`, {
        hint: 'point --graph-url at a running `lead-kit mock` whose config has the Page and apps of the flow',
      });
    }
    return json;
  };
  const clock = await call('GET', 'clock');
  if (typeof clock.now_ms !== 'number')
    throw new UsageError(`--graph-url ${base} is not a lead-kit mock (no /__lead-kit/clock)`, { hint: 'start one with `lead-kit mock`' });
  const { lead } = opts;
  lead.startMs = clock.now_ms;
  const calls: RecordedCall[] = [];
  const before = (await call('GET', 'calls')).data as RecordedCall[] | undefined;
  let since = (before ?? []).reduce((m, c) => Math.max(m, c.seq), 0);
  const begun = await call('POST', 'lead-flow/begin', {
    page_id: lead.pageId,
    psid: lead.psid,
    scenario: opts.scenario,
    app_id: opts.scenario === 'no-app' ? null : lead.app.id,
    answers: lead.answers,
  });
  const previous = opts.onStep;
  opts.onStep = async (step) => {
    await call('POST', 'lead-flow/step', { page_id: lead.pageId, psid: lead.psid, step });
    await previous?.(step);
  };
  const listeners = new Set<(c: RecordedCall) => void>();
  const sync = async (): Promise<void> => {
    const fresh = ((await call('GET', `calls?since=${since}`)).data as RecordedCall[] | undefined) ?? [];
    for (const c of fresh) {
      since = Math.max(since, c.seq);
      calls.push(c);
      for (const l of listeners) l(c);
    }
  };
  let stopped = false;
  let polling: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    polling = polling.then(() => (stopped ? undefined : sync().catch(() => undefined)));
  }, 100);
  const remote: RemoteMock = {
    url: base,
    calls,
    onCall: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    sync: () => (polling = polling.then(sync)),
    async close() {
      stopped = true;
      clearInterval(timer);
      await polling.catch(() => undefined);
    },
  };
  return { remote, ctx: { psid: lead.psid, defaultAppId: typeof begun.default_app_id === 'string' ? begun.default_app_id : null } };
}
