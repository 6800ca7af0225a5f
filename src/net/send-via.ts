import type { Dispatcher } from 'undici';
import type { SendAnswer, SendRequest } from './send.js';

/**
 * `send` through an undici dispatcher a caller passed (a test's MockAgent): the same request and answer, a timeout
 * rejected with code `LEAD_KIT_TIMEOUT` as `send` does. A module of its own, loaded only then: undici costs a
 * command ~60 ms to load, and a file with an import() of a package is kept out of lead-kit's compiled-code cache
 * on Node 20 (src/cli/compile-cache.ts).
 */
export async function sendVia(dispatcher: Dispatcher, req: SendRequest): Promise<SendAnswer> {
  const { request } = await import('undici');
  const timer = AbortSignal.timeout(req.giveUpMs);
  const keep = req.keepBytes ?? 200;
  const sent = performance.now();
  try {
    const res = await request(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      dispatcher,
      signal: req.signal ? AbortSignal.any([req.signal, timer]) : timer,
      headersTimeout: req.giveUpMs,
      bodyTimeout: req.giveUpMs,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      if (size < keep) chunks.push(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
    return { status: res.statusCode, head: Buffer.concat(chunks).subarray(0, keep), ms: performance.now() - sent };
  } catch (err) {
    if (timer.aborted && req.signal?.aborted !== true)
      throw Object.assign(new Error(`no answer within ${req.giveUpMs} ms`), { code: 'LEAD_KIT_TIMEOUT' });
    throw err;
  }
}
