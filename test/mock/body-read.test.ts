import { request as httpRequest } from 'node:http';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoConfig } from '../../src/mock/demo.js';
import { startMockGraph, type MockGraph } from '../../src/mock/server.js';
import { DEMO } from '../../src/mock/demo.js';
import { agent, call, demoMock, PSID } from './helpers.js';

let mock: MockGraph;
beforeEach(async () => {
  mock = await demoMock();
});
afterEach(() => mock.close());
afterAll(() => agent.close());

/** POSTs `pieces` as a chunked body (no Content-Length), one write per piece with a pause between. */
function postInPieces(m: MockGraph, path: string, pieces: string[]): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${m.url}${path}`,
      { method: 'POST', headers: { 'content-type': 'application/json', connection: 'close' } },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
      },
    );
    // The mock may answer 413 and close before the upload is over.
    req.on('error', (err) => (err.message.includes('EPIPE') || err.message.includes('ECONNRESET') ? undefined : reject(err)));
    let i = 0;
    const next = (): void => {
      if (i === pieces.length) return void req.end();
      req.write(pieces[i++]);
      setTimeout(next, 20);
    };
    next();
  });
}

describe('request bodies', () => {
  it('a body that arrives in several chunks is read whole, answered and recorded as sent', async () => {
    const sent = { recipient: { id: PSID }, messaging_type: 'RESPONSE', message: { text: 'héllo in pieces' } };
    const text = JSON.stringify(sent);
    const pieces = [text.slice(0, 7), text.slice(7, 30), text.slice(30)];
    const r = await postInPieces(mock, `/v26.0/me/messages?access_token=${DEMO.token}`, pieces);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ recipient_id: PSID, message_id: expect.stringMatching(/^m_/) });
    const last = mock.calls.at(-1)!;
    expect(last.route).toBe('POST /me/messages');
    expect(last.body).toEqual(sent);
  });

  it('a chunked body that grows past the limit is refused with 413 and the mock keeps answering', async () => {
    const m = await startMockGraph({ config: { ...demoConfig(), max_body_bytes: 1024 } });
    try {
      const big = `{"recipient":{"id":"${PSID}"},"message":{"text":"${'x'.repeat(600)}`;
      const r = await postInPieces(m, `/v26.0/me/messages?access_token=${DEMO.token}`, [big, 'y'.repeat(600), '"}}']);
      expect(r.status).toBe(413);
      expect(r.body.error.code).toBe(100);
      expect(m.calls.at(-1)!.status).toBe(413);
      expect((await call(m, 'GET', `/v26.0/me/thread_owner?recipient=${PSID}`)).status).toBe(200);
    } finally {
      await m.close();
    }
  });

  it('the call log holds the decoded body; a body carrying a token or secret is redacted, the request itself is not changed', async () => {
    const plain = { recipient: { id: PSID }, message: { text: 'no secrets here' }, tags: ['a', { b: 1 }] };
    await call(mock, 'POST', '/v26.0/me/messages', { json: plain });
    expect(mock.calls.at(-1)!.body).toEqual(plain);
    const nested = { recipient: { id: PSID }, message: { text: `token ${DEMO.token}` }, extra: [{ access_token: 'x' }] };
    const r = await call(mock, 'POST', '/v26.0/me/messages', { json: nested });
    expect(r.status).toBe(200);
    expect(mock.calls.at(-1)!.body).toEqual({
      recipient: { id: PSID },
      message: { text: 'token <REDACTED>' },
      extra: [{ access_token: '<PAGE_ACCESS_TOKEN>' }],
    });
    // What the app sent is in the conversation as sent (redaction is the log's alone).
    const history = await call(mock, 'GET', `/v26.0/me/conversations?user_id=${PSID}&fields=messages{message}`);
    expect(JSON.stringify(history.body)).toContain(`token ${DEMO.token}`);
  });
});
