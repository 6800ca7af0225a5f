import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { placeholderSecrets } from '../../src/mock/config.js';
import { spawnBin } from '../helpers/bin.js';

describe('mock config: a placeholder secret', () => {
  it('is named with its JSON path', () => {
    const got = placeholderSecrets({
      apps: [
        { id: '1', name: 'a', secret: 'real-secret' },
        { id: '2', name: 'b', secret: '<APP_SECRET>' },
      ],
      pages: [],
    } as never);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatch(/^\/apps\/1\/secret of app 2 looks like a placeholder/);
  });

  it('is warned about on stderr when the README sample is used as written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lead-kit-placeholder-'));
    const config = {
      apps: [{ id: '2262510160704936', name: 'Lead bot', secret: '<APP_SECRET>', webhook_url: 'http://127.0.0.1:9/webhook' }],
      pages: [
        {
          id: '542998526103632',
          default_app_id: '2262510160704936',
          connected_apps: [{ app_id: '2262510160704936', token: 'my-local-token-1' }],
        },
      ],
    };
    writeFileSync(join(dir, 'mock.json'), JSON.stringify(config));
    const run = spawnBin(['mock', '--port', '0', '--config', 'mock.json'], { cwd: dir });
    const deadline = Date.now() + 15_000;
    while (!/127\.0\.0\.1:\d+/.test(run.stdout()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    run.child.kill('SIGINT');
    const r = await run.exited;
    expect(r.stderr).toMatch(/warning: mock\.json: \/apps\/0\/secret of app 2262510160704936 looks like a placeholder \("<APP_SECRET>"\)/);
    expect(r.code).toBe(130);
  });
});
