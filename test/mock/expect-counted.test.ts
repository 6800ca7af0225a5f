import { describe, expect, it } from 'vitest';
import { DEMO } from '../../src/mock/demo.js';
import { evaluate, parseExpectation, type Observed } from '../../src/mock/expect.js';
import { runCli } from '../helpers/cli.js';
import { freePort } from '../helpers/ports.js';
import { closeAfterEach } from './helpers.js';
import { startTestApp, type AppAction, type TestApp } from './fixtures/test-app.js';

const ctx = { psid: '111', defaultAppId: '498721317747541' };
const send = (seq: number, o: Partial<Observed> = {}): Observed => ({
  seq,
  action: 'send',
  psid: '111',
  status: 200,
  call: 'POST /v26.0/me/messages',
  duringFlow: false,
  ...o,
});

describe('reply:once, no-reply, status:<code>', () => {
  it('reply:once: one reply passes; two fail and list both; none shows the refused one as the near miss', () => {
    expect(evaluate(parseExpectation('reply:once'), [send(1), send(2, { psid: '222' })], ctx)).toMatchObject({
      ok: true,
      matched: { seq: 1 },
    });
    const twice = evaluate(parseExpectation('reply:once'), [send(1), send(2)], ctx);
    expect(twice).toMatchObject({ expect: 'reply:once', ok: false, violations: [{ seq: 1 }, { seq: 2 }] });
    const refused = evaluate(parseExpectation('reply:once'), [send(3, { status: 400, error: '(#10) … [10/2018321]' })], ctx);
    expect(refused.ok).toBe(false);
    expect(refused.near_misses[0]!.differences).toEqual([{ field: 'status', expected: '200', actual: '400 (#10) … [10/2018321]' }]);
  });

  it('no-reply: any Send API message to the person fails it, refused or not', () => {
    expect(evaluate(parseExpectation('no-reply'), [send(1, { psid: '222' }), { ...send(2), action: 'pass' }], ctx).ok).toBe(true);
    expect(evaluate(parseExpectation('no-reply'), [send(1, { status: 400 })], ctx)).toMatchObject({
      ok: false,
      violations: [{ seq: 1, status: 400 }],
    });
  });

  it('status:<code>: every delivery answered with that code', () => {
    const deliveries = [
      { step: 1, kind: 'handover', status: 403 },
      { step: 2, kind: 'summary', status: 403 },
    ];
    expect(evaluate(parseExpectation('status:403'), [], { ...ctx, deliveries }).ok).toBe(true);
    const r = evaluate(parseExpectation('status:200'), [], {
      ...ctx,
      deliveries: [...deliveries, { step: 3, kind: 'referral', status: 200 }],
    });
    expect(r).toMatchObject({
      expect: 'status:200',
      ok: false,
      violations: [{ seq: 1, call: 'delivery 1 handover', status: 403 }, { seq: 2 }],
    });
    expect(evaluate(parseExpectation('status:200'), [], ctx).ok).toBe(false);
    expect(() => parseExpectation('status:99')).toThrow(/not an expectation/);
  });
});

describe('simulate --mock --expect reply:once', () => {
  const SECRET = 'test-app-secret-counted';
  const closing = closeAfterEach();
  let app: TestApp | undefined;

  async function run(onHandover: AppAction[], expectArgs: string[]) {
    const port = await freePort();
    app = closing(
      await startTestApp({ appId: DEMO.appId, appSecret: SECRET, graphUrl: `http://127.0.0.1:${port}`, token: DEMO.token, onHandover }),
    );
    return runCli([
      'simulate',
      '--mock',
      String(port),
      '--endpoint',
      app.url,
      '--app-secret',
      SECRET,
      ...expectArgs,
      '--expect-within',
      '1500',
    ]);
  }

  it('fails (exit 1) on a double reply, listing both replies', async () => {
    const r = await run([{ type: 'reply' }, { type: 'reply', text: 'again' }], ['--expect', 'reply:once']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ reply:once\s+expected exactly one Send API message for PSID \d+, answered 200/);
    expect(r.stdout).toMatch(
      /#1 POST \/v26\.0\/me\/messages → 200 \(2 replies: deduplicate retried and duplicated deliveries\)\n\s+#2 POST/,
    );
  });

  it('passes on a single reply with a duplicated summary; status:200 checks the deliveries', async () => {
    const r = await run([{ type: 'reply' }], ['--duplicate', '2', '--expect', 'reply:once', '--expect', 'status:200']);
    expect(r.stdout + r.stderr).toContain('✓ 2/2 expectations met');
    expect(r.code).toBe(0);
  });
});
