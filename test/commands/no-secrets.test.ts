import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { MockAgent } from 'undici';
import { runDoctor } from '../../src/commands/doctor.js';
import { runPageOwner } from '../../src/commands/page-owner.js';
import { runPagePermissions } from '../../src/commands/page-permissions.js';
import { runPageStatus } from '../../src/commands/page-status.js';
import { runPageSubscriptions } from '../../src/commands/page-subscriptions.js';
import { runThread } from '../../src/commands/thread.js';
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

type Run = (v: Record<string, unknown>, deps: ReturnType<typeof createTestDeps>) => Promise<number>;

/** Runs a command and returns everything a user could see: stdout, stderr, and the error as main() prints it. */
async function everythingShown(run: Run, extra: Record<string, unknown> = {}, realNetwork = false): Promise<string> {
  const deps = createTestDeps(realNetwork ? {} : { dispatcher: agent });
  const v = { token: TOKEN, appSecret: APP_SECRET, appToken: APP_TOKEN, graphUrl: 'https://graph.facebook.com', apiVersion: 'v26.0', timeout: '2000', debug: true, psid: PSID, ...extra };
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
      await everythingShown((v, d) => runThread('pass', v, d)),
      await everythingShown((v, d) => runThread('pass', v, d), { dryRun: true, text: 'hi' }),
      await everythingShown((v, d) => runThread('extend', v, d), { dryRun: true, json: true, duration: '60' }),
      await everythingShown(runPageStatus, { graphUrl: `http://127.0.0.1:${port}` }, true),
    ].join('\n');
    expect(out).toContain('(#100) Invalid parameter recipient for token <PAGE_ACCESS_TOKEN>');
    expect(out).toContain("curl -X POST 'https://graph.facebook.com/v26.0/me/messages?access_token=<PAGE_ACCESS_TOKEN>&appsecret_proof=<APPSECRET_PROOF>'");
    expect(out).toContain('ECONNREFUSED');
    expectNoSecret(out);
  });
});
