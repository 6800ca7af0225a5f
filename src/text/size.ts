import { UsageError } from '../errors.js';

/** `1048576`, `512kb`, `1mb` → bytes (k = 1024). */
export function parseSize(flag: string, raw: unknown): number {
  const m = /^(\d+)\s*(b|kb|k|kib|mb|m|mib|gb|g|gib)?$/i.exec(String(raw).trim());
  if (!m) throw new UsageError(`${flag} "${String(raw)}" is not a size`, { hint: `write bytes, or with kb/mb, e.g. ${flag} 1mb` });
  const unit = (m[2] ?? 'b').toLowerCase();
  const factor = unit.startsWith('k') ? 1024 : unit.startsWith('m') ? 1024 * 1024 : unit.startsWith('g') ? 1024 * 1024 * 1024 : 1;
  const bytes = Number(m[1]) * factor;
  if (bytes < 1) throw new UsageError(`${flag} must be at least 1 byte`);
  if (!Number.isSafeInteger(bytes)) throw new UsageError(`${flag} "${String(raw)}" is too large`);
  return bytes;
}
