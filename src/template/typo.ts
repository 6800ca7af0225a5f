import { editDistance } from '../text/edit-distance.js';

/**
 * The valid name `target` was most likely meant to be, or undefined when none is close enough to suggest.
 * Close means: equal ignoring case and `-`/`_`, one containing the other (e.g. "expiration"), or within an edit
 * distance of about a third of the name.
 */
export function closest(target: string, candidates: readonly string[]): string | undefined {
  const norm = (s: string): string => s.toLowerCase().replace(/[-_\s]/g, '');
  const t = norm(target);
  if (t === '') return undefined;
  const same = candidates.find((c) => norm(c) === t);
  if (same !== undefined) return same;
  let best: { c: string; d: number } | undefined;
  for (const c of candidates) {
    const d = editDistance(t, norm(c));
    if (best === undefined || d < best.d) best = { c, d };
  }
  if (best !== undefined && best.d <= Math.max(2, Math.floor(Math.max(t.length, norm(best.c).length) / 3))) return best.c;
  if (t.length >= 4) {
    const containing = candidates.filter((c) => norm(c).includes(t) || t.includes(norm(c)));
    if (containing.length === 1) return containing[0];
  }
  return undefined;
}
