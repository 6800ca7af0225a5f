import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Runners } from '../../src/cli/runners.js';
import { createTestDeps } from '../helpers/deps.js';

// argv → the typed options each command's run function gets, without running anything (changesets' cli test,
// gh's runF): createProgram(ctx, run) takes the run functions, and here they only record what they were given.

const dir = mkdtempSync(join(tmpdir(), 'lead-kit-program-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Parsed {
  code: number;
  run: string | undefined;
  opts: Record<string, unknown> | undefined;
  stderr: string;
}

async function parse(argv: string[], env: Record<string, string> = {}, cwd = dir): Promise<Parsed> {
  const calls: Array<{ run: string; opts: Record<string, unknown> | undefined }> = [];
  const run = new Proxy({} as Runners, {
    get: (_target, name: string) => async (opts: unknown) => {
      calls.push({ run: name, opts: name === 'templateSchema' ? undefined : (opts as Record<string, unknown>) });
      return 'ok';
    },
  });
  const deps = createTestDeps({ env, cwd });
  const code = await main(argv, deps, run);
  return { code, run: calls[0]?.run, opts: calls[0]?.opts, stderr: deps.io.stderr() };
}

const GRAPH = {
  pageId: 'me',
  token: undefined,
  appSecret: undefined,
  graphUrl: 'https://graph.facebook.com',
  apiVersion: 'v26.0',
  timeoutMs: 10_000,
  appNames: {},
  json: false,
  debug: false,
};
const LEAD = { summary: true, otherApps: [], appIdType: 'number', timestamps: 'doc' };
const DELIVERY = { appSecret: undefined, bodyEncoding: 'meta', legacySignature: true, apiVersion: 'v26.0', timeoutMs: 5000 };

describe('argv → typed options, every command', () => {
  const table: Array<[string[], string, Record<string, unknown>]> = [
    [
      ['simulate'],
      'simulate',
      {
        ...DELIVERY,
        scenario: 'complete',
        form: { ids: 'string', formId: '1048557243911820', batch: 3, entries: 1 },
        endpoint: undefined,
        verifyToken: undefined,
        lead: LEAD,
        delayMs: 0,
        shuffle: false,
        seed: undefined,
        duplicate: undefined,
        mock: undefined,
        delivery: { retries: { count: 0, intervalsMs: [] } },
        json: false,
      },
    ],
    [
      [
        'simulate',
        'incomplete',
        '--endpoint',
        'http://127.0.0.1:3000/webhook',
        '--app-secret',
        's3cret',
        '--timeout',
        '900',
        '--api-version',
        '25',
        '--no-legacy-signature',
        '--body-encoding',
        'utf8',
        '--duplicate',
        '--delay',
        '10',
        '--shuffle',
        '--seed',
        '7',
        '--json',
      ],
      'simulate',
      {
        ...DELIVERY,
        scenario: 'incomplete',
        endpoint: 'http://127.0.0.1:3000/webhook',
        appSecret: 's3cret',
        timeoutMs: 900,
        apiVersion: 'v25.0',
        legacySignature: false,
        bodyEncoding: 'utf8',
        duplicate: 1,
        delayMs: 10,
        shuffle: true,
        seed: 7,
        json: true,
        verifyToken: undefined,
        lead: LEAD,
        mock: undefined,
      },
    ],
    [
      [
        'simulate',
        '--page-id',
        '1',
        '--psid',
        '2',
        '--app-id',
        '3',
        '--app',
        '3:CRM',
        '--app',
        '4:Inbox',
        '--ad-id',
        '5',
        '--ad-title',
        'Ad',
        '--answer',
        'City?=Zürich',
        '--answers',
        'a.json',
        '--no-summary',
        '--keyword',
        'stop',
        '--app-id-type',
        'string',
        '--timestamps',
        'ms',
      ],
      'simulate',
      {
        lead: {
          pageId: '1',
          psid: '2',
          appId: '3',
          appName: 'CRM',
          adId: '5',
          adTitle: 'Ad',
          answers: [{ question: 'City?', answer: 'Zürich' }],
          answersFile: 'a.json',
          summary: false,
          keyword: 'stop',
          otherApps: [{ id: '4', name: 'Inbox' }],
          appIdType: 'string',
          timestamps: 'ms',
        },
      },
    ],
    [
      ['simulate', '--mock', '--expect', 'pass:42', '--expect', 'reply', '--expect-within', '500'],
      'simulate',
      { mock: { port: 4010, expectations: [{ kind: 'pass', appId: '42' }, { kind: 'reply' }], withinMs: 500 } },
    ],
    [['simulate', '--mock', '0'], 'simulate', { mock: { port: 0, expectations: [], withinMs: 2000 } }],
    [
      ['webhook', 'postback', '--title', 'Go', '--payload', 'GO', '--ref', 'r', '--set', '/entry/0/id=1', '--raw'],
      'webhook',
      {
        ...DELIVERY,
        kind: 'postback',
        lead: LEAD,
        outcome: 'complete',
        text: 'Können Sie mir ein Angebot für São Paulo schicken?',
        title: 'Go',
        payload: 'GO',
        ref: 'r',
        of: 'message',
        set: [{ pointer: '/entry/0/id', value: 1 }],
        raw: true,
        endpoint: undefined,
        json: false,
      },
    ],
    [['simulate', '--batch'], 'simulate', { delivery: { batch: { size: 3, shape: 'mixed' }, retries: { count: 0, intervalsMs: [] } } }],
    [
      ['simulate', 'incomplete', '--batch', '4', '--batch-shape', 'entries', '--retries', 'meta'],
      'simulate',
      { scenario: 'incomplete', delivery: { batch: { size: 4, shape: 'entries' }, retries: { count: 3, intervalsMs: [500, 2000, 8000] } } },
    ],
    [
      ['simulate', '--retries', 'meta', '--retry-count', '2', '--retry-intervals', '100,200'],
      'simulate',
      { delivery: { retries: { count: 2, intervalsMs: [100, 200] } } },
    ],
    [
      ['simulate', '--mock', '--interrupt', '--expect', 'no-send-during-flow'],
      'simulate',
      { mock: { port: 4010, expectations: [{ kind: 'no-send-during-flow' }], withinMs: 2000, interrupt: true } },
    ],
    [
      ['simulate', 'form-batch', '--batch', '5', '--retries', 'meta'],
      'simulate',
      { scenario: 'form-batch', form: { batch: 5 }, delivery: { retries: { count: 3, intervalsMs: [500, 2000, 8000] } } },
    ],
    [
      ['webhook', 'message', '--batch', '3', '--batch-shape', 'one-entry', '--retries', 'meta', '--retry-count', '1'],
      'webhook',
      { kind: 'message', delivery: { batch: { size: 3, shape: 'one-entry' }, retries: { count: 1, intervalsMs: [500, 2000, 8000] } } },
    ],
    [
      ['webhook', 'leadgen', '--batch', '3'],
      'webhook',
      { kind: 'leadgen', leadgen: { batch: 3 }, delivery: { retries: { count: 0, intervalsMs: [] } } },
    ],
    [
      ['simulate', 'form-batch', '--batch', '5', '--entries', '2', '--ids', 'number', '--form-id', '77'],
      'simulate',
      { scenario: 'form-batch', form: { ids: 'number', formId: '77', batch: 5, entries: 2 } },
    ],
    [
      ['webhook', 'leadgen', '--organic', '--batch', '2', '--lead-id', '9', '--updated-field', 'a', '--updated-field', 'b'],
      'webhook',
      {
        kind: 'leadgen',
        leadgen: {
          organic: true,
          batch: 2,
          entries: 1,
          dashboardSample: false,
          formId: '1048557243911820',
          leadId: '9',
          area: 'ai_agent_updates',
          event: 'qualification_status_change',
          updatedFields: ['a', 'b'],
        },
      },
    ],
    [['doctor', '--form', '55'], 'doctor', { leadgen: true, form: '55' }],
    [
      ['leads', '--form', '55', '--since', '2026-11-01', '--until', '1800000000'],
      'leads',
      { instantForm: { form: '55', since: 1_793_491_200, until: 1_800_000_000 } },
    ],
    [
      ['webhook', 'standby', '--of', 'postback', '--outcome', 'incomplete', '--quick-reply', 'QR', '--endpoint', 'http://127.0.0.1:1/x'],
      'webhook',
      { kind: 'standby', of: 'postback', outcome: 'incomplete', quickReply: 'QR', endpoint: 'http://127.0.0.1:1/x' },
    ],
    [['page', 'status', '--cr-flag', 'either'], 'pageStatus', { ...GRAPH, crFlag: 'either' }],
    [
      [
        'page',
        'owner',
        '--psid',
        '24680135792468013',
        '--expiration-unit',
        's',
        '--page-id',
        '42',
        '--token',
        'tok',
        '--app-secret',
        'sec',
        '--graph-url',
        'http://127.0.0.1:4010',
        '--api-version',
        'v24.0',
        '--timeout',
        '300',
        '--app',
        '7:Seven',
        '--json',
        '--debug',
      ],
      'pageOwner',
      {
        pageId: '42',
        token: 'tok',
        appSecret: 'sec',
        graphUrl: 'http://127.0.0.1:4010',
        apiVersion: 'v24.0',
        timeoutMs: 300,
        appNames: { '7': 'Seven' },
        json: true,
        debug: true,
        psid: '24680135792468013',
        expirationUnit: 's',
      },
    ],
    [['page', 'subscriptions', '--app-id', '99'], 'pageSubscriptions', { ...GRAPH, appId: '99' }],
    [
      ['page', 'permissions', '--source', 'permissions', '--app-token', 'apptok'],
      'pagePermissions',
      { ...GRAPH, source: 'permissions', appToken: 'apptok' },
    ],
    [
      ['doctor', '--psid', '1', '--app-id', '2'],
      'doctor',
      { ...GRAPH, psid: '1', appId: '2', crFlag: 'msgr_multi_app', source: 'auto', appToken: undefined, expirationUnit: 'auto' },
    ],
    [
      ['thread', 'pass', '--psid', '1', '--target', '263902037430900', '--text', 'hi', '--dry-run', '--form'],
      'thread',
      { ...GRAPH, action: 'pass', psid: '1', via: 'send-api', target: '263902037430900', text: 'hi', dryRun: true, form: true },
    ],
    [
      ['thread', 'release', '--psid', '1', '--app-id', '5', '--via', 'handover', '--metadata', 'done'],
      'thread',
      { ...GRAPH, action: 'release', psid: '1', via: 'handover', appId: '5', metadata: 'done', dryRun: false, form: false },
    ],
    [['thread', 'take', '--psid', '1'], 'thread', { ...GRAPH, action: 'take', psid: '1', via: 'handover', dryRun: false, form: false }],
    [
      ['thread', 'extend', '--psid', '1', '--duration', '86400'],
      'thread',
      { ...GRAPH, action: 'extend', psid: '1', via: 'handover', durationSeconds: 86_400, dryRun: false, form: false },
    ],
    [
      ['mock'],
      'mock',
      {
        port: 4010,
        host: '127.0.0.1',
        config: undefined,
        startTime: undefined,
        json: false,
        scenario: undefined,
        endpoint: undefined,
        appSecret: undefined,
      },
    ],
    [
      [
        'mock',
        '--port',
        '0',
        '--start-time',
        '2026-11-21T10:00:00Z',
        '--scenario',
        'no-app',
        '--endpoint',
        'http://127.0.0.1:3000/webhook',
        '--app-secret',
        'sec',
        '--json',
      ],
      'mock',
      {
        port: 0,
        startTime: Date.parse('2026-11-21T10:00:00Z'),
        scenario: 'no-app',
        endpoint: 'http://127.0.0.1:3000/webhook',
        appSecret: 'sec',
        json: true,
      },
    ],
    [
      ['template', 'validate', 'a.json', '-', '--strict', '--lenient-strings', '--page-id', '5', '--token', 't'],
      'templateValidate',
      {
        files: ['a.json', '-'],
        json: false,
        strict: true,
        lenientStrings: true,
        pageId: '5',
        token: 't',
        graphUrl: 'https://graph.facebook.com',
        apiVersion: 'v26.0',
        apps: undefined,
        debug: false,
      },
    ],
    [['template', 'schema'], 'templateSchema', {}],
    [['template', 'example', 'generic'], 'templateExample', { kind: 'generic' }],
    [['template', 'example'], 'templateExample', { kind: 'button' }],
    [
      [
        'init',
        '--page-id',
        '1',
        '--app-id',
        '2',
        '--app',
        '2:Bot',
        '--app',
        '3:Inbox',
        '--endpoint',
        '',
        '--answer',
        'Q?=A',
        '--yes',
        '--force',
      ],
      'init',
      {
        pageId: '1',
        app: { id: '2', name: 'Bot' },
        otherApps: [{ id: '3', name: 'Inbox' }],
        endpoint: '',
        answers: [{ question: 'Q?', answer: 'A' }],
        yes: true,
        force: true,
        config: 'lead-kit.config.json',
      },
    ],
    [
      ['listen'],
      'listen',
      {
        port: 3000,
        host: '127.0.0.1',
        path: '/webhook',
        verifyToken: undefined,
        appSecret: undefined,
        maxBodyBytes: 1_048_576,
        record: undefined,
        endpoint: undefined,
        timeoutMs: 5000,
        json: false,
      },
    ],
    [
      [
        'listen',
        '--port',
        '0',
        '--path',
        '/hook',
        '--max-body',
        '512kb',
        '--record',
        'r.jsonl',
        '--endpoint',
        'http://127.0.0.1:3000/webhook',
        '--timeout',
        '200',
        '--verify-token',
        'vt',
        '--app-secret',
        's',
      ],
      'listen',
      {
        port: 0,
        path: '/hook',
        maxBodyBytes: 524_288,
        record: 'r.jsonl',
        endpoint: 'http://127.0.0.1:3000/webhook',
        timeoutMs: 200,
        verifyToken: 'vt',
        appSecret: 's',
      },
    ],
    [
      [
        'replay',
        'a.jsonl',
        'dir',
        '--endpoint',
        'http://127.0.0.1:3000/webhook',
        '--concurrency',
        '8',
        '--repeat',
        '2',
        '--rate',
        '5.5',
        '--filter',
        'referral,summary',
        '--on-error',
        'skip',
        '--timeout',
        '100',
        '--no-legacy-signature',
        '--api-version',
        'v25.0',
        '--json',
      ],
      'replay',
      {
        inputs: ['a.jsonl', 'dir'],
        endpoint: 'http://127.0.0.1:3000/webhook',
        appSecret: undefined,
        concurrency: 8,
        repeat: 2,
        rate: 5.5,
        filter: ['referral', 'summary'],
        onError: 'skip',
        timeoutMs: 100,
        legacySignature: false,
        apiVersion: 'v25.0',
        json: true,
      },
    ],
    [
      ['verify', '--endpoint', 'http://127.0.0.1:3000/webhook', '--timeout', '2000'],
      'verify',
      {
        endpoint: 'http://127.0.0.1:3000/webhook',
        appSecret: undefined,
        verifyToken: undefined,
        apiVersion: 'v26.0',
        timeoutMs: 2000,
        json: false,
      },
    ],
    [
      ['leads', '--format', 'csv', '--out', 'l.csv', '--rate', '0.5', '--limit', '3', '--psid', '9'],
      'leads',
      { ...GRAPH, format: 'csv', out: 'l.csv', rate: 0.5, limit: 3, psid: '9' },
    ],
    [['leads', '--json'], 'leads', { ...GRAPH, format: 'json', out: undefined, rate: 2, limit: undefined, psid: undefined }],
    [
      [
        'events',
        'lead-submitted',
        '--psid',
        '1',
        '--via',
        'conversions-api',
        '--dataset-id',
        '77',
        '--event-time',
        '1700000000',
        '--event-name',
        'Lead',
        '--partner-agent',
        'crm',
        '--dry-run',
      ],
      'eventsLeadSubmitted',
      {
        ...GRAPH,
        psid: '1',
        via: 'conversions-api',
        apiVersionGiven: false,
        appId: undefined,
        loggingTarget: 'page',
        datasetId: '77',
        eventTime: 1_700_000_000,
        eventName: 'Lead',
        partnerAgent: 'crm',
        dryRun: true,
      },
    ],
    [['test'], 'test', { suite: 'lead-kit.test.json', schema: false, reporter: 'default', json: false, githubAnnotations: false }],
    [['test', 'ci.json', '--reporter', 'junit', '--output', 'r.xml'], 'test', { suite: 'ci.json', reporter: 'junit', output: 'r.xml' }],
    [
      ['simulate', '--graph-url', 'http://127.0.0.1:4010/', '--expect', 'reply:once'],
      'simulate',
      { mock: { port: 4010, graphUrl: 'http://127.0.0.1:4010', expectations: [{ kind: 'reply-once' }], withinMs: 2000 } },
    ],
    [
      ['events', 'lead-submitted', '--psid', '1', '--api-version', 'v20.0', '--logging-target', 'app'],
      'eventsLeadSubmitted',
      { apiVersion: 'v20.0', apiVersionGiven: true, via: 'messaging-events', loggingTarget: 'app' },
    ],
  ];

  it.each(table)('%j → %s', async (argv, run, expected) => {
    const r = await parse(argv);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.run).toBe(run);
    expect(r.opts ?? {}).toMatchObject(expected);
  });

  it('the defaults-only cases are the whole options object (nothing left untyped)', async () => {
    expect((await parse(['simulate'])).opts).toEqual(table[0]![2]);
    expect((await parse(['mock'])).opts).toEqual(table.find(([a]) => a.length === 1 && a[0] === 'mock')![2]);
    expect((await parse(['listen'])).opts).toEqual(table.find(([a]) => a.length === 1 && a[0] === 'listen')![2]);
    expect((await parse(['page', 'status', '--cr-flag', 'either'])).opts).toEqual({ ...GRAPH, crFlag: 'either' });
  });
});

