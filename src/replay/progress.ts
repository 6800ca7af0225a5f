import type { IO } from '../io/deps.js';
import type { ReplayStats } from './stats.js';

export interface Progress {
  stop(): void;
}

const WIDTH = 24;

/**
 * A progress line on stderr (sent / ok / failed / rate, and a bar when the total is known), drawn only when
 * stderr is a terminal and only once the run has lasted a second.
 */
export function startProgress(
  io: Pick<IO, 'err' | 'errIsTTY' | 'errColor'>,
  stats: ReplayStats,
  total: () => number | undefined,
  delayMs = 1000,
): Progress {
  if (!io.errIsTTY) return { stop() {} };
  const c = io.errColor;
  let drawn = false;
  const draw = (): void => {
    const sent = stats.sent;
    const secs = stats.elapsedMs() / 1000;
    const rate = secs > 0 ? Math.round(sent / secs) : 0;
    const all = total();
    let bar = '';
    if (all !== undefined && all > 0) {
      const filled = Math.min(WIDTH, Math.round((sent / all) * WIDTH));
      bar = `[${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}] ${String(Math.floor((sent / all) * 100)).padStart(3)}%  `;
    }
    const failed = stats.rejected + stats.errors;
    const text = `${bar}sent ${sent}${all !== undefined ? `/${all}` : ''}  ${c.green(`ok ${stats.accepted}`)}  ${failed ? c.red(`failed ${failed}`) : 'failed 0'}  ${rate}/s`;
    io.err.write(`\r\x1b[2K${text}`);
    drawn = true;
  };
  let timer: ReturnType<typeof setInterval> | undefined;
  const start = setTimeout(() => {
    draw();
    timer = setInterval(draw, 200);
  }, delayMs);
  return {
    stop() {
      clearTimeout(start);
      if (timer) clearInterval(timer);
      if (drawn) io.err.write('\r\x1b[2K');
    },
  };
}
