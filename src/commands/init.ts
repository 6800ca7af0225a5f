import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Deps } from '../cli/deps.js';
import type { Prompter } from '../cli/prompter.js';
import { CONFIG_FILE, parseConfigText } from '../config/load.js';
import { writeFileAtomic } from '../config/write.js';
import { UsageError } from '../errors.js';
import { parseAnswerFlag } from '../webhooks/answers.js';
import type { Answer } from '../webhooks/build.js';
import { DEFAULTS } from '../webhooks/defaults.js';
import { writeStarterSuite } from './init-test-suite.js';
import { parseApp, parseEndpoint } from './lead-input.js';

/** Flag values of `lead-kit init` (after env precedence for the page id). */
export interface InitSettings {
  pageId?: string;
  /** `id` or `id:name`; the first is the app under test, the others further connected apps */
  appId?: string[];
  endpoint?: string;
  /** `Question=Answer` */
  answer?: string[];
  yes?: boolean;
  force?: boolean;
  /** where to write @default lead-kit.config.json */
  config?: string;
  /** also write a starter lead-kit.test.json (asked on a terminal when not given) */
  testSuite?: boolean;
}

/** True when CI is set to anything but "false"/"0": init never prompts there. */
export function isCI(env: Deps['env']): boolean {
  const ci = env.CI;
  return ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
}

const digits = (v: string): true | string => (/^\d+$/.test(v.trim()) ? true : 'digits only, e.g. 542998526103632');
const endpointOk = (v: string): true | string => {
  if (v.trim() === '') return true;
  try {
    parseEndpoint('endpoint', v.trim());
    return true;
  } catch {
    return 'an http(s) URL, e.g. http://127.0.0.1:3000/webhook (or empty for the embedded receiver)';
  }
};

interface Answers {
  pageId: string;
  apps: Array<{ id: string; name: string }>;
  endpoint: string;
  answers: Answer[];
}

async function ask(s: InitSettings, p: Prompter): Promise<Answers> {
  const pageId = s.pageId ?? (await p.input({ message: 'Page id (the Page the lead ad runs on)', default: DEFAULTS.pageId, validate: digits })).trim();
  let apps = (s.appId ?? []).map((a) => parseApp('--app-id', a));
  if (apps.length === 0) {
    const id = (await p.input({ message: 'App id of your app (it gets thread control after the lead flow)', default: DEFAULTS.appId, validate: digits })).trim();
    const name = (await p.input({ message: 'A name for it', default: DEFAULTS.appName })).trim() || DEFAULTS.appName;
    const others = await p.input({
      message: 'Other apps connected to the Page, as id:name separated by commas (empty for none)',
      default: '',
      validate: (v) => (v.split(',').every((x) => x.trim() === '' || /^\d+(:.+)?$/.test(x.trim())) ? true : 'write them like 263902037430900:Page Inbox'),
    });
    apps = [{ id, name }, ...others.split(',').filter((x) => x.trim() !== '').map((x) => parseApp('app', x.trim()))];
  }
  const endpoint = s.endpoint ?? (await p.input({ message: "Your app's webhook URL (empty: lead-kit's embedded receiver)", default: '', validate: endpointOk })).trim();
  let answers = (s.answer ?? []).map(parseAnswerFlag);
  if (answers.length === 0) {
    const sample = DEFAULTS.answers.map((a) => a.question).join(' / ');
    if (await p.confirm({ message: `Use the sample lead-form answers (${sample})?`, default: true })) {
      answers = [...DEFAULTS.answers];
    } else {
      for (let i = 1; ; i++) {
        const question = (await p.input({ message: `Question ${i} of your lead form (empty to finish)`, default: '' })).trim();
        if (question === '') {
          if (answers.length > 0) break;
          continue;
        }
        answers.push({ question, answer: await p.input({ message: `Answer to "${question}"`, default: '' }) });
      }
    }
  }
  return { pageId, apps, endpoint, answers };
}

