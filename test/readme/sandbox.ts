import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../helpers/ports.js';
import type { Example } from './examples.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/lead-kit.cjs');
const FILES = fileURLToPath(new URL('./files/', import.meta.url));

/** The defaults the README relies on: `lead-kit mock` on 4010, `lead-kit listen` (and "your app") on 3000. */
const MOCK_PORT = 4010;
const APP_PORT = 3000;

/** The values behind the README's `$APP_SECRET`, `$VERIFY_TOKEN`, `$PAGE_TOKEN` and `$APP_TOKEN`. */
export const SECRETS = {
  APP_SECRET: 'readme-app-secret-5f1c0e',
  VERIFY_TOKEN: 'readme-verify-token-9b27',
  PAGE_TOKEN: 'lead-kit-demo-page-token',
  APP_TOKEN: 'lead-kit-demo-page-token',
};

export interface Outcome {
  command: string;
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * A reader's project folder and terminal: the README's sample files, `lead-kit` and `npx lead-kit` on PATH
 * (the built bin), and the README's fixed ports mapped to free ones so the examples never collide with
 * anything else on the machine.
 */
export class Sandbox {
  private readonly root = mkdtempSync(join(tmpdir(), 'lead-kit-readme-'));
  private readonly shims = join(this.root, '.bin');
  /** this block's project folder: a fresh copy of the sample files */
  private dir = this.root;
  private ports = new Map<number, number>();
  private env: Record<string, string> = {};
  private running: Array<{ child: ChildProcess; exited: Promise<unknown> }> = [];

  constructor() {
    mkdirSync(this.shims);
    for (const name of ['lead-kit', 'npx']) {
      const file = join(this.shims, name);
      writeFileSync(file, shim(name));
      chmodSync(file, 0o755);
    }
  }

  /** A new block: a new terminal (no exports, no servers) with new ports. */
  async beginBlock(examples: readonly Example[]): Promise<string[]> {
    await this.endBlock();
    this.ports = new Map();
    this.env = {};
    this.dir = mkdtempSync(join(this.root, 'project-'));
    cpSync(FILES, this.dir, { recursive: true });
    const readme = new Set<number>();
    for (const ex of examples) for (const m of ex.command.matchAll(/(?:127\.0\.0\.1|localhost):(\d+)/g)) readme.add(Number(m[1]));
    const flagged = examples.flatMap((ex) => [...ex.command.matchAll(/--(?:port|mock)[ =](\d+)/g)].map((m) => Number(m[1])));
    for (const p of new Set([MOCK_PORT, APP_PORT, ...readme, ...flagged])) if (p !== 0) this.ports.set(p, await freePort());
    // "Your app" on a port the block talks to but starts nothing on: a careful receiver (lead-kit listen).
    const served = new Set(
      examples
        .filter((e) => !e.skip)
        .map((e) => servedPort(e.command))
        .filter((p) => p !== undefined),
    );
    const standIns: string[] = [];
    for (const p of readme) {
      if (served.has(p) || p === 0) continue;
      const args =
        p === MOCK_PORT
          ? ['mock', '--port', String(this.map(p))]
          : ['listen', '--port', String(this.map(p)), '--app-secret', SECRETS.APP_SECRET, '--verify-token', SECRETS.VERIFY_TOKEN];
      await this.background(`lead-kit ${args.join(' ')}`, this.map(p));
      standIns.push(`${p === MOCK_PORT ? 'lead-kit mock' : 'lead-kit listen (as your app)'} on :${p}`);
    }
    return standIns;
  }

  async endBlock(): Promise<void> {
    const all = this.running;
    this.running = [];
    for (const r of all) killGroup(r.child, 'SIGINT');
    const timer = setTimeout(() => all.forEach((r) => killGroup(r.child, 'SIGKILL')), 5_000);
    await Promise.all(all.map((r) => r.exited));
    clearTimeout(timer);
  }

  async close(): Promise<void> {
    await this.endBlock();
    rmSync(this.root, { recursive: true, force: true });
  }

  /** The example as it runs here: README ports replaced by this block's free ports, default ports made explicit. */
  rewrite(command: string): string {
    let c = command.replace(/(127\.0\.0\.1|localhost):(\d+)/g, (_, host: string, p: string) => `${host}:${this.map(Number(p))}`);
    c = c.replace(/--port[ =](\d+)/g, (all, p: string) => (p === '0' ? all : `--port ${this.map(Number(p))}`));
    c = c.replace(
      /\b(lead-kit (?:mock|listen))\b(?![^|&;]*--port)/g,
      (all, cmd: string) => `${all} --port ${this.map(cmd.endsWith('mock') ? MOCK_PORT : APP_PORT)}`,
    );
    c = c.replace(/--mock(?= --|$| \|)/g, `--mock ${this.map(MOCK_PORT)}`);
    return c;
  }

