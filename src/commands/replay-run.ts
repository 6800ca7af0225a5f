import type { Deps } from '../io/deps.js';
import type { Outcome } from '../io/outcome.js';
import { emit } from '../io/output.js';
import { AuthError, ConnectError, InputError, UsageError } from '../errors.js';
import type { EventKind } from '../webhooks/kinds.js';
import { createPreparer } from '../replay/prepare.js';
import { startProgress } from '../replay/progress.js';
import { renderReplaySummary } from '../replay/render.js';
import { runRequests } from '../replay/runner.js';
import { RequestSource } from '../replay/source.js';
import { expandInputs } from '../replay/sources.js';
import { ReplayStats } from '../replay/stats.js';

/** `lead-kit replay`, fully resolved by the wiring. */
export interface ReplayOptions {
  /** JSON files, directories of them, or listen recordings */
  inputs: string[];
  endpoint: string;
  appSecret: string | undefined;
  concurrency: number;
  repeat: number;
  /** requests per second at most */
  rate: number | undefined;
  /** only payloads with an event of these kinds */
  filter: EventKind[] | undefined;
  onError: 'fail' | 'skip';
  /** a recording line or payload file longer than this is malformed */
  maxLineBytes: number;
  timeoutMs: number;
  legacySignature: boolean;
  apiVersion: string;
  json: boolean;
}

const MAX_WARNINGS = 10;

/** Runs `lead-kit replay`, prints the summary, reports how it went (ok: all accepted, checkFailed: any rejected; unreachable endpoints throw ConnectError). */
export async function runReplay(o: ReplayOptions, deps: Deps): Promise<Outcome> {
  if (o.inputs.length === 0)
    throw new UsageError('nothing to replay', { hint: 'pass JSON files, directories of them, or lead-kit listen recordings (.jsonl)' });
  const endpoint = new URL(o.endpoint);
  const { concurrency, repeat, timeoutMs, onError, rate, appSecret, maxLineBytes } = o;
  const filter = o.filter === undefined ? undefined : new Set(o.filter);
  const files = await expandInputs(o.inputs, deps.cwd);
  const { io } = deps;
  if (appSecret === undefined) {
    const payload = files.find((f) => f.kind === 'json');
    if (payload)
      throw new AuthError(`an app secret is needed to sign ${payload.display}`, {
        hint: 'pass --app-secret or set LEAD_KIT_APP_SECRET (recordings alone can be replayed with their original signatures)',
      });
    io.err.write('lead-kit: no --app-secret: recordings are replayed with the signatures they were recorded with\n');
  }

  const stats = new ReplayStats();
  let warned = 0;
  const source = new RequestSource(files, {
    repeat,
    signal: deps.signal,
    maxLineBytes,
    ...(filter ? { filter } : {}),
    prepare: createPreparer({ ...(appSecret ? { appSecret } : {}), legacySignature: o.legacySignature, apiVersion: o.apiVersion }),
    onMalformed(where, reason) {
      if (onError === 'fail')
        throw new InputError(`${where}: ${reason}`, { hint: 'fix or delete that line, or pass --on-error skip to skip malformed lines' });
      stats.skipped++;
      if (warned++ < MAX_WARNINGS) io.err.write(`lead-kit: skipped ${where}: ${reason}\n`);
      else if (warned === MAX_WARNINGS + 1) io.err.write('lead-kit: more malformed lines skipped; the summary counts them\n');
    },
  });
  const progress = startProgress(io, stats, () => source.total);
  let result;
  try {
    result = await runRequests(source, stats, {
      endpoint,
      concurrency,
      timeoutMs,
      signal: deps.signal,
      ...(rate ? { rate } : {}),
      ...(deps.dispatcher ? { dispatcher: deps.dispatcher } : {}),
    });
  } finally {
    progress.stop();
  }
  const total = source.total;
  const summary = stats.summary(endpoint.toString(), {
    interrupted: result.interrupted,
    ...(result.stoppedEarly ? { stoppedEarly: result.stoppedEarly } : {}),
    ...(total !== undefined ? { total } : {}),
  });
  emit(io, o.json, summary, renderReplaySummary);
  if (result.inputError) throw result.inputError;
  if (result.interrupted) return 'interrupted';
  if (summary.sent === 0 && filter) io.err.write(`lead-kit: no payload matched --filter ${[...filter].join(',')}\n`);
  if (summary.errors > 0) {
    const why = result.stoppedEarly ?? `${summary.errors} request${summary.errors === 1 ? '' : 's'} got no answer`;
    throw new ConnectError(why, {
      hint:
        summary.accepted + summary.rejected === 0
          ? 'start your app first, or check the host and port in --endpoint'
          : 'the endpoint stopped answering; see the failures above, or raise --timeout',
    });
  }
  return summary.rejected > 0 ? 'checkFailed' : 'ok';
}
