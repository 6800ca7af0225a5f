import { UsageError } from '../errors.js';

/** Parsers of flag values, shared by the option declarations and by `init`'s prompts. Each throws UsageError (exit 2). */

/** A whole number from `min` to `max`. */
export const int =
  (flag: string, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  (raw: string): number => {
    const s = raw.trim();
    if (!/^-?\d+$/.test(s) || Number(s) < min || Number(s) > max) {
      throw new UsageError(
        `${flag} "${raw}" must be a whole number${max === Number.MAX_SAFE_INTEGER ? ` ≥ ${min}` : ` from ${min} to ${max}`}`,
      );
    }
    return Number(s);
  };

/** A positive decimal number up to `max`. */
export const positive =
  (flag: string, what: string, max = Number.MAX_VALUE) =>
  (raw: string): number => {
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n) || n <= 0 || n > max) throw new UsageError(`${flag} "${raw}" must be ${what}`);
    return n;
  };

/** Digits only: Page ids, app ids, ad ids, PSIDs. */
export const digits =
  (flag: string, example = '1234567890') =>
  (raw: string): string => {
    const s = raw.trim();
    if (!/^\d+$/.test(s))
      throw new UsageError(`${flag} "${raw}" is not a numeric id`, { hint: `pass the digits only, e.g. ${flag} ${example}` });
    return s;
  };

/** An http(s) URL, returned in its normalized form. */
export function httpUrl(flag: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`${flag} "${raw}" is not a URL`, { hint: `write it in full, e.g. ${flag} http://127.0.0.1:3000/webhook` });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`${flag} "${raw}" must be an http:// or https:// URL`);
  return url.toString();
}

/** An app as `id` or `id:name` (`id=name`, the old --name form, is read too). */
export interface NamedApp {
  id: string;
  name?: string;
}

export function parseApp(flag: string, raw: string): NamedApp {
  const m = /^\s*(\d+)\s*(?:[:=](.*))?$/.exec(raw);
  if (!m?.[1])
    throw new UsageError(`${flag} "${raw}" must be <app-id> or <app-id>:<name>`, { hint: `e.g. ${flag} "263902037430900:Page Inbox"` });
  const name = m[2]?.trim();
  return name ? { id: m[1], name } : { id: m[1] };
}
