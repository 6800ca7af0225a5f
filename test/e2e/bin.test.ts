import { describe, expect, it } from 'vitest';
import { runBin, spawnBin } from '../helpers/bin.js';

// These spawn the built binary (npm test builds first), as a user's shell would run it.
describe('the lead-kit binary', () => {
  it('`lead-kit simulate` runs the whole flow on its embedded default and exits 0, without colour on a pipe', async () => {
    const r = await runBin(['simulate']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✓ 3/3 deliveries accepted');
    expect(r.stdout).not.toMatch(/\x1b\[/);
  });

  it('`--json` output parses as one document', async () => {
    const r = await runBin(['simulate', 'no-app', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).scenario).toBe('no-app');
  });

  it('FORCE_COLOR colours, NO_COLOR wins over it', async () => {
    expect((await runBin(['simulate'], { env: { FORCE_COLOR: '1' } })).stdout).toMatch(/\x1b\[/);
    expect((await runBin(['simulate'], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).stdout).not.toMatch(/\x1b\[/);
  });

  it('Ctrl-C during a run stops it cleanly with exit 130', async () => {
    const bin = spawnBin(['simulate', '--delay', '10000']);
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (bin.stdout().includes(' 1 handover')) {
          clearInterval(poll);
          resolve();
        }
      }, 10);
    });
    bin.child.kill('SIGINT');
    const { code, stdout: out } = await bin.exited;
    expect(code).toBe(130);
    expect(out).not.toContain(' 2 summary');
  });

  it('errors are one line without a stack; --debug adds the stack', async () => {
    const r = await runBin(['simulate', '--endpoint', 'http://127.0.0.1:1/webhook', '--app-secret', 'abcd']);
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    const d = await runBin(['simulate', 'bogus', '--debug']);
    expect(d.code).toBe(2);
    expect(d.stderr).toMatch(/unknown scenario[^\n]*\n[\s\S]*\n\s+at /);
    // The stack names lead-kit's TypeScript sources (source maps), not the bundle it runs from.
    expect(d.stderr).toMatch(/\(\S*[\\/]src[\\/]cli[\\/]options\.ts:\d+:\d+\)/);
    expect(d.stderr).not.toContain('dist/bundle');
  });
});
