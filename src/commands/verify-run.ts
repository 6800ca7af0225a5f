import type { Deps } from '../cli/deps.js';
import { emit } from '../cli/output.js';
import { intFlag } from '../cli/parse.js';
import { AuthError } from '../errors.js';
import { renderVerify } from '../verify/render.js';
import { verifyEndpoint } from '../verify/verify.js';
import { sampleReferral } from '../verify/sample.js';
import { parseEndpoint } from './lead-input.js';
import { apiVersion } from './simulate-run.js';

/** Runs `lead-kit verify <url>`: 0 when every case passed (warnings allowed), 1 when one failed, 130 on Ctrl-C. */
export async function runVerify(url: string, v: Record<string, unknown>, deps: Deps): Promise<number> {
  const endpoint = parseEndpoint('<url>', url).toString();
  const appSecret = typeof v.appSecret === 'string' && v.appSecret !== '' ? v.appSecret : undefined;
  const verifyToken = typeof v.verifyToken === 'string' && v.verifyToken !== '' ? v.verifyToken : undefined;
  if (appSecret === undefined) throw new AuthError('verify needs the app secret your endpoint checks signatures with', { hint: 'pass --app-secret or set LEAD_KIT_APP_SECRET' });
  if (verifyToken === undefined) throw new AuthError('verify needs the verify token your endpoint expects in the handshake', { hint: 'pass --verify-token or set LEAD_KIT_VERIFY_TOKEN' });
  const result = await verifyEndpoint(
    {
      endpoint,
      appSecret,
      verifyToken,
      payload: sampleReferral({ startMs: deps.now().getTime() }),
      apiVersion: apiVersion(v.apiVersion ?? 'v26.0'),
      waitMs: intFlag('--wait', v.wait ?? '10000', 1),
    },
    { signal: deps.signal, ...(deps.dispatcher ? { dispatcher: deps.dispatcher } : {}) },
  );
  emit(deps.io, v.json === true, result, renderVerify);
  if (deps.signal.aborted) return 130;
  return result.ok ? 0 : 1;
}