  /** Runs one example to its end, or (a server) until it is ready, then stops it as Ctrl-C would. */
  async run(ex: Example): Promise<Outcome> {
    const command = this.rewrite(ex.command);
    const exported = /^export\s+(.*)$/.exec(command);
    if (exported) {
      for (const m of exported[1]!.matchAll(/(\w+)=("[^"]*"|\S+)/g)) this.env[m[1]!] = m[2]!.replace(/^"|"$/g, '');
      return { command, code: 0, stdout: '', stderr: '' };
    }
    const readmePort = servedPort(ex.command);
    const port = readmePort === undefined || readmePort === 0 ? readmePort : this.map(readmePort);
    const graph =
      /\blead-kit (page|thread|doctor|leads|events|template validate\b.*--page-id)\b/.test(command) && !/--dry-run/.test(command);
    if (graph && !/127\.0\.0\.1/.test(command) && !this.env.LEAD_KIT_GRAPH_URL) {
      return {
        command,
        code: null,
        stdout: '',
        stderr:
          'README test: this example would call https://graph.facebook.com — point it at lead-kit mock (LEAD_KIT_GRAPH_URL or --graph-url) or mark it "# needs Meta"',
      };
    }
    if (ex.background) {
      await this.background(command, port);
      return { command, code: 0, stdout: '', stderr: '' };
    }
    const child = this.spawn(command);
    const out = collect(child);
    const isServer = /\blead-kit (mock|listen)\b/.test(command) && !/--help/.test(command);
    const killer = setTimeout(() => killGroup(child, 'SIGKILL'), 30_000);
    if (isServer) {
      await waitReady(port, out, 10_000);
      await sleep(500); // let a --scenario finish its deliveries, as a reader watching it would
      killGroup(child, 'SIGINT');
    }
    const code = await out.exited;
    clearTimeout(killer);
    return { command, code, stdout: out.stdout(), stderr: out.stderr() };
  }

  private map(p: number): number {
    const got = this.ports.get(p);
    if (got === undefined) throw new Error(`README port ${p} was not reserved for this block`);
    return got;
  }

  private async background(command: string, port: number | undefined): Promise<void> {
    const child = this.spawn(command);
    const out = collect(child);
    this.running.push({ child, exited: out.exited });
    await waitReady(port, out, 15_000);
  }

  private spawn(command: string): ChildProcess {
    return spawn('bash', ['-o', 'pipefail', '-c', command], {
      cwd: this.dir,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: `${this.shims}:${process.env.PATH ?? ''}`,
        HOME: this.dir,
        CI: 'true',
        PORT: String(this.map(APP_PORT)),
        ...SECRETS,
        ...this.env,
      },
    });
  }
}

/** The port a command listens on, when it starts a server: `--port N`, `--mock N`, the defaults, or "your app". */
export function servedPort(command: string): number | undefined {
  const explicit = /--port[ =](\d+)/.exec(command) ?? /--mock (\d+)/.exec(command);
  if (/\blead-kit mock\b/.test(command)) return explicit ? Number(explicit[1]) : MOCK_PORT;
  if (/\blead-kit listen\b/.test(command)) return explicit ? Number(explicit[1]) : APP_PORT;
  if (/--mock\b/.test(command)) return explicit ? Number(explicit[1]) : MOCK_PORT;
  if (/\bnode app\.js\b/.test(command)) return APP_PORT;
  return undefined;
}

function shim(name: string): string {
  const run = `exec "${process.execPath}" "${BIN}" "$@"`;
  if (name === 'lead-kit') return `#!/bin/sh\n${run}\n`;
  return `#!/bin/sh\nif [ "$1" = lead-kit ]; then shift; ${run}; fi\necho "README test: only 'npx lead-kit' is available here" >&2\nexit 127\n`;
}

function collect(child: ChildProcess): { stdout(): string; stderr(): string; exited: Promise<number | null> } {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 + (signal === 'SIGINT' ? 2 : 9) : null))),
  );
  return { stdout: () => stdout, stderr: () => stderr, exited };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}

async function waitReady(
  port: number | undefined,
  out: { stdout(): string; stderr(): string; exited: Promise<unknown> },
  ms: number,
): Promise<void> {
  const deadline = Date.now() + ms;
  let ended = false;
  void out.exited.then(() => (ended = true));
  while (Date.now() < deadline && !ended) {
    if (port !== undefined && port !== 0 ? await accepts(port) : /127\.0\.0\.1:\d+/.test(out.stdout() + out.stderr())) return;
    await sleep(50);
  }
  if (!ended) throw new Error(`not ready within ${ms} ms${port ? ` on port ${port}` : ''}:\n${out.stderr()}`);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
