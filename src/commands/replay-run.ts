import { setFlagsFromString } from 'node:v8';
import type { Deps } from '../cli/deps.js';
import { emit } from '../cli/output.js';
import { choiceFlag, intFlag } from '../cli/parse.js';
import { AuthError, ConnectError, InputError, UsageError } from '../errors.js';
import { eventKindNames, type EventKind } from '../replay/kinds.js';
import { createPreparer } from '../replay/prepare.js';
import { startProgress } from '../replay/progress.js';
import { renderReplaySummary } from '../replay/render.js';
import { runRequests } from '../replay/runner.js';
import { RequestSource } from '../replay/source.js';
import { expandInputs } from '../replay/sources.js';
import { ReplayStats } from '../replay/stats.js';
import { parseEndpoint } from './lead-input.js';
import { apiVersion } from './simulate-run.js';
import { parseSize } from '../text/size.js';

const MAX_WARNINGS = 10;

function parseFilter(raw: unknown): Set<EventKind> | undefined {
  if (raw === undefined) return undefined;
  const kinds = String(raw).split(',').map((k) => k.trim()).filter(Boolean);
  for (const k of kinds) if (!(eventKindNames as readonly string[]).includes(k)) throw new UsageError(`--filter "${k}" is not an event kind`, { hint: `use one or more of ${eventKindNames.join(', ')}, comma-separated` });
  if (kinds.length === 0) throw new UsageError('--filter needs at least one kind', { hint: `e.g. --filter referral,summary` });
  return new Set(kinds as EventKind[]);
}

function parseRate(raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--rate "${String(raw)}" must be a number of requests per second above 0`, { hint: 'e.g. --rate 50' });
  return n;
}

/** Runs `lead-kit replay`, prints the summary, returns the exit code (0 all accepted, 1 any rejected, 3 unreachable, 130 Ctrl-C). */
export async function runReplay(args: string[], v: Record<string, unknown>, deps: Deps): Promise<number> {
  // undici parses HTTP with WebAssembly; V8's optimizing tier for that module costs ~35 MB of RSS and buys replay
  // little (the parser is not its bottleneck). Liftoff only keeps a replay of any size well under 150 MB.
  // It must be set before undici compiles the module, i.e. before the first request of this process.
  setFlagsFromString('--liftoff-only');
  if (args.length === 0) throw new UsageError('nothing to replay', { hint: 'pass JSON files, directories of them, or lead-kit listen recordings (.jsonl)' });
  if (v.endpoint === undefined) throw new UsageError('--endpoint is required', { hint: 'e.g. --endpoint http://127.0.0.1:3000/webhook' });
  const endpoint = parseEndpoint('--endpoint', String(v.endpoint));
  const concurrency = intFlag('--concurrency', v.concurrency ?? '1', 1, 4096);
  const repeat = intFlag('--repeat', v.repeat ?? '1', 1);
  const timeoutMs = intFlag('--timeout', v.timeout ?? '5000', 1);
  const onError = choiceFlag('--on-error', v.onError ?? 'fail', ['skip', 'fail'] as const);
  const rate = parseRate(v.rate);
  const filter = parseFilter(v.filter);
  const maxLineBytes = v.maxLineBytes === undefined ? undefined : parseSize('--max-line-bytes', v.maxLineBytes);
  const appSecret = typeof v.appSecret === 'string' && v.appSecret !== '' ? v.appSecret : undefined;
  const files = await expandInputs(args, deps.cwd);
  const { io } = deps;
  if (appSecret === undefined) {
    const payload = files.find((f) => f.kind === 'json');
    if (payload) throw new AuthError(`an app secret is needed to sign ${payload.display}`, { hint: 'pass --app-secret or set LEAD_KIT_APP_SECRET (recordings alone can be replayed with their original signatures)' });
    io.err.write('lead-kit: no --app-secret: recordings are replayed with the signatures they were recorded with\n');
  }

  const stats = new ReplayStats();
  let warned = 0;
  const source = new RequestSource(files, {
    repeat,
    signal: deps.signal,
    ...(maxLineBytes ? { maxLineBytes } : {}),
    ...(filter ? { filter } : {}),
    prepare: createPreparer({ ...(appSecret ? { appSecret } : {}), legacySignature: v.legacySignature !== false, apiVersion: apiVersion(v.apiVersion ?? 'v26.0') }),
    onMalformed(where, reason) {
      if (onError === 'fail') throw new InputError(`${where}: ${reason}`, { hint: 'fix or delete that line, or pass --on-error skip to skip malformed lines' });
      stats.skipped++;
      if (warned++ < MAX_WARNINGS) io.err.write(`lead-kit: skipped ${where}: ${reason}\n`);
      else if (warned === MAX_WARNINGS + 1) io.err.write('lead-kit: more malformed lines skipped; the summary counts them\n');
    },
  });
  const progress = startProgress(io, stats, () => source.total);
  let result;
  try {
    result = await runRequests(source, stats, { endpoint, concurrency, timeoutMs, signal: deps.signal, ...(rate ? { rate } : {}), ...(deps.dispatcher ? { dispatcher: deps.dispatcher } : {}) });
  } finally {
    progress.stop();
  }
  const total = source.total;
  const summary = stats.summary(endpoint.toString(), { interrupted: result.interrupted, ...(result.stoppedEarly ? { stoppedEarly: result.stoppedEarly } : {}), ...(total !== undefined ? { total } : {}) });
  emit(io, v.json === true, summary, renderReplaySummary);
  if (result.inputError) throw result.inputError;
  if (result.interrupted) return 130;
  if (summary.sent === 0 && filter) io.err.write(`lead-kit: no payload matched --filter ${[...filter].join(',')}\n`);
  if (summary.errors > 0) {
    const why = result.stoppedEarly ?? `${summary.errors} request${summary.errors === 1 ? '' : 's'} got no answer`;
    throw new ConnectError(why, { hint: summary.accepted + summary.rejected === 0 ? 'start your app first, or check the host and port in --endpoint' : 'the endpoint stopped answering; see the failures above, or raise --timeout' });
  }
  return summary.rejected > 0 ? 1 : 0;
}
