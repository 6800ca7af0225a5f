import { editDistance } from '../text/edit-distance.js';
import { escapePointerToken } from './locate.js';

/** Every JSON pointer (RFC 6901) in `value`, the root "" excluded. */
export function listPointers(value: unknown, prefix = ''): string[] {
  const out: string[] = [];
  const walk = (v: unknown, p: string): void => {
    if (Array.isArray(v))
      v.forEach((x, i) => {
        out.push(`${p}/${i}`);
        walk(x, `${p}/${i}`);
      });
    else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        const child = `${p}/${escapePointerToken(k)}`;
        out.push(child);
        walk(x, child);
      }
    }
  };
  walk(value, prefix);
  return out;
}

function tokens(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new PointerError(`"${pointer}" is not a JSON pointer: it must start with /`, []);
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export class PointerError extends Error {
  constructor(
    message: string,
    readonly suggestions: string[],
  ) {
    super(message);
    this.name = 'PointerError';
  }
}

/** The `count` candidates closest to `target` by edit distance. */
export function nearest(target: string, candidates: readonly string[], count = 3): string[] {
  return [...candidates]
    .map((c) => ({ c, d: editDistance(target, c) }))
    .sort((x, y) => x.d - y.d || x.c.localeCompare(y.c))
    .slice(0, count)
    .map((x) => x.c);
}

/**
 * Replaces the value at an existing `pointer` in place. A pointer that does not exist is an error that
 * names the nearest valid pointers: an override must never be dropped silently.
 */
export function setExisting(root: unknown, pointer: string, value: unknown): void {
  const path = tokens(pointer);
  if (path.length === 0) throw new PointerError('cannot replace the whole document', []);
  let node: unknown = root;
  for (let i = 0; i < path.length; i++) {
    const t = path[i]!;
    const last = i === path.length - 1;
    const container = node as Record<string, unknown> | unknown[];
    const exists = Array.isArray(container)
      ? /^(0|[1-9]\d*)$/.test(t) && Number(t) < container.length
      : container !== null && typeof container === 'object' && Object.hasOwn(container, t);
    if (!exists) throw new PointerError(`${pointer} does not exist in this payload`, nearest(pointer, listPointers(root)));
    if (last) {
      if (Array.isArray(container)) container[Number(t)] = value;
      else (container as Record<string, unknown>)[t] = value;
      return;
    }
    node = Array.isArray(container) ? container[Number(t)] : (container as Record<string, unknown>)[t];
  }
}

/** Parses the value of `--set /pointer=value`: JSON when it parses as JSON, otherwise the plain string. */
export function parseSetValue(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}
