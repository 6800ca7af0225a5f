import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../helpers/ports.js';

export const EXAMPLE_APP_DIR = fileURLToPath(new URL('../../fixtures/example-app/', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** The four cases of the suite (and of fixtures/example-app/lead-kit.test.json). */
export const FOUR_CASES = [
  {
    name: 'complete lead: one reply despite a retry, then passed on',
    scenario: 'complete',
    duplicate: 3,
    answers: { 'What city is your store located?': 'Zürich' },
    expect: ['reply:once', 'pass:498721317747541', 'no-send-during-flow'],
  },
  { name: 'incomplete lead: fallback and release', scenario: 'incomplete', expect: ['release', 'no-send-during-flow'] },
  { name: 'out of order', scenario: 'complete', shuffle: true, seed: 8, expect: ['no-send-during-flow'] },
  { name: 'signature defences', verify: true },
];

/**
 * Writes a suite for an app in `cwd` (a free port in PORT and app.webhook) into a fresh temp folder and returns
 * the folder, the suite path and the port.
 */
export async function writeSuite(o: {
  command: string;
  cwd: string;
  cases: unknown[];
  env?: Record<string, string>;
  app?: Record<string, unknown>;
  defaults?: Record<string, unknown>;
}): Promise<{ dir: string; file: string; port: number }> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'lead-kit-suite-'));
  const suite = {
    app: {
      command: o.command,
      cwd: o.cwd,
      webhook: `http://127.0.0.1:${port}/webhook`,
      env: {
        PORT: String(port),
        GRAPH_API_URL: '{graph_url}',
        PAGE_ACCESS_TOKEN: '{page_token}',
        APP_SECRET: '{app_secret}',
        VERIFY_TOKEN: '{verify_token}',
        ...o.env,
      },
      ...o.app,
    },
    defaults: { expect_within_ms: 3000, ...o.defaults },
    cases: o.cases,
  };
  const file = join(dir, 'lead-kit.test.json');
  writeFileSync(file, JSON.stringify(suite, null, 2));
  return { dir, file, port };
}

/** A small XML reader for the JUnit report: enough to walk <testsuites>/<testsuite>/<testcase>/<failure>. */
export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

const unescape = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

export function parseXml(xml: string): XmlNode {
  const root: XmlNode = { name: '#root', attrs: {}, children: [], text: '' };
  const stack = [root];
  const re = /<\?[^>]*\?>|<(\/?)([A-Za-z][\w-]*)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>|([^<]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml)) !== null) {
    if (m[0].startsWith('<?')) continue;
    if (m[5] !== undefined) {
      stack.at(-1)!.text += unescape(m[5]);
      continue;
    }
    if (m[1] === '/') {
      const open = stack.pop()!;
      if (open.name !== m[2]) throw new Error(`</${m[2]}> closes <${open.name}>`);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of m[3]!.matchAll(/([\w:-]+)="([^"]*)"/g)) attrs[a[1]!] = unescape(a[2]!);
    const node: XmlNode = { name: m[2]!, attrs, children: [], text: '' };
    stack.at(-1)!.children.push(node);
    if (m[4] !== '/') stack.push(node);
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack.at(-1)!.name}>`);
  if (!/^\s*(<\?xml[^>]*\?>)?\s*<testsuites/.test(xml)) throw new Error('not a JUnit report');
  return root;
}
