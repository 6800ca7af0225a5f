import type { Deps } from '../../io/deps.js';
import { createGraphClient, type GraphClient } from '../../graph/client.js';
import { KNOWN_APPS } from '../../webhooks/ids.js';

/** The options every Graph-backed command (page …, doctor, thread …, leads, events) takes, fully resolved. */
export interface GraphOptions {
  /** `me` (the token's Page) unless --page-id / LEAD_KIT_PAGE_ID / config pageId */
  pageId: string;
  token: string | undefined;
  /** adds appsecret_proof to every call */
  appSecret: string | undefined;
  graphUrl: string;
  apiVersion: string;
  timeoutMs: number;
  /** app id → name from the config file and --app */
  appNames: Readonly<Record<string, string>>;
  json: boolean;
  /** print request traces on stderr */
  debug: boolean;
}

/** What every Graph-backed command works with. */
export interface GraphContext {
  client: GraphClient;
  pageId: string;
  /** the Page access token, when one was given */
  token: string | undefined;
  /** app id → name: Meta's documented apps, then the configured ones, then --app */
  names: Readonly<Record<string, string>>;
  json: boolean;
}

export type GraphDeps = Pick<Deps, 'io' | 'dispatcher' | 'signal' | 'now'>;

/** Builds the Graph client from the resolved options. */
export function graphContext(o: GraphOptions, deps: GraphDeps): GraphContext {
  const debug = o.debug ? (line: string): void => void deps.io.err.write(deps.io.errColor.dim(line) + '\n') : undefined;
  const client = createGraphClient({
    baseUrl: o.graphUrl,
    version: o.apiVersion,
    token: o.token,
    appSecret: o.appSecret,
    dispatcher: deps.dispatcher,
    timeoutMs: o.timeoutMs,
    debug,
    signal: deps.signal,
  });
  return { client, pageId: o.pageId, token: o.token, names: { ...KNOWN_APPS, ...o.appNames }, json: o.json };
}

/** `My App (1234)`, or just the id when lead-kit has no name for it. */
export function appLabel(id: string, names: Readonly<Record<string, string>>): string {
  const name = names[id];
  return name === undefined ? id : `${name} (${id})`;
}
