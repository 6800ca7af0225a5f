import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnBin } from '../helpers/bin.js';
import { SECRET, startEndpoint, tempDir, waitFor, type TestEndpoint } from './support.js';

let ep: TestEndpoint | undefined;
afterEach(async () => {
  await ep?.close();
  ep = undefined;
});

// Spawns the BUILT bin (npm test builds first) and interrupts it with a real SIGINT.
describe('lead-kit replay: Ctrl-C', () => {
  it('stops sending, waits for the requests in flight, prints the summary and exits 130', async () => {
    ep = await startEndpoint((_req, _b, res) => setTimeout(() => res.end('EVENT_RECEIVED'), 40));
    const file = join(tempDir(), 'lead.json');
    writeFileSync(file, '{"object":"page","entry":[]}');
    const bin = spawnBin(['replay', file, '--endpoint', ep.url, '--repeat', '100000', '--concurrency', '4', '--json'], {
      env: { LEAD_KIT_APP_SECRET: SECRET },
    });
    await waitFor(() => ep!.received.length >= 20, 10_000);
    bin.child.kill('SIGINT');
    const { code, stdout, stderr } = await bin.exited;
    expect(code).toBe(130);
    const summary = JSON.parse(stdout) as { sent: number; accepted: number; errors: number; interrupted: boolean };
    expect(summary.interrupted).toBe(true);
    // nothing was abandoned: every request the endpoint got was answered and counted
    expect(summary.sent).toBe(ep.received.length);
    expect(summary.accepted).toBe(summary.sent);
    expect(summary.errors).toBe(0);
    expect(stdout + stderr).not.toContain(SECRET);
  });
});
