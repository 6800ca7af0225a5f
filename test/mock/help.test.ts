import { describe, expect, it } from 'vitest';
import { mockRoutes } from '../../src/cli/commands/mock.js';
import { inspectRoutes } from '../../src/mock/inspect.js';
import { pageRoutes } from '../../src/mock/routes.js';
import { runCli } from '../helpers/cli.js';

// `lead-kit mock --help` lists every route the mock serves: a route added to the table without a help line fails here.
const lines = mockRoutes.split('\n').map((l) => l.trim().split(/\s+/));
const listed = (method: string, path: string): boolean => lines.some(([methods, p]) => methods!.split('|').includes(method) && p === path);

describe('lead-kit mock --help', () => {
  it('lists every Page edge of the route table with each of its methods', () => {
    const missing: string[] = [];
    for (const [edge, handlers] of Object.entries(pageRoutes)) {
      const path =
        edge === '' ? '/{page}?fields=messaging_feature_status,name' : edge === 'permissions' ? '/me/permissions' : `/{page}/${edge}`;
      for (const method of Object.keys(handlers)) {
        const bare = (p: string | undefined): string | undefined => p?.replace(/\?.*$/, '');
        if (!lines.some(([methods, p]) => methods!.split('|').includes(method) && (p === path || bare(p) === path)))
          missing.push(`${method} ${path}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('lists the node routes and every inspection route', () => {
    for (const [method, path] of [
      ['GET', '/{psid}'],
      ['GET', '/debug_token?input_token=<token>'],
      ['POST', '/{app-id}/page_activities'],
      ['POST', '/{dataset-id}/events'],
      ['POST', '/{app-id}/activities'],
      ['POST', '/'],
    ] as const) {
      expect(listed(method, path), `${method} ${path}`).toBe(true);
    }
    for (const route of inspectRoutes) {
      const [method, path] = route.split(' ');
      expect(listed(method!, path!.replace(/\[.*$/, '')), route).toBe(true);
    }
  });

  it('is what --help prints', async () => {
    const r = await runCli(['mock', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(mockRoutes);
  });
});
