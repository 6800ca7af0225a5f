import { Chalk } from 'chalk';
import type { IO } from '../io/deps.js';

export type { IO };

export function colorLevel(isTTY: boolean, env: Readonly<Record<string, string | undefined>>): 0 | 1 | 2 | 3 {
  // https://no-color.org: any non-empty NO_COLOR disables colour.
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return 1;
  if (!isTTY || env.TERM === 'dumb') return 0;
  return env.COLORTERM === 'truecolor' ? 3 : 1;
}

export function createIO(
  out: { write(s: string): unknown; isTTY?: boolean },
  err: { write(s: string): unknown; isTTY?: boolean },
  env: Readonly<Record<string, string | undefined>>,
): IO {
  const isTTY = out.isTTY === true;
  const errIsTTY = err.isTTY === true;
  return {
    out,
    err,
    isTTY,
    errIsTTY,
    color: new Chalk({ level: colorLevel(isTTY, env) }),
    errColor: new Chalk({ level: colorLevel(errIsTTY, env) }),
  };
}
