import { Option, type Command } from 'commander';
import type { DeliveryOptions, LeadOptions } from '../commands/shared/lead.js';
import type { Answer } from '../webhooks/build.js';
import { parseAnswerFlag } from '../webhooks/answers.js';
import { freshPsid } from '../webhooks/psid.js';
import type { BodyEncoding } from '../webhooks/serialize.js';
import { UsageError } from '../errors.js';
import type { IO } from '../io/deps.js';
import { warn } from '../io/output.js';
import {
  alias,
  apiVersionOption,
  appIdOption,
  appOption,
  appSecretOption,
  digits,
  legacySignatureOption,
  option,
  pageIdOption,
  repeatable,
  timeoutOption,
  type NamedApp,
} from './options.js';
import type { SettingSpec } from './settings.js';

export const answerArg = repeatable((raw: string): Answer => {
  try {
    return parseAnswerFlag(raw);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
});

/** Flags that describe the lead: shared by `simulate` and `webhook`. */
export function addLeadOptions(cmd: Command): Command {
  const app = appOption(
    'another app connected to the Page, with a name; it gets standby copies (repeatable; --app <your app id>:<name> names your app)',
  );
  return cmd
    .addOption(pageIdOption('542998526103632'))
    .addOption(
      option('--psid <id>', "the person's Page-scoped id (new: a fresh one for this run)", {
        defaultText: '5794982867201265',
        parse: (raw) => (raw === 'new' ? freshPsid() : digits('--psid', '24680135792468013')(raw)),
      }),
    )
    .addOption(appIdOption('your app: it gets thread control after the flow').default(undefined, '2262510160704936'))
    .addOption(app)
    .addOption(alias('--standby-app <id[:name]>', app))
    .addOption(option('--app-name <name>', 'old spelling of --app <your app id>:<name>').hideHelp())
    .addOption(option('--ad-id <id>', 'the lead ad id', { parse: digits('--ad-id', '6302572858686') }))
    .addOption(option('--ad-title <title>', 'the lead ad title'))
    .addOption(
      option('--answer <q=a>', 'a question and its answer, "Question?=Answer" (repeatable; replaces the default answers)', {
        parse: answerArg,
      }),
    )
    .addOption(option('--answers <file>', 'answers from a JSON file: [{"question","answer"}] or {"Question?": "Answer"}'))
    .addOption(
      new Option('--app-id-type <type>', "write app ids as JSON numbers (as Meta's lead-ad examples) or strings (as the reference)")
        .choices(['number', 'string'])
        .default('number'),
    )
    .addOption(
      new Option(
        '--timestamps <style>',
        "doc: as in Meta's examples (ms for handover, s for summary/referral); ms: milliseconds everywhere",
      )
        .choices(['doc', 'ms'])
        .default('doc'),
    );
}

/** Flags that say how deliveries are signed and sent: shared by every command that POSTs webhooks. */
export function addDeliveryOptions(cmd: Command): Command {
  return cmd
    .addOption(appSecretOption('signs the deliveries'))
    .addOption(
      new Option('--body-encoding <encoding>', "meta: Meta's escaped form (\\uXXXX, \\/); meta-html: also <>&%@; utf8: plain UTF-8")
        .choices(['meta', 'meta-html', 'utf8'] satisfies BodyEncoding[])
        .default('meta'),
    )
    .addOption(legacySignatureOption())
    .addOption(apiVersionOption('Facebook-API-Version header'))
    .addOption(timeoutOption("a delivery must be answered within this many ms (Meta's limit: 5000)", 5000));
}

/** Precedence specs (flags > env > config > defaults) for the lead and delivery flags. */
export const leadSettings: SettingSpec[] = [
  { key: 'pageId', env: 'LEAD_KIT_PAGE_ID', config: 'pageId' },
  { key: 'psid', config: 'psid' },
  { key: 'appId', config: 'appId' },
  { key: 'appName', config: 'appName' },
  { key: 'adId', config: 'adId' },
  { key: 'answer', config: 'answers' },
];

export const deliverySettings: SettingSpec[] = [
  { key: 'appSecret', env: 'LEAD_KIT_APP_SECRET', secret: true },
  { key: 'apiVersion', config: 'apiVersion' },
];

export interface LeadValues {
  pageId?: string;
  psid?: string;
  appId?: string;
  appName?: string;
  app?: NamedApp[];
  adId?: string;
  adTitle?: string;
  answer?: Answer[];
  answers?: string;
  summary?: boolean;
  keyword?: string;
  appIdType: 'number' | 'string';
  timestamps: 'doc' | 'ms';
}

export interface DeliveryValues {
  appSecret?: string;
  bodyEncoding: BodyEncoding;
  legacySignature: boolean;
  apiVersion: string;
  timeout: number;
}

/**
 * The typed lead from resolved values. `--app <id:name>` with your app's id names your app; the other apps get
 * standby copies. The old `--app-name <name>` still names your app, with a deprecation warning.
 */
export function leadOptions(v: LeadValues, appNameFromFlag: boolean, io: IO): LeadOptions {
  const apps = v.app ?? [];
  const mine = apps.find((a) => a.id === (v.appId ?? ''));
  if (appNameFromFlag) warn(io, `--app-name is deprecated; use --app ${v.appId ?? '<app-id>'}:"${v.appName ?? ''}"`);
  const appName = mine?.name ?? v.appName;
  const o: LeadOptions = {
    summary: v.summary !== false,
    otherApps: apps.filter((a) => a !== mine).map((a) => ({ id: a.id, name: a.name ?? `app ${a.id}` })),
    appIdType: v.appIdType,
    timestamps: v.timestamps,
  };
  if (v.pageId !== undefined) o.pageId = v.pageId;
  if (v.psid !== undefined) o.psid = v.psid;
  if (v.appId !== undefined) o.appId = v.appId;
  if (appName !== undefined) o.appName = appName;
  if (v.adId !== undefined) o.adId = v.adId;
  if (v.adTitle !== undefined) o.adTitle = v.adTitle;
  if (v.answer !== undefined) o.answers = v.answer;
  if (v.answers !== undefined) o.answersFile = v.answers;
  if (v.keyword !== undefined) o.keyword = v.keyword;
  return o;
}

export function deliveryOptions(v: DeliveryValues): DeliveryOptions {
  return {
    appSecret: v.appSecret === '' ? undefined : v.appSecret,
    bodyEncoding: v.bodyEncoding,
    legacySignature: v.legacySignature,
    apiVersion: v.apiVersion,
    timeoutMs: v.timeout,
  };
}
