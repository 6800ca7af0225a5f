import { randomBytes } from 'node:crypto';
import { DEMO, demoConfig } from '../mock/demo.js';
import type { MockConfigInput } from '../schemas/mock-config.js';
import type { App } from '../webhooks/flow.js';
export { freshPsid } from '../webhooks/psid.js';
import type { Placeholder, Suite } from './schema.js';

/** What lead-kit generates for one run: the app gets these, the mock accepts these. */
export interface SuiteSecrets {
  appSecret: string;
  pageToken: string;
  verifyToken: string;
}

export interface SuiteIds {
  pageId: string;
  appId: string;
}

export function generateSecrets(): SuiteSecrets {
  return {
    appSecret: randomBytes(16).toString('hex'),
    pageToken: `lead-kit-test-${randomBytes(18).toString('hex')}`,
    verifyToken: randomBytes(12).toString('hex'),
  };
}

/** `id` or `id:name` */
export function standbyApp(raw: string): App {
  const colon = raw.indexOf(':');
  const id = colon === -1 ? raw : raw.slice(0, colon);
  return { id, name: colon === -1 ? `app ${id}` : raw.slice(colon + 1) };
}

/** The mock's setup: the demo Page and apps, the app under test signing with the generated secret at its webhook. */
export function suiteMockConfig(suite: Suite, s: SuiteSecrets): MockConfigInput {
  const others = new Map<string, App>();
  for (const c of suite.cases) for (const raw of c.standby_apps ?? []) others.set(standbyApp(raw).id, standbyApp(raw));
  const config = demoConfig({ webhookUrl: suite.app.webhook, appSecret: s.appSecret, otherApps: [...others.values()] });
  for (const p of config.pages) for (const c of p.connected_apps ?? []) if (c.token === DEMO.token) c.token = s.pageToken;
  return config;
}

/**
 * The app's environment: the caller's own (PATH, HOME…), the LEAD_KIT_* values, then `app.env` with its
 * `{placeholders}` filled in, so an app that reads GRAPH_API_URL or FB_TOKEN needs no change.
 */
export function appEnvironment(
  base: Readonly<Record<string, string | undefined>>,
  suite: Suite,
  values: Record<Placeholder, string>,
): Record<string, string | undefined> {
  const fill = (v: string): string =>
    v.replace(/\{([a-z_]+)\}/g, (all, name: string) => (Object.hasOwn(values, name) ? values[name as Placeholder] : all));
  const env: Record<string, string | undefined> = {
    ...base,
    LEAD_KIT_GRAPH_URL: values.graph_url,
    LEAD_KIT_PAGE_TOKEN: values.page_token,
    LEAD_KIT_APP_SECRET: values.app_secret,
    LEAD_KIT_VERIFY_TOKEN: values.verify_token,
    LEAD_KIT_PAGE_ID: values.page_id,
    LEAD_KIT_APP_ID: values.app_id,
  };
  for (const [k, v] of Object.entries(suite.app.env ?? {})) env[k] = fill(v);
  return env;
}
