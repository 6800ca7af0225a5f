import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { exitCodeFor } from '../../src/cli/exit-codes.js';
import { collectSecrets } from '../../src/cli/redact.js';
import { redact } from '../../src/text/redact.js';
import { AuthError, CheckFailedError, ConnectError, GraphApiError, InputError, InterruptedError, UsageError } from '../../src/errors.js';
import { colorLevel } from '../../src/cli/io.js';
import { runCli } from '../helpers/cli.js';

describe('one exit-code contract', () => {
  it.each([
    [new CheckFailedError('x'), 1],
    [new UsageError('x'), 2],
    [new InputError('x'), 2],
    [new ConnectError('x'), 3],
    [new AuthError('x'), 4],
    [new GraphApiError('x'), 5],
    [new Error('bug'), 70],
    [new InterruptedError(), 130],
    [new CommanderError(1, 'commander.unknownOption', 'x'), 2],
    [new CommanderError(0, 'commander.helpDisplayed', 'x'), 0],
  ])('%s → %i', (err, code) => expect(exitCodeFor(err)).toBe(code));
});

describe('main', () => {
  it('--version and --help exit 0; help documents exit codes and environment', async () => {
    const v = await runCli(['--version']);
    expect([v.code, v.stdout.trim()]).toEqual([0, '0.1.0']);
    const h = await runCli(['--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('Exit codes:');
    expect(h.stdout).toContain('LEAD_KIT_APP_SECRET');
    expect(h.stdout).toMatch(/simulate \[options\] \[scenario\]/);
  });

  it('an unknown command is one line and exit 2, with a suggestion', async () => {
    const r = await runCli(['simulat']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^lead-kit: unknown command 'simulat'\n\(Did you mean simulate\?\)\n$/);
  });

  it('with --json, errors are a JSON document on stderr', async () => {
    const r = await runCli(['simulate', 'nope', '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(JSON.parse(r.stderr)).toMatchObject({ error: { code: 'USAGE', message: 'unknown scenario "nope"' } });
  });

  it('a Ctrl-C before the run ends gives 130', async () => {
    const ac = new AbortController();
    ac.abort();
    const r = await runCli(['simulate'], { signal: ac.signal });
    expect(r.code).toBe(130);
  });
});

describe('secrets', () => {
  it('are collected from flags (both forms) and the environment, and redacted', () => {
    const s = collectSecrets(['--app-secret', 'abcd1234', '--token=EAAB-token'], { LEAD_KIT_PAGE_TOKEN: 'EAAenv' });
    expect(redact('x abcd1234 EAAB-token EAAenv EAAB%2Dtoken', s)).toBe(
      'x <APP_SECRET> <PAGE_ACCESS_TOKEN> <PAGE_ACCESS_TOKEN> EAAB%2Dtoken',
    );
    expect(redact('q=' + encodeURIComponent('a b/c+d'), collectSecrets(['--token', 'a b/c+d'], {}))).toBe('q=<PAGE_ACCESS_TOKEN>');
  });
});

describe('colour', () => {
  it('is off off-TTY and with NO_COLOR, on with FORCE_COLOR', () => {
    expect(colorLevel(false, {})).toBe(0);
    expect(colorLevel(true, {})).toBeGreaterThan(0);
    expect(colorLevel(true, { NO_COLOR: '1' })).toBe(0);
    expect(colorLevel(false, { FORCE_COLOR: '1' })).toBe(1);
  });
});
