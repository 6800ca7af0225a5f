import { readFileSync } from 'node:fs';
import { InputError, UsageError } from '../../errors.js';
import { fsReason } from '../../fs/errors.js';
import { AnswersError, parseAnswersFile } from '../../webhooks/answers.js';
import type { Answer } from '../../webhooks/build.js';
import { DEFAULTS } from '../../webhooks/defaults.js';
import type { App, FlowInput } from '../../webhooks/flow.js';
import type { AppIdType } from '../../webhooks/ids.js';
import type { BodyEncoding } from '../../webhooks/serialize.js';

/** The lead flags shared by `simulate` and `webhook`, typed by the wiring (flags > env > config > defaults). */
export interface LeadOptions {
  pageId?: string;
  psid?: string;
  /** your app: it receives thread control after the flow */
  appId?: string;
  /** a name for your app in the output */
  appName?: string;
  adId?: string;
  adTitle?: string;
  /** the answers from --answer or the config file; replaces the defaults */
  answers?: Answer[];
  /** a JSON file of answers (--answers) */
  answersFile?: string;
  /** the ad sends the lead summary message */
  summary: boolean;
  keyword?: string;
  /** the other apps connected to the Page: they get standby copies */
  otherApps: App[];
  appIdType: AppIdType;
  timestamps: 'doc' | 'ms';
}

/** Reads `--answers`, applies `--answer`, and fills in the defaults. */
export async function resolveLeadInput(o: LeadOptions, cwd: string, startMs: number): Promise<FlowInput> {
  let answers: Answer[] = [...DEFAULTS.answers];
  if (o.answersFile !== undefined) {
    let text: string;
    try {
      // Read synchronously: node:fs/promises (and the modules it loads) would cost every simulate run ~1 ms.
      text = readFileSync(new URL(o.answersFile, `file://${cwd.endsWith('/') ? cwd : cwd + '/'}`), 'utf8');
    } catch (err) {
      throw new InputError(`cannot read --answers ${o.answersFile}: ${fsReason(err)}`, { hint: 'pass a JSON file of answers' });
    }
    try {
      answers = parseAnswersFile(text, o.answersFile);
    } catch (err) {
      if (err instanceof AnswersError)
        throw new InputError(err.message, { hint: err.hint ?? 'fix the file, or use --answer "Question?=Answer"' });
      throw err;
    }
  }
  if (o.answers !== undefined && o.answers.length > 0) answers = o.answers;
  if (answers.length === 0) throw new UsageError('a lead needs at least one answer', { hint: 'add --answer "Question?=Answer"' });
  const appId = o.appId ?? DEFAULTS.appId;
  return {
    pageId: o.pageId ?? DEFAULTS.pageId,
    psid: o.psid ?? DEFAULTS.psid,
    app: { id: appId, name: o.appName ?? (o.appId === undefined ? DEFAULTS.appName : `app ${appId}`) },
    adId: o.adId ?? DEFAULTS.adId,
    adTitle: o.adTitle ?? DEFAULTS.adTitle,
    postId: DEFAULTS.postId,
    photoUrl: DEFAULTS.photoUrl,
    answers,
    summary: o.summary,
    keyword: o.keyword ?? DEFAULTS.keyword,
    standbyApps: o.otherApps,
    appIdType: o.appIdType,
    startMs,
    timestamps: o.timestamps,
  };
}

/** The lead of a run with every default: what `verify` sends. */
export const DEFAULT_LEAD: LeadOptions = { summary: true, otherApps: [], appIdType: 'number', timestamps: 'doc' };

/** How deliveries are signed and sent: shared by every command that POSTs webhooks. */
export interface DeliveryOptions {
  /** signs the deliveries; undefined when none was given */
  appSecret: string | undefined;
  bodyEncoding: BodyEncoding;
  /** also send the legacy X-Hub-Signature (sha1) header */
  legacySignature: boolean;
  /** the Facebook-API-Version header */
  apiVersion: string;
  /** a delivery must be answered within this many ms */
  timeoutMs: number;
}