describe('flags > env > config file > defaults, typed the same way', () => {
  it('env values go through the flag parser', async () => {
    const r = await parse(['page', 'status'], {
      LEAD_KIT_PAGE_ID: '42',
      LEAD_KIT_PAGE_TOKEN: 'tok',
      LEAD_KIT_GRAPH_URL: 'http://127.0.0.1:4010',
    });
    expect(r.opts).toMatchObject({ pageId: '42', token: 'tok', graphUrl: 'http://127.0.0.1:4010' });
    const bad = await parse(['page', 'status'], { LEAD_KIT_PAGE_ID: 'abc' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('LEAD_KIT_PAGE_ID: --page-id "abc" is not a numeric id');
    expect(bad.run).toBeUndefined();
  });

  it('the config file fills what flags and env leave open', async () => {
    const cfg = mkdtempSync(join(tmpdir(), 'lead-kit-program-cfg-'));
    writeFileSync(
      join(cfg, 'lead-kit.config.json'),
      JSON.stringify({
        pageId: '7',
        appId: '8',
        appName: 'CRM',
        apiVersion: 'v24.0',
        endpoint: 'http://127.0.0.1:3000/webhook',
        apps: [{ id: '9', name: 'Nine' }],
      }),
    );
    try {
      expect((await parse(['page', 'subscriptions'], {}, cfg)).opts).toMatchObject({
        pageId: '7',
        appId: '8',
        apiVersion: 'v24.0',
        appNames: { '8': 'CRM', '9': 'Nine' },
      });
      expect((await parse(['page', 'subscriptions', '--page-id', '1'], { LEAD_KIT_PAGE_ID: '2' }, cfg)).opts).toMatchObject({
        pageId: '1',
      });
      expect((await parse(['page', 'subscriptions'], { LEAD_KIT_PAGE_ID: '2' }, cfg)).opts).toMatchObject({ pageId: '2' });
      expect((await parse(['simulate'], {}, cfg)).opts).toMatchObject({
        endpoint: 'http://127.0.0.1:3000/webhook',
        apiVersion: 'v24.0',
        lead: { pageId: '7', appId: '8', appName: 'CRM' },
      });
      // a config file's endpoint never turns `webhook` from printing into sending
      expect((await parse(['webhook', 'referral'], {}, cfg)).opts).toMatchObject({ endpoint: undefined });
    } finally {
      rmSync(cfg, { recursive: true, force: true });
    }
  });
});

describe('old spellings: hidden aliases with a one-line deprecation', () => {
  const aliases: Array<[string[], string, Record<string, unknown>, string]> = [
    [
      ['webhook', 'referral', '--send', 'http://127.0.0.1:1/x'],
      'webhook',
      { endpoint: 'http://127.0.0.1:1/x' },
      '--send is deprecated; use --endpoint',
    ],
    [
      ['verify', 'http://127.0.0.1:1/x'],
      'verify',
      { endpoint: 'http://127.0.0.1:1/x' },
      'verify <url> is deprecated; use verify --endpoint <url>',
    ],
    [['verify', '--endpoint', 'http://127.0.0.1:1/x', '--wait', '50'], 'verify', { timeoutMs: 50 }, '--wait is deprecated; use --timeout'],
    [
      ['mock', '--webhook-url', 'http://127.0.0.1:1/x'],
      'mock',
      { endpoint: 'http://127.0.0.1:1/x' },
      '--webhook-url is deprecated; use --endpoint',
    ],
    [
      ['listen', '--forward-to', 'http://127.0.0.1:1/x'],
      'listen',
      { endpoint: 'http://127.0.0.1:1/x' },
      '--forward-to is deprecated; use --endpoint',
    ],
    [['listen', '--forward-timeout', '70'], 'listen', { timeoutMs: 70 }, '--forward-timeout is deprecated; use --timeout'],
    [['thread', 'pass', '--psid', '1', '--app-id', '5'], 'thread', { target: '5' }, '--app-id is deprecated; use --target'],
    [['page', 'owner', '--psid', '1', '--name', '5=Five'], 'pageOwner', { appNames: { '5': 'Five' } }, '--name is deprecated; use --app'],
    [
      ['simulate', '--standby-app', '5:Five'],
      'simulate',
      { lead: { otherApps: [{ id: '5', name: 'Five' }] } },
      '--standby-app is deprecated; use --app',
    ],
    [
      ['simulate', '--app-id', '5', '--app-name', 'CRM'],
      'simulate',
      { lead: { appId: '5', appName: 'CRM', otherApps: [] } },
      '--app-name is deprecated; use --app 5:"CRM"',
    ],
    [
      ['init', '--app-id', '5:CRM', '--yes'],
      'init',
      { app: { id: '5', name: 'CRM' } },
      '--app-id <id:name> (repeated) is deprecated; use --app-id <id> for your app and --app <id:name> for each app',
    ],
  ];

  it.each(aliases)('%j', async (argv, run, expected, warning) => {
    const r = await parse(argv);
    expect(r.code).toBe(0);
    expect(r.run).toBe(run);
    expect(r.opts).toMatchObject(expected);
    expect(r.stderr).toBe(`lead-kit: warning: ${warning}\n`);
    if (run === 'init') return; // init has no --json
    const json = await parse([...argv, '--json']);
    expect(json.stderr).toBe(`${JSON.stringify({ warning: { message: warning } })}\n`);
  });

  it('old spellings are not in --help', async () => {
    const deps = createTestDeps({ cwd: dir });
    await main(['listen', '--help'], deps);
    expect(deps.io.stdout()).toContain('--endpoint <url>');
    expect(deps.io.stdout()).not.toContain('--forward-to');
  });
});

describe('help', () => {
  it('help <command> and help <command> <sub-command> print that help (exit 0)', async () => {
    for (const [argv, usage] of [
      [['help', 'simulate'], 'Usage: lead-kit simulate'],
      [['help', 'page', 'owner'], 'Usage: lead-kit page owner'],
      [['help'], 'Usage: lead-kit [options] [command]'],
    ] as const) {
      const deps = createTestDeps({ cwd: dir });
      expect(await main([...argv], deps)).toBe(0);
      expect(deps.io.stdout()).toContain(usage);
    }
  });
});

describe('usage errors are exit 2 before anything runs', () => {
  const bad: Array<[string[], RegExp]> = [
    [['simulate', 'nope'], /^lead-kit: unknown scenario "nope" — use one of complete, incomplete/],
    [['simulate', '--timeout', '0'], /--timeout "0" must be a whole number ≥ 1/],
    [['simulate', '--expect', 'reply'], /--expect checks the Graph calls your app makes, so it needs --mock/],
    [['simulate', '--endpoint', 'ftp://x'], /--endpoint "ftp:\/\/x" must be an http:\/\/ or https:\/\/ URL/],
    [['webhook', 'lead'], /unknown webhook kind "lead"/],
    [['webhook', 'referral', '--set', 'nope'], /--set "nope" is not "\/json\/pointer=value"/],
    [['page', 'owner'], /required option '--psid <psid>' not specified/],
    [['page', 'status', '--cr-flag', 'maybe'], /--cr-flag "maybe" is not one of msgr_multi_app, hop_v2, either, ignore/],
    [['thread', 'take', '--psid', '1', '--via', 'send-api'], /unknown option '--via'/],
    [['thread', 'extend', '--psid', '1'], /required option '--duration <seconds>' not specified/],
    [
      ['mock', '--endpoint', 'http://127.0.0.1:1/x', '--config', 'm.json'],
      /option '--endpoint <url>' cannot be used with option '--config <file>'/,
    ],
    [['listen', '--path', 'hook'], /--path "hook" must start with \//],
    [['replay', 'a.jsonl'], /--endpoint is required/],
    [['replay', 'a.jsonl', '--endpoint', 'http://127.0.0.1:1/x', '--filter', 'bogus'], /--filter "bogus" is not an event kind/],
    [['leads', '--json', '--format', 'csv'], /--json and --format csv contradict each other/],
    [['verify'], /--endpoint is required/],
    [['simulate', 'form', '--batch', '2'], /--batch packs several leads, which only the form-batch scenario has, not form/],
    [['simulate', 'form', '--entries', '2'], /--entries belongs to the form-batch scenario, not form/],
    [['simulate', '--retries', 'sometimes'], /--retries "sometimes" is not one of none, meta/],
    [['simulate', '--retry-count', '0'], /--retry-count "0" must be a whole number from 1 to 20/],
    [['simulate', '--graph-url', 'http://127.0.0.1:4010', '--interrupt'], /--interrupt needs the mock simulate starts \(--mock\)/],
    [['simulate', '--interrupt'], /--interrupt checks what your app sends during the lead flow, so it needs --mock/],
    [['webhook', 'message', '--batch-shape', 'pile'], /--batch-shape "pile" is not one of mixed, entries, one-entry/],
    [['leads', '--form', '1', '--ad', '2'], /option '--form <id>' cannot be used with option '--ad <id>'/],
    [['leads', '--since', '2026-11-01'], /--since and --until filter Instant Form leads: they need --form or --ad/],
    [['webhook', 'leadgen', '--dashboard-sample', '--organic'], /--dashboard-sample is a fixed payload/],
    [['thread'], /Usage: lead-kit thread/],
    [['page'], /Usage: lead-kit page/],
    [['template'], /Usage: lead-kit template/],
    [['events'], /Usage: lead-kit events/],
    [['help', 'nope'], /^lead-kit: unknown command "nope" — use one of simulate, webhook/],
    [['help', 'page', 'nope'], /^lead-kit: unknown command "page nope" — use one of status, owner, subscriptions, permissions/],
  ];

  it.each(bad)('%j', async (argv, message) => {
    const r = await parse(argv);
    expect(r.code).toBe(2);
    expect(r.run).toBeUndefined();
    expect(r.stderr).toMatch(message);
  });

  it('with --json, commander parse errors are one JSON line on stderr too', async () => {
    for (const argv of [
      ['simulate', '--bogus'],
      ['page', 'owner'],
      ['thread', 'pass', '--psid', '1', '--via', 'x'],
      ['replay', '--json'],
    ]) {
      const r = await parse([...argv, '--json']);
      expect(r.code, argv.join(' ')).toBe(2);
      const lines = r.stderr.trim().split('\n');
      expect(lines, argv.join(' ')).toHaveLength(1);
      expect(JSON.parse(lines[0]!), argv.join(' ')).toMatchObject({ error: { code: 'USAGE', message: expect.any(String) } });
    }
  });
});
