import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createTestIO } from '../helpers/deps.js';
import { EXAMPLE_APP_DIR, FIXTURES, FOUR_CASES, parseXml, writeSuite } from './helpers.js';

const env = { PATH: process.env.PATH, HOME: process.env.HOME };

/** The process exists and is not a zombie (an orphan reparented to a container's PID 1 may stay one for a while). */
const alive = (pid: number): boolean => {
  try {
    if (/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))) return false;
  } catch {
    // no /proc (or no such process): ask kill(0)
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('lead-kit test against the example app', () => {
  it('passes the four-case suite (exit 0): one line per case, then "4 passed, 0 failed"; JUnit parsed back', async () => {
    const { dir } = await writeSuite({ command: 'node app.js', cwd: EXAMPLE_APP_DIR, cases: FOUR_CASES });
    const r = await runCli(['test', 'lead-kit.test.json', '--reporter', 'junit', '--output', 'report.xml'], { cwd: dir, env });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    for (const c of FOUR_CASES) expect(r.stdout).toMatch(new RegExp(` ✓ ${c.name.replace(/[()]/g, '\\$&')}  \\d+ ms`));
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('4 passed, 0 failed');
    expect(r.stderr).toMatch(/mock Graph API on http:\/\/127\.0\.0\.1:\d+; starting `node app\.js`/);
    const xml = parseXml(readFileSync(join(dir, 'report.xml'), 'utf8'));
    const suites = xml.children[0]!;
    expect(suites.name).toBe('testsuites');
    const suite = suites.children[0]!;
    expect(suite.attrs).toMatchObject({ name: 'lead-kit.test.json', tests: '4', failures: '0' });
    expect(suite.children.map((c) => c.attrs.name)).toEqual(FOUR_CASES.map((c) => c.name));
    expect(suite.children.every((c) => c.name === 'testcase' && c.children.length === 0 && Number(c.attrs.time) >= 0)).toBe(true);
  });

  it('isolation: an app that remembers whom it answered passes case 2 with the same inputs as case 1; a shared psid breaks it', async () => {
    const twice = [
      { name: 'first lead', scenario: 'complete', expect: ['reply:once'] },
      { name: 'second lead', scenario: 'complete', expect: ['reply:once'] },
    ];
    const fresh = await writeSuite({ command: 'node app.js', cwd: EXAMPLE_APP_DIR, cases: twice });
    const ok = await runCli(['test'], { cwd: fresh.dir, env });
    expect(ok.code, ok.stdout).toBe(0);
    expect(ok.stdout).toContain('2 passed, 0 failed');
    // The same person twice: the app (rightly) does not greet them again, so the second case sees no reply.
    const shared = await writeSuite({
      command: 'node app.js',
      cwd: EXAMPLE_APP_DIR,
      cases: twice.map((c) => ({ ...c, psid: '1234567890123456' })),
    });
    const bad = await runCli(['test'], { cwd: shared.dir, env });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/ ✓ first lead/);
    expect(bad.stdout).toMatch(/ ✗ second lead/);
    expect(bad.stdout).toContain('1 passed, 1 failed');
  });

  it('gives the app LEAD_KIT_* and app.env with placeholders filled in; no generated secret is printed', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'lead-kit-env-')), 'env.json');
    const { dir, port } = await writeSuite({
      command: 'node "$FIXTURE"',
      cwd: EXAMPLE_APP_DIR,
      env: {
        FIXTURE: join(FIXTURES, 'env-app.js'),
        ENV_OUT: out,
        FB_TOKEN: 'Bearer {page_token}',
        MIXED: '{page_id}/{app_id} at {graph_url}',
      },
      cases: [{ name: 'a lead', expect: ['reply:once'] }],
    });
    const r = await runCli(['test', '--json'], { cwd: dir, env });
    expect(r.code, r.stderr).toBe(0);
    const seen = JSON.parse(readFileSync(out, 'utf8')) as { pid: number; env: Record<string, string> };
    const e = seen.env;
    expect(e.LEAD_KIT_GRAPH_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(e.LEAD_KIT_GRAPH_URL).not.toBe(`http://127.0.0.1:${port}`);
    expect(e.GRAPH_API_URL).toBe(e.LEAD_KIT_GRAPH_URL);
    expect(e.FB_TOKEN).toBe(`Bearer ${e.LEAD_KIT_PAGE_TOKEN}`);
    expect(e.PAGE_ACCESS_TOKEN).toBe(e.LEAD_KIT_PAGE_TOKEN);
    expect(e.APP_SECRET).toBe(e.LEAD_KIT_APP_SECRET);
    expect(e.VERIFY_TOKEN).toBe(e.LEAD_KIT_VERIFY_TOKEN);
    expect(e.MIXED).toBe(`${e.LEAD_KIT_PAGE_ID}/${e.LEAD_KIT_APP_ID} at ${e.LEAD_KIT_GRAPH_URL}`);
    expect(e.LEAD_KIT_APP_SECRET).toMatch(/^[0-9a-f]{32}$/);
    expect(e.PORT).toBe(String(port));
    expect(e.PATH).toBe(process.env.PATH);
    for (const secret of [e.LEAD_KIT_APP_SECRET!, e.LEAD_KIT_PAGE_TOKEN!, e.LEAD_KIT_VERIFY_TOKEN!])
      expect(r.stdout + r.stderr).not.toContain(secret);
    // --json: one event per case, then the summary
    const events = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; name?: string; status?: string; passed?: number; ok?: boolean });
    expect(events.map((x) => x.type)).toEqual(['case', 'summary']);
    expect(events[0]).toMatchObject({ name: 'a lead', status: 'passed' });
    expect(events[1]).toMatchObject({ passed: 1, failed: 0, ok: true });
    expect(alive(seen.pid)).toBe(false);
  });
});

