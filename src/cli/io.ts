import type { IO } from '../io/deps.js';
import { plainColor } from '../io/plain-color.js';

export type { IO };

export function colorLevel(isTTY: boolean, env: Readonly<Record<string, string | undefined>>): 0 | 1 | 2 | 3 {
  // https://no-color.org: any non-empty NO_COLOR disables colour.
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return 1;
  if (!isTTY || env.TERM === 'dumb') return 0;
  return env.COLORTERM === 'truecolor' ? 3 : 1;
}

/** The IO of the real process. chalk is loaded only if one of the streams gets colour. */
interface Stream {
  write(s: string): unknown;
  isTTY?: boolean;
  columns?: () => number | undefined;
}

export async function createIO(out: Stream, err: Stream, env: Readonly<Record<string, string | undefined>>): Promise<IO> {
  const isTTY = out.isTTY === true;
  const errIsTTY = err.isTTY === true;
  const levels = [colorLevel(isTTY, env), colorLevel(errIsTTY, env)] as const;
  const { Chalk } = levels.some((l) => l > 0) ? await import('chalk') : { Chalk: undefined };
  const painter = (level: 0 | 1 | 2 | 3): IO['color'] => (level === 0 || Chalk === undefined ? plainColor : new Chalk({ level }));
  const columns = (s: 'out' | 'err'): number | undefined => (s === 'out' ? out : err).columns?.();
  return { out, err, isTTY, errIsTTY, columns, color: painter(levels[0]), errColor: painter(levels[1]) };
}
