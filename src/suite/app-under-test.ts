import { spawn } from 'node:child_process';
import { connect } from 'node:net';
// Signalling the app's process group (a negative pid) needs kill(2); this module owns the child it signals.
import { kill as killPid } from 'node:process';
import { request, type Dispatcher } from 'undici';

/** How the app under test exited: a code, or the signal that ended it. */
export interface AppExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface AppProcess {
  pid: number | undefined;
  /** the last lines the app printed (stdout and stderr interleaved) */
  tail(): string[];
  /** set once the app has exited */
  exit(): AppExit | undefined;
  exited: Promise<AppExit>;
  /** SIGTERM to the app's whole process group, SIGKILL after `graceMs`; resolves when it has exited */
  stop(graceMs?: number): Promise<AppExit>;
}

export interface StartAppOptions {
  /** run through the shell, so `PORT=3000 node app.js` and `npm start` work */
  command: string;
  cwd: string;
  env: Record<string, string | undefined>;
  /** how many lines of output to keep @default 20 */
  keepLines?: number;
}

/**
 * Starts the app under test through the shell in its own process group, so stopping it also stops what the
 * shell started (`sh -c "node app.js"` leaves no orphan). Output is kept, not printed.
 */
export function startApp(o: StartAppOptions): AppProcess {
  const keep = o.keepLines ?? 20;
  const lines: string[] = [];
  let partial = '';
  const onData = (d: Buffer): void => {
    const parts = (partial + d.toString('utf8')).split(/\r?\n/);
    partial = parts.pop() ?? '';
    lines.push(...parts);
    if (lines.length > keep) lines.splice(0, lines.length - keep);
  };
  const child = spawn(o.command, { shell: true, cwd: o.cwd, env: o.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  let exit: AppExit | undefined;
  const exited = new Promise<AppExit>((resolve) => {
    child.on('error', (err) => {
      lines.push(`(could not start: ${err.message})`);
      exit ??= { code: 127, signal: null };
      resolve(exit);
    });
    child.on('close', (code, signal) => {
      exit ??= { code, signal };
      resolve(exit);
    });
  });
  const signalGroup = (sig: NodeJS.Signals): void => {
    if (child.pid === undefined) return;
    try {
      killPid(-child.pid, sig);
    } catch {
      // the group is gone already, or the platform has no process groups: signal the shell itself
      child.kill(sig);
    }
  };
  let stopping: Promise<AppExit> | undefined;
  return {
    pid: child.pid,
    tail: () => (partial === '' ? [...lines] : [...lines, partial].slice(-keep)),
    exit: () => exit,
    exited,
    stop(graceMs = 5000) {
      stopping ??= (async () => {
        if (exit !== undefined) {
          // the shell is gone, but what it started may not be
          signalGroup('SIGKILL');
          return exit;
        }
        signalGroup('SIGTERM');
        const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
        try {
          const e = await exited;
          signalGroup('SIGKILL');
          return e;
        } finally {
          clearTimeout(timer);
        }
      })();
      return stopping;
    },
  };
}

/** One attempt: does `url`'s host:port accept a TCP connection? */
function accepts(url: URL): Promise<boolean> {
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve) => {
    const s = connect({ host, port });
    const done = (ok: boolean): void => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(1000, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

/** One attempt: does `url` answer 2xx? */
async function answers2xx(url: string, dispatcher: Dispatcher | undefined, signal: AbortSignal): Promise<boolean> {
  try {
    const res = await request(url, {
      method: 'GET',
      signal: AbortSignal.any([signal, AbortSignal.timeout(2000)]),
      ...(dispatcher ? { dispatcher } : {}),
    });
    await res.body.dump();
    return res.statusCode >= 200 && res.statusCode < 300;
  } catch {
    return false;
  }
}

export type Readiness = { ready: true; ms: number } | { ready: false; why: 'timeout' | 'exited' | 'aborted'; ms: number };

/**
 * Polls until the app is ready: `readyUrl` answers 2xx, or else the webhook's host:port accepts connections.
 * Gives up when `timeoutMs` passes, the app exits, or `signal` fires.
 */
export async function waitUntilReady(
  app: AppProcess,
  o: { webhook: string; readyUrl?: string; timeoutMs: number; signal: AbortSignal; dispatcher?: Dispatcher },
): Promise<Readiness> {
  const started = Date.now();
  const ms = (): number => Date.now() - started;
  for (;;) {
    if (o.signal.aborted) return { ready: false, why: 'aborted', ms: ms() };
    if (app.exit() !== undefined) return { ready: false, why: 'exited', ms: ms() };
    const ok = o.readyUrl !== undefined ? await answers2xx(o.readyUrl, o.dispatcher, o.signal) : await accepts(new URL(o.webhook));
    if (ok && app.exit() === undefined) return { ready: true, ms: ms() };
    if (ms() >= o.timeoutMs) return { ready: false, why: 'timeout', ms: ms() };
    await Promise.race([new Promise((r) => setTimeout(r, 100)), app.exited]);
  }
}