function defaults(s: InitSettings): Answers {
  const apps = (s.appId ?? []).map((a) => parseApp('--app-id', a));
  return {
    pageId: s.pageId ?? DEFAULTS.pageId,
    apps: apps.length > 0 ? apps : [{ id: DEFAULTS.appId, name: DEFAULTS.appName }],
    endpoint: s.endpoint ?? '',
    answers: s.answer && s.answer.length > 0 ? s.answer.map(parseAnswerFlag) : [...DEFAULTS.answers],
  };
}

/** The config file text: the first app is the app under test and receives webhooks at the endpoint. */
export function configText(a: Answers): string {
  const [first, ...rest] = a.apps;
  const endpoint = a.endpoint === '' ? undefined : parseEndpoint('--endpoint', a.endpoint).toString();
  const config = {
    pageId: a.pageId,
    ...(first === undefined ? {} : { appId: first.id, appName: first.name }),
    ...(endpoint === undefined ? {} : { endpoint }),
    answers: a.answers,
    apps: [...(first === undefined ? [] : [{ ...first, ...(endpoint === undefined ? {} : { webhookUrl: endpoint }) }]), ...rest],
  };
  return JSON.stringify(config, null, 2) + '\n';
}

/**
 * `lead-kit init`: asks for the page id, app ids, endpoint URL and answers (flags answer questions in advance;
 * `--yes` accepts the defaults) and writes lead-kit.config.json atomically. Never prompts when stdin is not a
 * terminal or CI is set: then every value must come from a flag or --yes.
 * @throws UsageError (exit 2) when the file exists without --force, or when it would need to prompt but cannot
 */
export async function runInit(s: InitSettings, deps: Pick<Deps, 'cwd' | 'env' | 'stdin' | 'io'>, prompter: () => Prompter): Promise<number> {
  const file = s.config ?? CONFIG_FILE;
  const path = resolve(deps.cwd, file);
  const exists = await access(path).then(
    () => true,
    () => false,
  );
  if (exists && s.force !== true) throw new UsageError(`${file} already exists`, { hint: 'pass --force to overwrite it, or --config <file> to write another file' });
  if (s.pageId !== undefined && digits(s.pageId) !== true) throw new UsageError(`--page-id "${s.pageId}" is not a numeric id`, { hint: 'pass the digits only, e.g. --page-id 542998526103632' });
  const interactive = deps.stdin.isTTY === true && !isCI(deps.env);
  // `init --test-suite [--endpoint <url>]` where nothing can be asked: only the starter suite.
  const configFlags = s.pageId !== undefined || s.appId !== undefined || s.answer !== undefined;
  if (s.testSuite === true && s.yes !== true && !interactive && !configFlags) {
    deps.io.out.write(await writeStarterSuite(deps.cwd, s.endpoint === undefined ? undefined : parseEndpoint('--endpoint', s.endpoint).toString(), s.force === true));
    return 0;
  }
  if (s.yes !== true && !interactive) {
    const missing = [
      s.pageId === undefined ? '--page-id <id>' : '',
      s.appId === undefined || s.appId.length === 0 ? '--app-id <id[:name]>' : '',
      s.endpoint === undefined ? '--endpoint <url>' : '',
      s.answer === undefined || s.answer.length === 0 ? '--answer "Question?=Answer"' : '',
    ].filter((f) => f !== '');
    if (missing.length > 0) {
      const why = isCI(deps.env) ? 'CI is set' : 'stdin is not a terminal';
      throw new UsageError(`lead-kit init does not ask questions when ${why}; pass ${missing.join(' ')}`, { hint: 'or add --yes to accept the defaults for what you leave out' });
    }
  }
  const answers = s.yes === true || !interactive ? defaults(s) : await ask(s, prompter());
  const text = configText(answers);
  parseConfigText(text, file); // what init writes must load: a bad --page-id fails here, before anything is written
  await writeFileAtomic(path, text);
  deps.io.out.write(`wrote ${file} — check it with: lead-kit config${file === CONFIG_FILE ? '' : ` --config ${file}`}\n`);
  const suite = s.testSuite ?? (interactive && s.yes !== true ? await prompter().confirm({ message: 'Also write a starter lead-kit.test.json for `lead-kit test` (CI smoke checks)?', default: true }) : false);
  if (suite) deps.io.out.write(await writeStarterSuite(deps.cwd, answers.endpoint, s.force === true));
  return 0;
}
