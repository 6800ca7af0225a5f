import type { ChalkInstance } from 'chalk';
import type { Deps } from '../io/deps.js';
import { emit } from '../io/output.js';
import type { Resolved, SettingSource, SettingSpec } from '../cli/settings.js';
import { parseAnswerFlag } from '../webhooks/answers.js';
import { DEFAULTS } from '../webhooks/defaults.js';
import { DEFAULT_GRAPH_URL } from '../graph/url.js';

/** A setting `lead-kit config` shows: its name (the config-file key where there is one) and how it resolves. */
interface Row {
  name: string;
  spec: SettingSpec;
  /** shown instead of the value when it is a secret */
  placeholder?: string;
}

const rows: Row[] = [
  { name: 'pageId', spec: { key: 'pageId', env: 'LEAD_KIT_PAGE_ID', config: 'pageId', default: DEFAULTS.pageId } },
  { name: 'psid', spec: { key: 'psid', config: 'psid', default: DEFAULTS.psid } },
  { name: 'appId', spec: { key: 'appId', config: 'appId', default: DEFAULTS.appId } },
  { name: 'appName', spec: { key: 'appName', config: 'appName', default: DEFAULTS.appName } },
  { name: 'adId', spec: { key: 'adId', config: 'adId', default: DEFAULTS.adId } },
  { name: 'answers', spec: { key: 'answer', config: 'answers', default: DEFAULTS.answers } },
  { name: 'endpoint', spec: { key: 'endpoint', config: 'endpoint' } },
  { name: 'apiVersion', spec: { key: 'apiVersion', config: 'apiVersion', default: 'v26.0' } },
  { name: 'graphUrl', spec: { key: 'graphUrl', env: 'LEAD_KIT_GRAPH_URL', config: 'graphUrl', default: DEFAULT_GRAPH_URL } },
  { name: 'apps', spec: { key: 'apps', config: 'apps' } },
  { name: 'appSecret', spec: { key: 'appSecret', env: 'LEAD_KIT_APP_SECRET', secret: true }, placeholder: '<APP_SECRET>' },
  { name: 'token', spec: { key: 'token', env: 'LEAD_KIT_PAGE_TOKEN', secret: true }, placeholder: '<PAGE_ACCESS_TOKEN>' },
  { name: 'appToken', spec: { key: 'appToken', env: 'LEAD_KIT_APP_TOKEN', secret: true }, placeholder: '<APP_ACCESS_TOKEN>' },
  { name: 'verifyToken', spec: { key: 'verifyToken', env: 'LEAD_KIT_VERIFY_TOKEN', secret: true }, placeholder: '<VERIFY_TOKEN>' },
];

/** The precedence specs of every setting `lead-kit config` shows. */
export const configSpecs: SettingSpec[] = rows.map((r) => r.spec);

export interface EffectiveConfig {
  /** absolute path of the config file read, or null when there is none */
  configFile: string | null;
  settings: Record<string, { value: unknown; source: SettingSource }>;
}

/** Builds the effective configuration from resolved settings; secrets become their placeholders. */
export function effectiveConfig(resolved: Resolved, configFile: string | null): EffectiveConfig {
  const settings: EffectiveConfig['settings'] = {};
  for (const r of rows) {
    let value = resolved.values[r.spec.key];
    if (r.placeholder !== undefined && value !== undefined && value !== '') value = r.placeholder;
    if (r.name === 'answers' && Array.isArray(value)) value = value.map((a: unknown) => (typeof a === 'string' ? parseAnswerFlag(a) : a));
    settings[r.name] = { value: value === undefined || value === '' ? null : value, source: resolved.sources[r.spec.key] ?? 'default' };
  }
  return { configFile, settings };
}

function show(name: string, value: unknown): string {
  if (value === null) return name === 'endpoint' ? '(not set: the embedded receiver)' : '(not set)';
  if (name === 'answers' && Array.isArray(value)) return (value as Array<{ question: string; answer: string }>).map((a) => `${a.question} = ${a.answer}`).join('; ');
  if (name === 'apps' && Array.isArray(value)) {
    return (value as Array<{ id: string; name?: string; webhookUrl?: string }>).map((a) => `${a.name ?? 'app'} (${a.id})${a.webhookUrl ? ` → ${a.webhookUrl}` : ''}`).join('; ');
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** One line per setting: name, source, value. */
export function renderConfig(c: EffectiveConfig, color: ChalkInstance): string {
  const width = Math.max(...Object.keys(c.settings).map((k) => k.length));
  const lines = [`config file: ${c.configFile ?? '(none: no lead-kit.config.json here and no --config)'}`];
  for (const [name, s] of Object.entries(c.settings)) {
    lines.push(`  ${name.padEnd(width)}  ${color.dim(s.source.padEnd(7))}  ${show(name, s.value)}`);
  }
  lines.push(color.dim('precedence: flag > env > config > default; secrets are shown as placeholders'));
  return lines.join('\n');
}

/** `lead-kit config`: prints the effective configuration with the source of each value. */
export function runConfigShow(resolved: Resolved, configFile: string | null, json: boolean, deps: Pick<Deps, 'io'>): number {
  emit(deps.io, json, effectiveConfig(resolved, configFile), renderConfig);
  return 0;
}
