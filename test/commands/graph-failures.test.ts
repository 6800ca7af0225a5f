import { describe, expect, it } from 'vitest';
import type { MockAgent } from 'undici';
import {
  graphAgent,
  graphError,
  interceptFeatureStatus,
  interceptMessages,
  PSID,
  TOKEN,
  useGraphAgent,
} from '../helpers/graph-intercepts.js';
import { runCli } from '../helpers/cli.js';
import { hangingGraph } from '../helpers/dead-graph.js';
import { freePort } from '../helpers/ports.js';

let agent: MockAgent;
useGraphAgent((a) => (agent = a));

// [code, subcode, Meta's message, exit code, what the hint must say] — https://developers.facebook.com/docs/graph-api/guides/error-handling
const KNOWN: Array<[number, number | undefined, string, number, RegExp]> = [
  [
    10,
    2018278,
    '(#10) This message is sent outside of allowed window.',
    5,
    /outside the 24-hour messaging window: wait until the person writes again/,
  ],
  [100, 2018001, '(#100) No matching user found', 5, /no person with this PSID.*check --psid/],
  [
    10,
    2018300,
    'Message failed to send because another app is controlling this thread now.',
    5,
    /another app controls this conversation.*page owner/,
  ],
  [2018300, undefined, 'Another app is controlling this thread.', 5, /another app controls this conversation/],
  [
    10,
    2018321,
    'Thread is controlled by Messenger while the user is in an automated Q&A flow.',
    5,
    /automated Q&A flow.*Messenger Leadgen app 413038776280800.*wait for the pass_thread_control webhook/,
  ],
  [100, 2534037, '(#100) This action is invalid because your app is not the thread owner', 5, /not the thread owner/],
  [10, undefined, 'Handover Protocol APIs disabled for this page.', 5, /Conversation Routing with a default app.*--via send-api/],
  [4, undefined, '(#4) Application request limit reached', 5, /app hit its request limit.*X-App-Usage/],
  [17, undefined, '(#17) User request limit reached', 5, /user hit its request limit/],
  [32, undefined, '(#32) Page request limit reached', 5, /Page hit its request limit/],
  [613, 2534040, '(#613) Calls to this api have exceeded the rate limit.', 5, /rate limit.*slow down/],
  [
    80001,
    undefined,
    'There have been too many calls to this Page account. Wait a bit and try again.',
    5,
    /too many calls to this Page account/,
  ],
  [100, 2018164, '(#100) Incorrect App ID', 5, /not an app Meta knows for this Page/],
  [2018171, undefined, 'This API call is only available to Primary and Secondary Receivers', 5, /primary and secondary receivers/],
  [200, undefined, '(#200) The app is not approved for pages_messaging', 5, /pages_messaging passes App Review/],
  [
    190,
    460,
    'Error validating access token: The session has been invalidated because the user changed their password.',
    4,
    /password changed.*get a new Page access token/,
  ],
  [190, undefined, 'Invalid OAuth access token - Cannot parse access token', 4, /invalid or expired: get a new Page access token/],
];

describe('Graph errors → exit codes and hints', () => {
  it.each(KNOWN)('code %i / subcode %s (%s) → exit %i', async (code, subcode, message, exit, hint) => {
    interceptMessages(agent, graphError(code, message, subcode === undefined ? {} : { subcode }), { status: 400 });
    const r = await runCli(['thread', 'pass', '--psid', PSID, '--text', 'hi', '--token', TOKEN], { dispatcher: agent });
    expect(r.code).toBe(exit);
    const shown = /^\(#\d+\)/.test(message) ? message : `(#${code}) ${message}`;
    expect(r.stderr).toContain(`lead-kit: [POST] /v26.0/me/messages: 400 ${shown}`);
    expect(r.stderr).toMatch(hint);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });

  it('--json errors carry status, code, subcode and fbtrace_id', async () => {
    interceptMessages(agent, graphError(10, '(#10) This message is sent outside of allowed window.', { subcode: 2018278 }), {
      status: 400,
    });
    const r = await runCli(['thread', 'pass', '--psid', PSID, '--text', 'hi', '--json', '--token', TOKEN], { dispatcher: agent });
    expect(r.code).toBe(5);
    expect(r.stdout).toBe('');
    const { error } = JSON.parse(r.stderr) as { error: { code: string; details: Record<string, unknown> } };
    expect(error.code).toBe('GRAPH_API');
    expect(error.details).toMatchObject({ status: 400, code: 10, subcode: 2018278, fbtrace_id: 'AbCdEfGhIjK', known: 'outside-window' });
  });

  it('an OAuthException that is not about the token stays exit 5', async () => {
    interceptFeatureStatus(agent, graphError(100, '(#100) Tried accessing nonexisting field (messaging_feature_status)'), { status: 400 });
    const r = await runCli(['page', 'status', '--token', TOKEN], { dispatcher: agent });
    expect(r.code).toBe(5);
  });

  it('an invalid token exits 4 on every page command', async () => {
    interceptFeatureStatus(agent, graphError(190, 'Invalid OAuth access token - Cannot parse access token'), { status: 400 });
    const r = await runCli(['page', 'status', '--token', TOKEN], { dispatcher: agent });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('lead-kit: [GET] /v26.0/me: 400 (#190) Invalid OAuth access token - Cannot parse access token');
  });

  it('an http:// Graph URL off loopback is refused before any request (exit 2)', async () => {
    const other = graphAgent();
    other
      .get('http://graph.example.com')
      .intercept({ method: 'GET', path: () => true })
      .reply(200, '{}');
    for (const opts of [
      { argv: ['--graph-url', 'http://graph.example.com'], env: {} },
      { argv: [], env: { LEAD_KIT_GRAPH_URL: 'http://graph.example.com' } },
    ]) {
      const r = await runCli(['page', 'status', '--token', TOKEN, ...opts.argv], { dispatcher: other, env: opts.env });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('http://graph.example.com must use https');
    }
    expect(other.pendingInterceptors()).toHaveLength(1);
    await other.close();
  });
});

describe('unreachable and silent Graph servers (real sockets on 127.0.0.1)', () => {
  it('a closed port exits 3 and says it cannot connect', async () => {
    const port = await freePort();
    const r = await runCli(['page', 'owner', '--psid', PSID, '--token', TOKEN, '--graph-url', `http://127.0.0.1:${port}`]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`lead-kit: [GET] /v26.0/me/thread_owner: cannot reach http://127.0.0.1:${port} (ECONNREFUSED)`);
    expect(r.stderr).toContain('check --graph-url');
  });

  it('a server that never answers exits 3 after --timeout', async () => {
    const g = await hangingGraph();
    try {
      const started = Date.now();
      const r = await runCli(['thread', 'release', '--psid', PSID, '--token', TOKEN, '--graph-url', g.url, '--timeout', '200']);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain(
        `lead-kit: [POST] /v26.0/me/messages: no answer from ${g.url} within 200 ms — Graph did not answer in time`,
      );
      expect(Date.now() - started).toBeLessThan(5000);
      expect(g.requests()).toBe(1);
    } finally {
      await g.close();
    }
  });
});
