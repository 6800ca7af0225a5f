/**
 * Latency histogram with ~1 % relative precision and a fixed size (log buckets of 1 µs × 1.01^i), so
 * percentiles over millions of requests cost a few KB.
 */
export class LatencyHistogram {
  private static readonly GROWTH = Math.log(1.01);
  private readonly buckets = new Uint32Array(2200);
  count = 0;
  max = 0;

  /** Adds one sample, in milliseconds. */
  add(ms: number): void {
    const us = ms * 1000;
    const i = us <= 1 ? 0 : Math.min(this.buckets.length - 1, Math.ceil(Math.log(us) / LatencyHistogram.GROWTH));
    this.buckets[i]!++;
    this.count++;
    if (ms > this.max) this.max = ms;
  }

  /** The p-th percentile (0–100) in milliseconds: the upper edge of its bucket; 0 without samples. */
  percentile(p: number): number {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil((p / 100) * this.count));
    let seen = 0;
    for (let i = 0; i < this.buckets.length; i++) {
      seen += this.buckets[i]!;
      if (seen >= rank) return Math.min(this.max, Math.exp(i * LatencyHistogram.GROWTH) / 1000);
    }
    return this.max;
  }
}

/** A kind of failure: what happened, how often, and where its payload first came from. */
export interface FailureSample {
  /** the first payload that failed this way (file, or file:line) */
  where: string;
  status: number | null;
  reason: string;
  count: number;
}

/** The numbers `lead-kit replay` reports, as `--json` prints them. */
export interface ReplaySummary {
  endpoint: string;
  /** requests that got an answer or failed (in-flight ones are waited for) */
  sent: number;
  /** answered 2xx */
  accepted: number;
  /** answered, but not 2xx */
  rejected: number;
  /** no answer: connection refused or reset, or nothing within --timeout */
  errors: number;
  /** malformed inputs skipped (--on-error skip) */
  skipped: number;
  duration_ms: number;
  requests_per_second: number;
  latency_ms: { p50: number; p95: number; p99: number; max: number };
  /** how many answers of each status */
  statuses: Record<string, number>;
  /** the failures grouped by what happened (the first few kinds) */
  failures: FailureSample[];
  /** Ctrl-C stopped the run */
  interrupted: boolean;
  /** requests the whole run would have sent, when known (inputs small enough to be read once and kept) */
  total?: number;
  /** why sending stopped before the inputs ran out, if it did */
  stopped_early?: string;
}

const MAX_SAMPLES = 5;

/** Counters for a replay run. */
export class ReplayStats {
  readonly latency = new LatencyHistogram();
  accepted = 0;
  rejected = 0;
  errors = 0;
  skipped = 0;
  readonly statuses = new Map<number, number>();
  readonly failures: FailureSample[] = [];
  private started = performance.now();
  private ended: number | undefined;

  get sent(): number {
    return this.accepted + this.rejected + this.errors;
  }

  start(): void {
    this.started = performance.now();
  }

  end(): void {
    this.ended = performance.now();
  }

  elapsedMs(): number {
    return (this.ended ?? performance.now()) - this.started;
  }

  answered(status: number, ms: number, where: string, snippet: () => string): void {
    this.latency.add(ms);
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
    if (status >= 200 && status < 300) {
      this.accepted++;
      return;
    }
    this.rejected++;
    const text = snippet();
    this.sample(where, status, `answered ${status}${text ? ` "${text}"` : ''}`);
  }

  failed(reason: string, where: string): void {
    this.errors++;
    this.sample(where, null, reason);
  }

  private sample(where: string, status: number | null, reason: string): void {
    const same = this.failures.find((f) => f.reason === reason);
    if (same) same.count++;
    else if (this.failures.length < MAX_SAMPLES) this.failures.push({ where, status, reason, count: 1 });
  }

  summary(endpoint: string, extra: { interrupted: boolean; stoppedEarly?: string; total?: number }): ReplaySummary {
    const ms = this.elapsedMs();
    const round = (n: number): number => Math.round(n * 100) / 100;
    const s: ReplaySummary = {
      endpoint,
      sent: this.sent,
      accepted: this.accepted,
      rejected: this.rejected,
      errors: this.errors,
      skipped: this.skipped,
      duration_ms: Math.round(ms),
      requests_per_second: ms > 0 ? Math.round((this.sent / ms) * 1000 * 10) / 10 : 0,
      latency_ms: {
        p50: round(this.latency.percentile(50)),
        p95: round(this.latency.percentile(95)),
        p99: round(this.latency.percentile(99)),
        max: round(this.latency.max),
      },
      statuses: Object.fromEntries([...this.statuses].sort((a, b) => a[0] - b[0]).map(([k, v]) => [String(k), v])),
      failures: this.failures,
      interrupted: extra.interrupted,
    };
    if (extra.stoppedEarly) s.stopped_early = extra.stoppedEarly;
    if (extra.total !== undefined) s.total = extra.total;
    return s;
  }
}
