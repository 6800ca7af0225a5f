import { Option, type Command } from 'commander';
import type { SettingSpec } from './settings.js';

/** Appends repeatable option values. */
export const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** The project config file flag, on every command that reads lead-kit.config.json. */
export const configOption = (): Option => new Option('--config <file>', 'config file (default: ./lead-kit.config.json when it exists)');

export const jsonOption = (what = 'print one JSON document on stdout instead of text'): Option => new Option('--json', what);

/** Flags that describe the lead: shared by `simulate` and `webhook`. */
export function addLeadFlags(cmd: Command): Command {
  return cmd
    .option('--page-id <id>', 'Page id (env LEAD_KIT_PAGE_ID)')
    .option('--psid <id>', "the person's Page-scoped id (new: a fresh one for this run)")
    .option('--app-id <id>', 'the connected app that receives control after the flow')
    .option('--app-name <name>', 'a name for the connected app in the output')
    .option('--ad-id <id>', 'the lead ad id')
    .option('--ad-title <title>', 'the lead ad title')
    .option('--answer <q=a>', 'a question and its answer, "Question?=Answer" (repeatable; replaces the default answers)', collect)
    .option('--answers <file>', 'answers from a JSON file: [{"question","answer"}] or {"Question?": "Answer"}')
    .addOption(new Option('--app-id-type <type>', 'write app ids as JSON numbers (as Meta\'s lead-ad examples) or strings (as the reference)').choices(['number', 'string']))
    .addOption(new Option('--timestamps <style>', 'doc: as in Meta\'s examples (ms for handover, s for summary/referral); ms: milliseconds everywhere').choices(['doc', 'ms']));
}

/** Flags that say how deliveries are signed and sent: shared by every command that POSTs webhooks. */
export function addDeliveryFlags(cmd: Command): Command {
  return cmd
    .option('--app-secret <secret>', 'app secret that signs the deliveries (env LEAD_KIT_APP_SECRET)')
    .addOption(new Option('--body-encoding <encoding>', "meta: Meta's escaped form (\\uXXXX, \\/); meta-html: also <>&%@; utf8: plain UTF-8").choices(['meta', 'meta-html', 'utf8']))
    .option('--no-legacy-signature', 'do not send the legacy X-Hub-Signature (sha1) header')
    .option('--api-version <version>', 'Facebook-API-Version header (default v26.0)')
    .option('--timeout <ms>', "a delivery must be answered within this many ms (Meta's limit: 5000)");
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
  { key: 'bodyEncoding', default: 'meta' },
  { key: 'apiVersion', config: 'apiVersion', default: 'v26.0' },
  { key: 'timeout', default: '5000' },
];
