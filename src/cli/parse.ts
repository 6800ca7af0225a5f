import { UsageError } from '../errors.js';

/** Parses a whole-number flag value, with a usage error that names the flag. */
export function intFlag(flag: string, raw: unknown, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const s = String(raw);
  if (!/^-?\d+$/.test(s) || Number(s) < min || Number(s) > max) {
    throw new UsageError(`${flag} "${s}" must be a whole number${max === Number.MAX_SAFE_INTEGER ? ` ≥ ${min}` : ` from ${min} to ${max}`}`);
  }
  return Number(s);
}

/** The value of a flag that is one of `choices`. */
export function choiceFlag<T extends string>(flag: string, raw: unknown, choices: readonly T[]): T {
  if (typeof raw === 'string' && (choices as readonly string[]).includes(raw)) return raw as T;
  throw new UsageError(`${flag} "${String(raw)}" is not one of ${choices.join(', ')}`);
}
