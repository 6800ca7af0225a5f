import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { MockAgent } from 'undici';
import { runDoctor } from '../../src/commands/doctor.js';
import { runPageOwner } from '../../src/commands/page/owner.js';
import { runPagePermissions } from '../../src/commands/page/permissions.js';
import { runPageStatus } from '../../src/commands/page/status.js';
import { runPageSubscriptions } from '../../src/commands/page/subscriptions.js';
import type { GraphOptions } from '../../src/commands/shared/graph.js';
import { runThread, type ThreadOptions } from '../../src/commands/thread/control.js';
import { LeadKitError } from '../../src/errors.js';
import { createTestDeps } from '../helpers/deps.js';
import { freePort } from '../helpers/ports.js';
import {
  APP_SECRET,
  APP_TOKEN,
  graphError,
  interceptDebugToken,
  interceptFeatureStatus,
  interceptMessages,
  interceptSubscribedApps,
  interceptThreadOwner,
  PSID,
  TOKEN,
  validTokenData,
  useGraphAgent,
} from '../helpers/graph-intercepts.js';

// These call the commands directly, without main()'s redacting writer, so they prove the commands themselves
// never print a secret (the redactor is only the last line of defence).
const proof = (t: string): string => createHmac('sha256', APP_SECRET).update(t).digest('hex');
const SECRETS = [TOKEN, APP_SECRET, APP_TOKEN, proof(TOKEN), proof(APP_TOKEN), encodeURIComponent(APP_TOKEN)];

let agent: MockAgent;
useGraphAgent((a) => (agent = a));

/** The options of every command here: a token, an app secret and an app token, all with --debug traces. */
type Options = Parameters<typeof runDoctor>[0] & { psid: string };
const base: Options = {
  pageId: 'me',
  token: TOKEN,
  appSecret: APP_SECRET,
  graphUrl: 'https://graph.facebook.com',
  apiVersion: 'v26.0',
  timeoutMs: 2000,
  appNames: {},
  json: false,
  debug: true,
  psid: PSID,
  appId: undefined,
  appToken: APP_TOKEN,
  crFlag: 'msgr_multi_app',
  source: 'auto',
  expirationUnit: 'auto',
  leadgen: false,
  form: undefined,
};
type Run = (o: Options, deps: ReturnType<typeof createTestDeps>) => Promise<unknown>;
const thread = (extra: Partial<ThreadOptions>) => (o: Options, d: ReturnType<typeof createTestDeps>) =>
  runThread({ ...o, action: 'pass', via: 'send-api', dryRun: false, form: false, ...extra }, d);

/** Runs a command and returns everything a user could see: stdout, stderr, and the error as main() prints it. */
async function everythingShown(run: Run, extra: Partial<GraphOptions> = {}, realNetwork = false): Promise<string> {
  const deps = createTestDeps(realNetwork ? {} : { dispatcher: agent });
  const v: Options = { ...base, ...extra };
  let shown = '';
  try {
    await run(v, deps);
  } catch (err) {
    if (!(err instanceof LeadKitError)) throw err;
    shown = `${err.message}\n${err.hint ?? ''}\n${JSON.stringify(err.toJSON())}\n${err.stack ?? ''}`;
  }
  return `${deps.io.stdout()}\n${deps.io.stderr()}\n${shown}`;
}

function expectNoSecret(text: string): void {
  for (const s of SECRETS) expect(text).not.toContain(s);
}

describe('no secret in any output (commands called without the redactor)', () => {
  it('page commands and doctor under --debug, text and JSON', async () => {
    interceptFeatureStatus(agent, { messaging_feature_status: { msgr_multi_app: true } });
    interceptThreadOwner(agent, { data: [] });
    interceptSubscribedApps(agent, { data: [] });
    interceptDebugToken(agent, validTokenData(), { token: APP_TOKEN });
    interceptDebugToken(agent, validTokenData(), { token: APP_TOKEN });
    interceptFeatureStatus(agent, { messaging_feature_status: { msgr_multi_app: true } });
    interceptSubscribedApps(agent, { data: [] });
    interceptThreadOwner(agent, { data: [] });
    const out = [
      await everythingShown(runPageStatus),
      await everythingShown(runPageOwner, { json: true }),
      await everythingShown(runPageSubscriptions),
      await everythingShown(runPagePermissions, { json: true }),
      await everythingShown(runDoctor),
    ].join('\n');
    expect(out).toContain('access_token=<PAGE_ACCESS_TOKEN>&appsecret_proof=<APPSECRET_PROOF>');
    expect(out).toContain('input_token=<PAGE_ACCESS_TOKEN>&access_token=<APP_ACCESS_TOKEN>');
    expectNoSecret(out);
  });

  it('Graph errors that echo the token, auth errors, dry-runs and connection errors', async () => {
    interceptThreadOwner(agent, graphError(100, `Invalid parameter recipient for token ${TOKEN}`), { status: 400 });
    interceptMessages(agent, graphError(190, `Malformed access token ${TOKEN}`), { status: 400 });
    const port = await freePort();
    const out = [
      await everythingShown(runPageOwner),
      await everythingShown(thread({})),
      await everythingShown(thread({ dryRun: true, text: 'hi' })),
      await everythingShown(thread({ action: 'extend', via: 'handover', dryRun: true, durationSeconds: 60 }), { json: true }),
      await everythingShown(runPageStatus, { graphUrl: `http://127.0.0.1:${port}` }, true),
    ].join('\n');
    expect(out).toContain('(#100) Invalid parameter recipient for token <PAGE_ACCESS_TOKEN>');
    expect(out).toContain(
      "curl -X POST 'https://graph.facebook.com/v26.0/me/messages?access_token=<PAGE_ACCESS_TOKEN>&appsecret_proof=<APPSECRET_PROOF>'",
    );
    expect(out).toContain('ECONNREFUSED');
    expectNoSecret(out);
  });
});
