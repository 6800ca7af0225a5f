/** Milliseconds in one hour and one day, for the messaging window (24 h) and control windows (1–7 days). */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: HOUR_MS, d: DAY_MS, w: 7 * DAY_MS };

/**
 * Parses a duration such as `25h`, `90m`, `7d`, `1d12h`, `1500ms` or a bare number of milliseconds.
 * Returns undefined when the text is not a duration. Negative durations (`-1h`) are allowed: the clock may be
 * moved back to repeat a step.
 */
export function parseDuration(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? Math.trunc(raw) : undefined;
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim();
  if (/^-?\d+$/.test(text)) return Number(text);
  const m = /^(-)?((?:\d+(?:\.\d+)?(?:ms|s|m|h|d|w))+)$/.exec(text);
  if (!m) return undefined;
  let total = 0;
  for (const part of m[2]!.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g)) total += Number(part[1]) * UNITS[part[2]!]!;
  return Math.round(m[1] ? -total : total);
}

/** Parses an ISO 8601 date or epoch milliseconds; undefined when it is neither. */
export function parseInstant(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  if (/^\d+$/.test(raw.trim())) return Number(raw.trim());
  // Only full dates: "2026" or "11/21" parse in V8 but mean nothing precise.
  if (!/^\d{4}-\d{2}-\d{2}/.test(raw.trim())) return undefined;
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * The mock's virtual clock. It runs at real speed from `start` (unless frozen) and can be moved with
 * `advance` or `set`, so a 24-hour window or a 7-day control expiration can be tested in milliseconds.
 * All mock state (message times, windows, expirations, recorded calls) reads this clock, never Date.now().
 */
export class VirtualClock {
  private base: number;
  private realBase: number;
  private frozenAt: number | undefined;

  /**
   * @param start epoch ms the clock starts at
   * @param frozen stand still until advanced (tests that compare exact timestamps use this) @default false
   * @param realNow the real clock, injectable for tests @default Date.now
   */
  constructor(
    start: number,
    frozen = false,
    private readonly realNow: () => number = () => Date.now(),
  ) {
    this.base = start;
    this.realBase = realNow();
    this.frozenAt = frozen ? start : undefined;
  }

  /** Current virtual time, epoch ms. */
  now(): number {
    return this.frozenAt ?? this.base + (this.realNow() - this.realBase);
  }

  /** Moves the clock by `ms` (negative moves it back). */
  advance(ms: number): number {
    if (this.frozenAt !== undefined) this.frozenAt += ms;
    else this.base += ms;
    return this.now();
  }

  /** Jumps to an absolute time. */
  set(ms: number): number {
    if (this.frozenAt !== undefined) this.frozenAt = ms;
    else {
      this.base = ms;
      this.realBase = this.realNow();
    }
    return this.now();
  }

  /** Stops or restarts the clock at the current virtual time. */
  freeze(frozen: boolean): void {
    const now = this.now();
    if (frozen) this.frozenAt = now;
    else {
      this.frozenAt = undefined;
      this.base = now;
      this.realBase = this.realNow();
    }
  }

  get frozen(): boolean {
    return this.frozenAt !== undefined;
  }
}
