import type { ChalkInstance } from 'chalk';
import type { SettingSource } from '../config/settings.js';
import type { Deps } from '../io/deps.js';
import type { Outcome } from '../io/outcome.js';
import { emit } from '../io/output.js';

/** One setting `lead-kit config` shows, resolved by the wiring with the one precedence rule. */
export interface ShownSetting {
  /** the config-file key where there is one */
  name: string;
  value: unknown;
  source: SettingSource;
  /** a secret: shown as this placeholder instead of its value */
  placeholder?: string;
}

/** `lead-kit config`, fully resolved by the wiring. */
export interface ConfigShowOptions {
  /** absolute path of the config file read, or null when there is none */
  configFile: string | null;
  settings: ShownSetting[];
  json: boolean;
}

export interface EffectiveConfig {
  configFile: string | null;
  settings: Record<string, { value: unknown; source: SettingSource }>;
}

/** The effective configuration; secrets become their placeholders. */
export function effectiveConfig(o: Pick<ConfigShowOptions, 'configFile' | 'settings'>): EffectiveConfig {
  const settings: EffectiveConfig['settings'] = {};
  for (const s of o.settings) {
    let value = s.value;
    if (s.placeholder !== undefined && value !== undefined && value !== '') value = s.placeholder;
    settings[s.name] = { value: value === undefined || value === '' ? null : value, source: s.source };
  }
  return { configFile: o.configFile, settings };
}

function show(name: string, value: unknown): string {
  if (value === null) return name === 'endpoint' ? '(not set: the embedded receiver)' : '(not set)';
  if (name === 'answers' && Array.isArray(value))
    return (value as Array<{ question: string; answer: string }>).map((a) => `${a.question} = ${a.answer}`).join('; ');
  if (name === 'apps' && Array.isArray(value)) {
    return (value as Array<{ id: string; name?: string; webhookUrl?: string }>)
      .map((a) => `${a.name ?? 'app'} (${a.id})${a.webhookUrl ? ` → ${a.webhookUrl}` : ''}`)
      .join('; ');
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
export async function runConfigShow(o: ConfigShowOptions, deps: Pick<Deps, 'io'>): Promise<Outcome> {
  emit(deps.io, o.json, effectiveConfig(o), renderConfig);
  return 'ok';
}