describe('lead-kit test against a broken app', () => {
  it('exits 1 and the JUnit report names every failing case with its diff; GITHUB_ACTIONS adds ::error lines', async () => {
    const { dir } = await writeSuite({
      command: `node ${JSON.stringify(join(FIXTURES, 'broken-app.js'))}`,
      cwd: EXAMPLE_APP_DIR,
      cases: FOUR_CASES,
      defaults: { expect_within_ms: 1500 },
    });
    const r = await runCli(['test', '--reporter', 'junit', '--output', 'out/../lead-kit.xml'], {
      cwd: dir,
      env: { ...env, GITHUB_ACTIONS: 'true' },
    });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('0 passed, 4 failed');
    // reply:once fails on the double reply, listing the replies
    expect(r.stdout).toMatch(/✗ reply:once\s+expected exactly one Send API message/);
    expect(r.stdout).toMatch(/#\d+ POST \/v26\.0\/me\/messages → 200 \(\d replies: deduplicate retried and duplicated deliveries\)/);
    expect(r.stdout).toMatch(
      /::error file=lead-kit\.test\.json,title=lead-kit test%3A complete lead%3A one reply despite a retry%2C then passed on::/,
    );
    const suite = parseXml(readFileSync(join(dir, 'lead-kit.xml'), 'utf8')).children[0]!.children[0]!;
    expect(suite.attrs).toMatchObject({ tests: '4', failures: '4' });
    const failures = suite.children.map((c) => ({ name: c.attrs.name, failure: c.children.find((x) => x.name === 'failure') }));
    expect(failures.map((f) => f.name)).toEqual(FOUR_CASES.map((c) => c.name));
    expect(failures.every((f) => f.failure !== undefined)).toBe(true);
    expect(failures[0]!.failure!.text).toContain('reply:once');
    expect(failures[1]!.failure!.attrs.message).toMatch(/^release: expected release control/);
    expect(failures[1]!.failure!.text).toMatch(/nearest #\d+ POST \/v26\.0\/me\/messages\n\s+action\s+expected release, got send/);
    expect(failures[2]!.failure!.text).toMatch(/sent while the Leadgen app owned the thread/);
    expect(failures[3]!.failure!.text).toMatch(/tampered body \(an answer changed after signing\): answered 200/);
  });
});

describe('lead-kit test: the app process', () => {
  it('never ready: exit 3 with the last lines of its output', async () => {
    const { dir } = await writeSuite({
      command: `node -e "for (let i = 1; i <= 25; i++) console.log('boot line ' + i); setInterval(() => {}, 1000)"`,
      cwd: EXAMPLE_APP_DIR,
      cases: [{ name: 'x' }],
      app: { ready_timeout_ms: 1500 },
    });
    const r = await runCli(['test'], { cwd: dir, env });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/the app did not become ready within 1500 ms \(http:\/\/127\.0\.0\.1:\d+\/webhook refused connections\)/);
    expect(r.stderr).toContain('last 20 lines of the app');
    expect(r.stderr).toContain('| boot line 25');
    expect(r.stderr).toContain('| boot line 6');
    expect(r.stderr).not.toContain('| boot line 5\n');
  });

  it('exits before ready: exit 3, says how it exited', async () => {
    const { dir } = await writeSuite({
      command: `node -e "console.error('missing config'); process.exit(4)"`,
      cwd: EXAMPLE_APP_DIR,
      cases: [{ name: 'x' }],
    });
    const r = await runCli(['test'], { cwd: dir, env });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('the app exited with code 4 before it became ready');
    expect(r.stderr).toContain('| missing config');
  });

  it('crashing mid-suite: the case fails, the rest do not run, exit 3 with its output', async () => {
    const { dir } = await writeSuite({
      command: `node ${JSON.stringify(join(FIXTURES, 'crash-app.js'))}`,
      cwd: EXAMPLE_APP_DIR,
      cases: [{ name: 'signature defences', verify: true }, { name: 'the lead that kills it', expect: ['reply'] }, { name: 'never runs' }],
      defaults: { expect_within_ms: 1000 },
    });
    const r = await runCli(['test', '--reporter', 'junit', '--output', 'r.xml'], { cwd: dir, env });
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/✗ the lead that kills it/);
    expect(r.stdout).toContain('the app exited with code 9 during this case');
    expect(r.stdout).toContain('| crash-app: giving up on the handover');
    expect(r.stdout).not.toContain('never runs');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(/\d passed, \d failed, 1 not run/);
    const suite = parseXml(readFileSync(join(dir, 'r.xml'), 'utf8')).children[0]!.children[0]!;
    expect(suite.children.find((c) => c.attrs.name === 'never runs')!.children[0]!.name).toBe('skipped');
  });

  it('Ctrl-C: stops the app (no orphan behind the shell) and the mock, reports what ran, exits 130', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'lead-kit-env-')), 'env.json');
    const { dir } = await writeSuite({
      // `&& true` keeps the shell alive as the app's parent: stopping only the shell would orphan node
      command: `node "$FIXTURE" && true`,
      cwd: EXAMPLE_APP_DIR,
      env: { FIXTURE: join(FIXTURES, 'env-app.js'), ENV_OUT: out },
      cases: [{ name: 'quick', verify: true }, { name: 'long wait', expect: ['reply:once'], expect_within_ms: 60000 }, { name: 'after' }],
    });
    const ac = new AbortController();
    const io = createTestIO();
    const running = runCli(['test', '--reporter', 'tap'], { cwd: dir, env, signal: ac.signal, io });
    // wait until the first case has reported, then press Ctrl-C during the second's 60 s window
    const deadline = Date.now() + 30_000;
    while (!io.stdout().includes('ok 1 - quick') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300));
    ac.abort();
    const r = await running;
    expect(r.code).toBe(130);
    expect(r.stdout).toMatch(/^TAP version 13\n1\.\.3\nok 1 - quick/);
    expect(r.stdout).toMatch(/not ok 2 - long wait # SKIP interrupted/);
    expect(r.stdout).toMatch(/ok 3 - after # SKIP interrupted/);
    expect(r.stderr).toContain('interrupted (Ctrl-C)');
    const { pid } = JSON.parse(readFileSync(out, 'utf8')) as { pid: number };
    expect(alive(pid)).toBe(false);
  });
});
