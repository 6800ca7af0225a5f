import { z } from 'zod';
import { parseExpectation, expectationHelp } from '../mock/expect.js';
import { describeValue, typeError } from '../schemas/messages.js';
import { scenarios } from '../webhooks/flow.js';

/**
 * zod schema of a `lead-kit test` suite (lead-kit.test.json). A flow case takes the `simulate` inputs by their flag
 * names in snake_case; a `"verify": true` case runs the forged-delivery matrix of `lead-kit verify`.
 */

/** The values `app.env` may refer to; each is replaced by what lead-kit generated for the run. */
export const placeholders = ['graph_url', 'page_token', 'app_secret', 'verify_token', 'page_id', 'app_id'] as const;
export type Placeholder = (typeof placeholders)[number];

const HTTP_URL = /^https?:\/\/[^\s/?#]+(?:[/?#]\S*)?$/;
const url = (what: string, example: string) =>
  z
    .string({ error: typeError(what, 'a URL', `"${example}"`) })
    .regex(HTTP_URL, { error: (iss) => `${what} is ${describeValue(iss.input)}, not an absolute http(s) URL — e.g. "${example}"` });
const int = (what: string, min: number, max: number, example: number) =>
  z
    .number({ error: typeError(what, 'a number', String(example)) })
    .int({ error: (iss) => `${what} must be a whole number, not ${describeValue(iss.input)} — e.g. ${example}` })
    .min(min, { error: `${what} must be at least ${min}` })
    .max(max, { error: `${what} must be at most ${max}` });
const digits = (what: string, example: string) =>
  z
    .string({ error: typeError(what, 'a string of digits', `"${example}"`) })
    .regex(/^\d+$/, { error: (iss) => `${what} must be a numeric id, not ${describeValue(iss.input)} — e.g. "${example}"` });

const envValue = z.string({ error: typeError('an app.env value', 'a string', '"{graph_url}"') }).superRefine((v, ctx) => {
  for (const m of v.matchAll(/\{([a-z_]+)\}/g)) {
    if (!(placeholders as readonly string[]).includes(m[1]!))
      ctx.addIssue({
        code: 'custom',
        message: `unknown placeholder {${m[1]}} — use one of ${placeholders.map((p) => `{${p}}`).join(', ')}`,
      });
  }
});

const appSchema = z
  .strictObject({
    command: z
      .string({ error: typeError('app.command', 'a string', '"node app.js"') })
      .min(1, { error: 'app.command is empty — write the shell command that starts your app, e.g. "node app.js"' }),
    webhook: url('app.webhook', 'http://127.0.0.1:3000/webhook'),
    cwd: z
      .string({ error: typeError('app.cwd', 'a string', '"."') })
      .optional()
      .meta({ description: "the app's working directory, relative to the suite file (default: the suite file's folder)" }),
    env: z
      .record(z.string(), envValue, { error: typeError('app.env', 'an object of strings', '{"PORT": "3000"}') })
      .optional()
      .meta({ description: `environment for the app; values may hold ${placeholders.map((p) => `{${p}}`).join(' ')}` }),
    ready_url: url('app.ready_url', 'http://127.0.0.1:3000/health')
      .optional()
      .meta({ description: 'the app is ready when this URL answers 2xx (default: when app.webhook accepts connections)' }),
    ready_timeout_ms: int('app.ready_timeout_ms', 1, 600_000, 10000)
      .optional()
      .meta({ description: 'how long the app may take to become ready (default 10000)' }),
  })
  .meta({ description: 'the app under test: how to start it and where it receives webhooks' });

const expectation = z.string({ error: typeError('an expectation', 'a string', '"reply:once"') }).superRefine((v, ctx) => {
  try {
    parseExpectation(v);
  } catch {
    ctx.addIssue({ code: 'custom', message: `"${v}" is not an expectation — use ${expectationHelp}` });
  }
});

const answer = z.strictObject({
  question: z
    .string({ error: typeError('"question"', 'a string', '"What city is your store located?"') })
    .min(1, { error: '"question" is empty — write the question the lead form asks' }),
  answer: z.string({ error: typeError('"answer"', 'a string', '"Zürich"') }),
});

/** The flow keys: only a flow case may have them. */
const flowKeys = [
  'scenario',
  'answers',
  'summary',
  'duplicate',
  'shuffle',
  'seed',
  'delay_ms',
  'keyword',
  'standby_apps',
  'psid',
  'expect',
  'expect_within_ms',
] as const;

const caseSchema = z
  .strictObject({
    name: z
      .string({ error: typeError('case "name"', 'a string', '"complete lead"') })
      .min(1, { error: 'case "name" is empty — name the case; it names the test in the reports' }),
    verify: z
      .boolean({ error: typeError('"verify"', 'true or false', 'true') })
      .optional()
      .meta({ description: "true: run lead-kit verify's forged-delivery matrix against app.webhook" }),
    scenario: z
      .enum(scenarios, { error: (iss) => `"scenario" is ${describeValue(iss.input)} — use one of ${scenarios.join(', ')}` })
      .optional()
      .meta({ description: 'default complete' }),
    answers: z
      .union([z.record(z.string(), z.string()), z.array(answer)], {
        error: '"answers" must be an object {"Question?": "Answer"} or a list [{"question", "answer"}]',
      })
      .optional(),
    summary: z
      .boolean({ error: typeError('"summary"', 'true or false', 'false') })
      .optional()
      .meta({ description: 'false: the ad sends no lead summary message' }),
    duplicate: z
      .union([z.literal(true), int('"duplicate"', 1, 100, 1)], { error: '"duplicate" must be true (step 1) or a step number — e.g. 3' })
      .optional()
      .meta({ description: 'deliver this step twice, as Meta retries do' }),
    shuffle: z.boolean({ error: typeError('"shuffle"', 'true or false', 'true') }).optional(),
    seed: int('"seed"', 1, 2 ** 31, 8).optional(),
    delay_ms: int('"delay_ms"', 0, 600_000, 200).optional(),
    keyword: z
      .string({ error: typeError('"keyword"', 'a string', '"support"') })
      .min(1)
      .optional(),
    standby_apps: z
      .array(
        z.string({ error: typeError('a standby app', 'a string', '"777000:CRM"') }).regex(/^\d+(:.+)?$/, {
          error: (iss) => `a standby app is ${describeValue(iss.input)} — write "id" or "id:name", e.g. "777000:CRM"`,
        }),
      )
      .optional(),
    psid: digits('"psid"', '5794982867201265').optional().meta({ description: 'the person (default: a fresh PSID for each case)' }),
    expect: z
      .array(expectation, { error: typeError('"expect"', 'a list', '["reply:once"]') })
      .optional()
      .meta({ description: expectationHelp }),
    expect_within_ms: int('"expect_within_ms"', 0, 600_000, 2000).optional(),
  })
  .superRefine((c, ctx) => {
    if (c.verify !== true) return;
    for (const k of flowKeys)
      if (c[k] !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: [k],
          message: `"${k}" belongs to a flow case, not a "verify": true case — move it to a case of its own`,
        });
  })
  .meta({ description: 'a lead flow (the simulate inputs in snake_case) or, with "verify": true, the forged-delivery matrix' });

export const suiteSchema = z
  .strictObject({
    $schema: z.string().optional(),
    app: appSchema,
    defaults: z
      .strictObject({
        expect_within_ms: int('defaults.expect_within_ms', 0, 600_000, 2000)
          .optional()
          .meta({ description: 'how long each case waits for the expected calls (default 2000)' }),
        delay_ms: int('defaults.delay_ms', 0, 600_000, 0).optional(),
      })
      .optional(),
    cases: z
      .array(caseSchema, { error: typeError('"cases"', 'a list', '[{"name": "complete lead", "scenario": "complete"}]') })
      .min(1, { error: '"cases" is empty — add at least one case' }),
  })
  .meta({
    title: 'lead-kit test suite',
    description: 'lead-kit test: start the app, run isolated lead flows against a fresh mock Graph API, check what the app did',
  });

export type Suite = z.infer<typeof suiteSchema>;
export type SuiteCase = Suite['cases'][number];

/** The JSON Schema of a suite file, generated from the same zod schema (`lead-kit test --schema`). */
export function suiteJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(suiteSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
