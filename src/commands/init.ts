import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Deps, Prompter } from '../io/deps.js';
import type { Outcome } from '../io/outcome.js';
import { CONFIG_FILE, parseConfigText } from '../config/load.js';
import { writeFileAtomic } from '../config/write.js';
import { UsageError } from '../errors.js';
import { httpUrl, parseApp, type NamedApp } from '../text/parse.js';
import type { Answer } from '../webhooks/build.js';
import { DEFAULTS } from '../webhooks/defaults.js';
import { writeStarterSuite } from './init-test-suite.js';

/** `lead-kit init`, fully resolved by the wiring (flags answer the questions in advance). */
export interface InitOptions {
  pageId?: string;
  /** your app, the app under test; asked (or the default) when undefined */
  app?: NamedApp;
  /** the other apps connected to the Page */
  otherApps?: NamedApp[];
  /** your app's webhook URL; "" for lead-kit's embedded receiver */
  endpoint?: string;
  answers?: Answer[];
  yes: boolean;
  force: boolean;
  /** where to write */
  config: string;
  /** also write a starter lead-kit.test.json (asked on a terminal when undefined) */
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
    httpUrl('endpoint', v.trim());
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

const named = (a: NamedApp): { id: string; name: string } => ({ id: a.id, name: a.name ?? `app ${a.id}` });

async function ask(s: InitOptions, p: Prompter): Promise<Answers> {
  const pageId =
    s.pageId ?? (await p.input({ message: 'Page id (the Page the lead ad runs on)', default: DEFAULTS.pageId, validate: digits })).trim();
  let apps = s.app === undefined ? [] : [named(s.app), ...(s.otherApps ?? []).map(named)];
  if (apps.length === 0) {
    const id = (
      await p.input({
        message: 'App id of your app (it gets thread control after the lead flow)',
        default: DEFAULTS.appId,
        validate: digits,
      })
    ).trim();
    const name = (await p.input({ message: 'A name for it', default: DEFAULTS.appName })).trim() || DEFAULTS.appName;
    const others = await p.input({
      message: 'Other apps connected to the Page, as id:name separated by commas (empty for none)',
      default: '',
      validate: (v) =>
        v.split(',').every((x) => x.trim() === '' || /^\d+(:.+)?$/.test(x.trim())) ? true : 'write them like 263902037430900:Page Inbox',
    });
    apps = [
      { id, name },
      ...others
        .split(',')
        .filter((x) => x.trim() !== '')
        .map((x) => named(parseApp('app', x.trim()))),
    ];
  }
  const endpoint =
    s.endpoint ??
    (await p.input({ message: "Your app's webhook URL (empty: lead-kit's embedded receiver)", default: '', validate: endpointOk })).trim();
  let answers = [...(s.answers ?? [])];
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

function defaults(s: InitOptions): Answers {
  return {
    pageId: s.pageId ?? DEFAULTS.pageId,
    apps: [s.app === undefined ? { id: DEFAULTS.appId, name: DEFAULTS.appName } : named(s.app), ...(s.otherApps ?? []).map(named)],
    endpoint: s.endpoint ?? '',
    answers: s.answers && s.answers.length > 0 ? s.answers : [...DEFAULTS.answers],
  };
}

/** The config file text: the first app is the app under test and receives webhooks at the endpoint. */
export function configText(a: Answers): string {
  const [first, ...rest] = a.apps;
  const endpoint = a.endpoint === '' ? undefined : httpUrl('--endpoint', a.endpoint);
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
export async function runInit(
  s: InitOptions,
  deps: Pick<Deps, 'cwd' | 'env' | 'stdin' | 'io'>,
  prompter: () => Prompter,
): Promise<Outcome> {
  const file = s.config;
  const path = resolve(deps.cwd, file);
  const exists = await access(path).then(
    () => true,
    () => false,
  );
  if (exists && !s.force)
    throw new UsageError(`${file} already exists`, { hint: 'pass --force to overwrite it, or --config <file> to write another file' });
  if (s.pageId !== undefined && digits(s.pageId) !== true)
    throw new UsageError(`--page-id "${s.pageId}" is not a numeric id`, { hint: 'pass the digits only, e.g. --page-id 542998526103632' });
  const interactive = deps.stdin.isTTY === true && !isCI(deps.env);
  // `init --test-suite [--endpoint <url>]` where nothing can be asked: only the starter suite.
  const configFlags = s.pageId !== undefined || s.app !== undefined || s.answers !== undefined;
  if (s.testSuite === true && !s.yes && !interactive && !configFlags) {
    deps.io.out.write(await writeStarterSuite(deps.cwd, s.endpoint === undefined || s.endpoint === '' ? undefined : s.endpoint, s.force));
    return 'ok';
  }
  if (!s.yes && !interactive) {
    const missing = [
      s.pageId === undefined ? '--page-id <id>' : '',
      s.app === undefined ? '--app-id <id>' : '',
      s.endpoint === undefined ? '--endpoint <url>' : '',
      s.answers === undefined || s.answers.length === 0 ? '--answer "Question?=Answer"' : '',
    ].filter((f) => f !== '');
    if (missing.length > 0) {
      const why = isCI(deps.env) ? 'CI is set' : 'stdin is not a terminal';
      throw new UsageError(`lead-kit init does not ask questions when ${why}; pass ${missing.join(' ')}`, {
        hint: 'or add --yes to accept the defaults for what you leave out',
      });
    }
  }
  const answers = s.yes || !interactive ? defaults(s) : await ask(s, prompter());
  const text = configText(answers);
  parseConfigText(text, file); // what init writes must load: a bad --page-id fails here, before anything is written
  await writeFileAtomic(path, text, '--config', file);
  deps.io.out.write(`wrote ${file} — check it with: lead-kit config${file === CONFIG_FILE ? '' : ` --config ${file}`}\n`);
  const suite =
    s.testSuite ??
    (interactive && !s.yes
      ? await prompter().confirm({
          message: 'Also write a starter lead-kit.test.json for `lead-kit test` (CI smoke checks)?',
          default: true,
        })
      : false);
  if (suite) deps.io.out.write(await writeStarterSuite(deps.cwd, answers.endpoint, s.force));
  return 'ok';
}
