import type { Deps } from '../io/deps.js';
import type { Outcome } from '../io/outcome.js';
import { emit } from '../io/output.js';
import { AuthError } from '../errors.js';
import { renderVerify } from '../verify/render.js';
import { verifyEndpoint } from '../verify/verify.js';
import { sampleReferral } from '../verify/sample.js';

/** `lead-kit verify`, fully resolved by the wiring. */
export interface VerifyOptions {
  /** your app's webhook URL */
  endpoint: string;
  appSecret: string | undefined;
  verifyToken: string | undefined;
  apiVersion: string;
  /** how long to wait for an answer before calling it "no answer" */
  timeoutMs: number;
  json: boolean;
}

/** Runs `lead-kit verify`: ok when every case passed (warnings allowed), checkFailed when one failed. */
export async function runVerify(o: VerifyOptions, deps: Deps): Promise<Outcome> {
  const { appSecret, verifyToken } = o;
  if (appSecret === undefined)
    throw new AuthError('verify needs the app secret your endpoint checks signatures with', {
      hint: 'pass --app-secret or set LEAD_KIT_APP_SECRET',
    });
  if (verifyToken === undefined)
    throw new AuthError('verify needs the verify token your endpoint expects in the handshake', {
      hint: 'pass --verify-token or set LEAD_KIT_VERIFY_TOKEN',
    });
  const result = await verifyEndpoint(
    {
      endpoint: o.endpoint,
      appSecret,
      verifyToken,
      payload: sampleReferral({ startMs: deps.now().getTime() }),
      apiVersion: o.apiVersion,
      waitMs: o.timeoutMs,
    },
    { signal: deps.signal, ...(deps.dispatcher ? { dispatcher: deps.dispatcher } : {}) },
  );
  emit(deps.io, o.json, result, renderVerify);
  if (deps.signal.aborted) return 'interrupted';
  return result.ok ? 'ok' : 'checkFailed';
}
