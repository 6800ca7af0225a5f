import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('simulate --duplicate <step>', () => {
  it('a step past the flow is exit 2 with the flow length, before anything is sent', async () => {
    const r = await runCli(['simulate', '--duplicate', '9']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('lead-kit: --duplicate 9: the complete flow has 3 deliveries — pass a step from 1 to 3\n');
    const incomplete = await runCli(['simulate', 'incomplete', '--duplicate', '3', '--json']);
    expect(incomplete.code).toBe(2);
    expect(JSON.parse(incomplete.stderr)).toEqual({
      error: { code: 'USAGE', message: '--duplicate 3: the incomplete flow has 2 deliveries', hint: 'pass a step from 1 to 2' },
    });
  });

  it('the last step is delivered twice', async () => {
    const r = await runCli(['simulate', '--duplicate', '3', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { deliveries: Array<{ step: number; duplicate?: boolean }> };
    expect(doc.deliveries.map((d) => d.step)).toEqual([1, 2, 3, 3]);
    expect(doc.deliveries[3]!.duplicate).toBe(true);
  });
});
