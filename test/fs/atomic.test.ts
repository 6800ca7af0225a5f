import { spawn } from 'node:child_process';
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeOutput } from '../../src/fs/atomic.js';
import { LeadKitError } from '../../src/errors.js';
import { runCli } from '../helpers/cli.js';
import { startMockGraph } from '../../src/mock/server.js';
import { DEMO } from '../../src/mock/demo.js';
import { tempDir } from '../replay/support.js';

async function failure(p: Promise<unknown>): Promise<LeadKitError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof LeadKitError) return err;
    throw err;
  }
  throw new Error('expected a failure');
}

describe('writeOutput (issue 13 item 8, issue 11 write paths)', () => {
  it('writes through a symlink into its target and keeps the symlink', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'real.csv'), 'old');
    symlinkSync('real.csv', join(dir, 'link.csv'));
    await writeOutput(join(dir, 'link.csv'), 'new', '--out');
    expect(lstatSync(join(dir, 'link.csv')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'link.csv'))).toBe('real.csv');
    expect(readFileSync(join(dir, 'real.csv'), 'utf8')).toBe('new');
  });

  it("keeps the target's mode (0600 stays 0600)", async () => {
    const dir = tempDir();
    const file = join(dir, 'leads.csv');
    writeFileSync(file, 'old');
    chmodSync(file, 0o600);
    await writeOutput(file, 'new', '--out');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe('new');
  });

  it('writes a non-regular target (a FIFO) directly instead of replacing it', async () => {
    const dir = tempDir();
    const fifo = join(dir, 'pipe');
    await new Promise<void>((resolve, reject) =>
      spawn('mkfifo', [fifo]).on('exit', (c) => (c === 0 ? resolve() : reject(new Error('mkfifo')))),
    );
    let got = '';
    const reader = new Promise<void>((resolve) => {
      const cat = spawn('cat', [fifo]);
      cat.stdout.on('data', (d: Buffer) => (got += d.toString()));
      cat.on('exit', () => resolve());
    });
    await writeOutput(fifo, 'through the pipe', '--out');
    await reader;
    expect(got).toBe('through the pipe');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('--out /dev/stdout writes into the pipe and leaves the /dev/stdout link alone', async () => {
    const { runBin } = await import('../helpers/bin.js');
    const mock = await startMockGraph();
    try {
      await fetch(`${mock.url}/__lead-kit/lead-flow`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
      const r = await runBin([
        'leads',
        '--graph-url',
        mock.url,
        '--token',
        DEMO.token,
        '--page-id',
        DEMO.pageId,
        '--format',
        'csv',
        '--rate',
        '100',
        '--out',
        '/dev/stdout',
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^psid,/);
      expect(lstatSync('/dev/stdout').isSymbolicLink()).toBe(true);
    } finally {
      await mock.close();
    }
  });

  it('removes temp files a killed lead-kit left behind (its own naming only)', async () => {
    const dir = tempDir();
    const file = join(dir, 'leads.csv');
    const old = new Date(Date.now() - 10 * 60_000);
    writeFileSync(join(dir, '.leads.csv.lead-kit-0123456789ab.tmp'), 'lead data');
    utimesSync(join(dir, '.leads.csv.lead-kit-0123456789ab.tmp'), old, old);
    // a write in progress elsewhere (fresh), and another tool's file: both kept
    writeFileSync(join(dir, '.leads.csv.lead-kit-fedcba987654.tmp'), 'in progress');
    writeFileSync(join(dir, '.leads.csv.other-tool.tmp'), 'not ours');
    utimesSync(join(dir, '.leads.csv.other-tool.tmp'), old, old);
    await writeOutput(file, 'new', '--out');
    expect(readdirSync(dir).sort()).toEqual(['.leads.csv.lead-kit-fedcba987654.tmp', '.leads.csv.other-tool.tmp', 'leads.csv']);
  });

  it('a missing directory, a directory as target, an unwritable directory: exit 2 in plain words', async () => {
    const missing = await failure(writeOutput('/nonexistent/x.csv', 'x', '--out'));
    expect(missing.exitCode).toBe(2);
    expect(missing.message).toBe('cannot write --out /nonexistent/x.csv: the directory /nonexistent does not exist');
    const dir = tempDir();
    const isDir = await failure(writeOutput(dir, 'x', '--out'));
    expect(isDir.exitCode).toBe(2);
    expect(isDir.message).toMatch(/is a directory/);
    if (process.getuid?.() !== 0) {
      const ro = join(dir, 'ro');
      mkdirSync(ro, 0o500);
      const denied = await failure(writeOutput(join(ro, 'x.csv'), 'x', '--out'));
      expect(denied.exitCode).toBe(2);
      expect(denied.message).toMatch(/permission denied/);
    }
  });
});

describe('commands given a path they cannot write (issue 11)', () => {
  it('init --config /nonexistent/dir/x.json is exit 2, not 70', async () => {
    const r = await runCli(['init', '--config', '/nonexistent/dir/x.json', '--yes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write --config \/nonexistent\/dir\/x\.json: the directory \/nonexistent\/dir does not exist/);
    expect(r.stderr).not.toMatch(/internal error/);
  });

  it('leads --out <directory> and --out /nonexistent/x.csv are exit 2', async () => {
    const mock = await startMockGraph();
    try {
      await fetch(`${mock.url}/__lead-kit/lead-flow`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
      const base = ['leads', '--graph-url', mock.url, '--token', DEMO.token, '--page-id', DEMO.pageId, '--format', 'csv', '--rate', '100'];
      const dir = tempDir();
      const toDir = await runCli([...base, '--out', dir]);
      expect(toDir.code, toDir.stderr).toBe(2);
      expect(toDir.stderr).toMatch(/is a directory/);
      const missing = await runCli([...base, '--out', '/nonexistent/x.csv']);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/does not exist/);
      const ok = await runCli([...base, '--out', join(dir, 'leads.csv')]);
      expect(ok.code, ok.stderr).toBe(0);
      expect(readFileSync(join(dir, 'leads.csv'), 'utf8')).toMatch(/^psid,/);
    } finally {
      await mock.close();
    }
  });

  it('--answers <directory> says so in plain words (exit 2)', async () => {
    const r = await runCli(['webhook', 'referral', '--answers', tempDir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read --answers .*: it is a directory/);
  });
});
