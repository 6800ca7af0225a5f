import type { Deps } from '../io/deps.js';
import { intFlag } from '../cli/parse.js';
import { UsageError } from '../errors.js';
import { createGraphClient, type GraphClient } from '../graph/client.js';
import { KNOWN_APPS } from '../webhooks/ids.js';

/** What every Graph-backed command (page, doctor, thread) works with. */
export interface GraphContext {
  client: GraphClient;
  /** `me` unless --page-id / LEAD_KIT_PAGE_ID / config pageId */
  pageId: string;
  /** the Page access token, when one was given */
  token: string | undefined;
  /** app id → name: Meta's documented apps, then the configured ones, then --name */
  names: Readonly<Record<string, string>>;
  json: boolean;
}

export type GraphDeps = Pick<Deps, 'io' | 'dispatcher' | 'signal' | 'now'>;

/** Builds the Graph client and shared settings from resolved flag values (flags > env > config > defaults). */
export function graphContext(v: Record<string, unknown>, deps: GraphDeps, config?: Readonly<Record<string, unknown>>): GraphContext {
  const token = typeof v.token === 'string' && v.token !== '' ? v.token : undefined;
  const debug = v.debug === true ? (line: string): void => void deps.io.err.write(deps.io.errColor.dim(line) + '\n') : undefined;
  const client = createGraphClient({
    baseUrl: String(v.graphUrl ?? 'https://graph.facebook.com'),
    version: String(v.apiVersion ?? 'v26.0'),
    token,
    appSecret: typeof v.appSecret === 'string' && v.appSecret !== '' ? v.appSecret : undefined,
    dispatcher: deps.dispatcher,
    timeoutMs: intFlag('--timeout', v.timeout ?? '10000', 1),
    debug,
    signal: deps.signal,
  });
  const pageId = typeof v.pageId === 'string' && v.pageId !== '' ? v.pageId : 'me';
  return { client, pageId, token, names: appNames(config, v.name), json: v.json === true };
}

/**
 * Names for app ids: Meta's documented apps (Messenger Leadgen app, Page Inbox), the config file's `apps`
 * (array of {id, name} or an {id: name} map) and `appId`/`appName`, then `--name <id=name>` flags.
 */
export function appNames(config: Readonly<Record<string, unknown>> | undefined, flags: unknown): Record<string, string> {
  const names: Record<string, string> = { ...KNOWN_APPS };
  const apps = config?.apps;
  if (Array.isArray(apps)) {
    for (const a of apps as unknown[]) {
      const { id, name } = (a ?? {}) as { id?: unknown; name?: unknown };
      if ((typeof id === 'string' || typeof id === 'number') && typeof name === 'string') names[String(id)] = name;
    }
  } else if (apps !== null && typeof apps === 'object') {
    for (const [id, name] of Object.entries(apps)) if (typeof name === 'string') names[id] = name;
  }
  if (config !== undefined && (typeof config.appId === 'string' || typeof config.appId === 'number') && typeof config.appName === 'string') {
    names[String(config.appId)] = config.appName;
  }
  for (const pair of Array.isArray(flags) ? (flags as unknown[]) : []) {
    const m = /^(\d+)=(.+)$/.exec(String(pair));
    if (!m?.[1] || !m[2]) throw new UsageError(`--name "${String(pair)}" must be <app-id>=<name>`, { hint: 'e.g. --name "1234567890=My CRM"' });
    names[m[1]] = m[2];
  }
  return names;
}

/** `My App (1234)`, or just the id when lead-kit has no name for it. */
export function appLabel(id: string, names: Readonly<Record<string, string>>): string {
  const name = names[id];
  return name === undefined ? id : `${name} (${id})`;
}

/** The --psid value, required and digits only. */
export function psidFlag(raw: unknown): string {
  if (raw === undefined || raw === true || raw === '') {
    throw new UsageError('--psid <psid> is required', { hint: "pass the person's Page-scoped id (sender.id of a webhook from this Page)" });
  }
  const s = String(raw);
  if (!/^\d+$/.test(s)) throw new UsageError(`--psid "${s}" is not a Page-scoped id`, { hint: 'a PSID is digits only, e.g. 24680135792468013' });
  return s;
}

/** An app id flag: digits only. */
export function appIdFlag(flag: string, raw: unknown): string | undefined {
  if (raw === undefined) return undefined;
  const s = String(raw);
  if (!/^\d+$/.test(s)) throw new UsageError(`${flag} "${s}" is not an app id`, { hint: 'an app id is digits only (App Dashboard → App settings → Basic)' });
  return s;
}
