import { readFile } from 'node:fs/promises';
import { InputError, UsageError } from '../errors.js';
import { AnswersError, parseAnswerFlag, parseAnswersFile } from '../webhooks/answers.js';
import type { Answer } from '../webhooks/build.js';
import { DEFAULTS } from '../webhooks/defaults.js';
import type { App, FlowInput } from '../webhooks/flow.js';
import type { AppIdType } from '../webhooks/ids.js';
import { freshPsid } from '../webhooks/psid.js';

/** The raw lead flags shared by `simulate` and `webhook`, after flag/env/config precedence. */
export interface LeadFlags {
  pageId?: string;
  psid?: string;
  appId?: string;
  appName?: string;
  adId?: string;
  adTitle?: string;
  /** `--answer` strings, or answers from the config file */
  answer?: Array<string | Answer>;
  answers?: string;
  summary?: boolean;
  keyword?: string;
  standbyApp?: string[];
  appIdType?: string;
  timestamps?: string;
}

const digits = (flag: string, v: string): string => {
  if (!/^\d+$/.test(v)) throw new UsageError(`${flag} "${v}" is not a numeric id`, { hint: `pass the digits only, e.g. ${flag} 1234567890` });
  return v;
};

/** `id` or `id:name` */
export function parseApp(flag: string, raw: string): App {
  const colon = raw.indexOf(':');
  const id = digits(flag, colon === -1 ? raw : raw.slice(0, colon));
  return { id, name: colon === -1 ? `app ${id}` : raw.slice(colon + 1) };
}

/** Reads `--answers`, applies `--answer`, fills defaults, and checks ids. */
export async function resolveLeadInput(flags: LeadFlags, cwd: string, startMs: number): Promise<FlowInput> {
  let answers: Answer[] = [...DEFAULTS.answers];
  if (flags.answers !== undefined) {
    let text: string;
    try {
      text = await readFile(new URL(flags.answers, `file://${cwd.endsWith('/') ? cwd : cwd + '/'}`), 'utf8');
    } catch (err) {
      throw new InputError(`cannot read --answers ${flags.answers}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { hint: 'check the path' });
    }
    try {
      answers = parseAnswersFile(text, flags.answers);
    } catch (err) {
      if (err instanceof AnswersError) throw new InputError(err.message, { hint: 'fix the file, or use --answer "Question?=Answer"' });
      throw err;
    }
  }
  if (flags.answer && flags.answer.length > 0) {
    try {
      answers = flags.answer.map((a) => (typeof a === 'string' ? parseAnswerFlag(a) : a));
    } catch (err) {
      if (err instanceof AnswersError) throw new UsageError(err.message);
      throw err;
    }
  }
  if (answers.length === 0) throw new UsageError('a lead needs at least one answer', { hint: 'add --answer "Question?=Answer"' });
  const appIdType = flags.appIdType ?? 'number';
  if (appIdType !== 'number' && appIdType !== 'string') throw new UsageError(`--app-id-type must be number or string, not "${appIdType}"`);
  const timestamps = flags.timestamps ?? 'doc';
  if (timestamps !== 'doc' && timestamps !== 'ms') throw new UsageError(`--timestamps must be doc or ms, not "${timestamps}"`);
  const appId = digits('--app-id', flags.appId ?? DEFAULTS.appId);
  return {
    pageId: digits('--page-id', flags.pageId ?? DEFAULTS.pageId),
    psid: flags.psid === 'new' ? freshPsid() : digits('--psid', flags.psid ?? DEFAULTS.psid),
    app: { id: appId, name: flags.appName ?? (flags.appId === undefined ? DEFAULTS.appName : `app ${appId}`) },
    adId: digits('--ad-id', flags.adId ?? DEFAULTS.adId),
    adTitle: flags.adTitle ?? DEFAULTS.adTitle,
    postId: DEFAULTS.postId,
    photoUrl: DEFAULTS.photoUrl,
    answers,
    summary: flags.summary ?? true,
    keyword: flags.keyword ?? DEFAULTS.keyword,
    standbyApps: (flags.standbyApp ?? []).map((s) => parseApp('--standby-app', s)),
    appIdType: appIdType as AppIdType,
    startMs,
    timestamps,
  };
}

/** Checks an endpoint URL: http(s) only. */
export function parseEndpoint(flag: string, raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`${flag} "${raw}" is not a URL`, { hint: `write it in full, e.g. ${flag} http://127.0.0.1:3000/webhook` });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`${flag} "${raw}" must be an http:// or https:// URL`);
  return url;
}
