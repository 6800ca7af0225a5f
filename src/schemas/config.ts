import { z } from 'zod';
import { describeValue, typeError } from './messages.js';

/**
 * zod schema of `lead-kit.config.json`: the settings a project shares (and commits). Secrets are never stored
 * here — src/config/secrets.ts rejects secret-looking keys before this schema runs. Ids may be written as
 * strings or numbers and come out as strings.
 */

const numericId = (what: string, example: string) => {
  const error = (iss: { input?: unknown }): string =>
    `${what} must be a numeric id${iss.input === undefined ? '' : `, not ${describeValue(iss.input)}`} — e.g. "${example}"`;
  return z
    .union([z.string().regex(/^\d+$/, { error }), z.number().int({ error }).positive({ error })], { error })
    .transform((v) => String(v));
};

const HTTP_URL = /^https?:\/\/[^\s/?#]+(?:[/?#]\S*)?$/;
const url = (what: string, example: string) =>
  z
    .string({ error: typeError(what, 'a URL', `"${example}"`) })
    .regex(HTTP_URL, { error: (iss) => `${what} is ${describeValue(iss.input)}, not an absolute http(s) URL — e.g. "${example}"` });

/** A connected app: the id the Page knows it by, a name for output, and where its webhooks go. */
export const configAppSchema = z.strictObject({
  id: numericId('app "id"', '2262510160704936'),
  name: z
    .string({ error: typeError('app "name"', 'a string', '"CRM bot"') })
    .min(1, { error: 'app "name" is empty — write a name to show in output' }),
  webhookUrl: url('"webhookUrl"', 'http://127.0.0.1:3000/webhook').optional(),
});

/** One lead-form question with its default answer. */
export const configAnswerSchema = z.strictObject({
  question: z
    .string({ error: typeError('"question"', 'a string', '"What city is your store located?"') })
    .min(1, { error: '"question" is empty — write the question the lead form asks' }),
  answer: z.string({ error: typeError('"answer"', 'a string', '"Zürich"') }),
});

/** The whole config file; every key is optional. */
export const configSchema = z.strictObject({
  /** editor hint; ignored */
  $schema: z.string().optional(),
  /** the Page the lead ad runs on */
  pageId: numericId('"pageId"', '542998526103632').optional(),
  /** the person's Page-scoped id in generated webhooks */
  psid: numericId('"psid"', '5794982867201265').optional(),
  /** the app under test: receives thread control after the lead flow */
  appId: numericId('"appId"', '2262510160704936').optional(),
  /** a name for the app under test in output */
  appName: z
    .string({ error: typeError('"appName"', 'a string', '"CRM bot"') })
    .min(1)
    .optional(),
  /** the lead ad id */
  adId: numericId('"adId"', '6302572858686').optional(),
  /** default answers of the lead form, in order */
  answers: z
    .array(configAnswerSchema, { error: typeError('"answers"', 'a list of {"question", "answer"}') })
    .min(1, { error: '"answers" is empty — add at least one {"question", "answer"}' })
    .optional(),
  /** the app's webhook URL */
  endpoint: url('"endpoint"', 'http://127.0.0.1:3000/webhook').optional(),
  /** Graph API version, e.g. v26.0 */
  apiVersion: z
    .string({ error: typeError('"apiVersion"', 'a string', '"v26.0"') })
    .regex(/^v\d{1,2}\.\d$/, {
      error: (iss) => `"apiVersion" is ${describeValue(iss.input)}, not a Graph API version — write it like "v26.0"`,
    })
    .optional(),
  /** Graph API base URL, e.g. a local `lead-kit mock` */
  graphUrl: url('"graphUrl"', 'http://127.0.0.1:4010').optional(),
  /** apps connected to the Page (other commands show their names) */
  apps: z.array(configAppSchema, { error: typeError('"apps"', 'a list of {"id", "name", "webhookUrl"}') }).optional(),
});

/** The validated config file, ids as strings. */
export type Config = z.output<typeof configSchema>;
