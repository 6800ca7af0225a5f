import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { writeFileAtomic } from '../fs/atomic.js';
import { UsageError } from '../errors.js';
import { parseSuiteText, SUITE_FILE } from '../suite/load.js';

/**
 * A starter suite for `lead-kit test`: the four checks of the README's "CI smoke checks" section, for an app that
 * listens at `webhook` and reads its Graph URL, token and secrets from the usual variables.
 */
export function starterSuiteText(webhook = 'http://127.0.0.1:3000/webhook'): string {
  const port = new URL(webhook).port || '3000';
  const suite = {
    app: {
      command: 'node app.js',
      webhook,
      env: {
        PORT: port,
        GRAPH_API_URL: '{graph_url}',
        PAGE_ACCESS_TOKEN: '{page_token}',
        APP_SECRET: '{app_secret}',
        VERIFY_TOKEN: '{verify_token}',
      },
      ready_timeout_ms: 10000,
    },
    defaults: { expect_within_ms: 2000 },
    cases: [
      {
        name: 'complete lead: one reply despite a retry, then passed on',
        scenario: 'complete',
        duplicate: 3,
        expect: ['reply:once', 'pass', 'no-send-during-flow'],
      },
      { name: 'incomplete lead: fallback and release', scenario: 'incomplete', expect: ['release', 'no-send-during-flow'] },
      { name: 'out of order', scenario: 'complete', shuffle: true, seed: 8, expect: ['no-send-during-flow'] },
      { name: 'signature defences', verify: true },
    ],
  };
  return JSON.stringify(suite, null, 2) + '\n';
}

/** Writes the starter suite beside the config (atomically); an existing one needs `force`. */
export async function writeStarterSuite(cwd: string, webhook: string | undefined, force: boolean): Promise<string> {
  const path = resolve(cwd, SUITE_FILE);
  const exists = await access(path).then(
    () => true,
    () => false,
  );
  if (exists && !force) throw new UsageError(`${SUITE_FILE} already exists`, { hint: 'pass --force to overwrite it' });
  const text = starterSuiteText(webhook === undefined || webhook === '' ? undefined : webhook);
  parseSuiteText(text, SUITE_FILE); // what init writes must load
  await writeFileAtomic(path, text);
  return `wrote ${SUITE_FILE} — edit app.command, then run: lead-kit test\n`;
}
