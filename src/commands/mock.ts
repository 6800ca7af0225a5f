import type { ChalkInstance } from 'chalk';
import type { CallLine } from '../mock/calls.js';
import type { ScenarioRun } from '../mock/lead-scenario.js';
import type { MockGraph } from '../mock/server.js';
import type { SentWebhook } from '../mock/webhooks.js';

/** The first line `lead-kit mock` prints: where it listens and what the setup holds. */
export interface ReadyLine {
  type: 'ready';
  url: string;
  /** the first Page's id */
  page_id: string;
  /** the demo's fake token; absent with --config (lead-kit never prints a configured token) */
  token?: string;
  apps: Array<{ id: string; name: string; role: 'default' | 'connected' }>;
  setup: 'demo' | 'config';
}

export function readyLine(mock: MockGraph, demoToken: string | undefined): ReadyLine {
  const page = mock.state.pages.values().next().value!;
  const apps = [...page.connections.keys()].map((id) => ({
    id,
    name: mock.state.appName(id),
    role: id === page.defaultAppId ? ('default' as const) : ('connected' as const),
  }));
  if (page.defaultAppId !== null && !page.connections.has(page.defaultAppId))
    apps.push({ id: page.defaultAppId, name: mock.state.appName(page.defaultAppId), role: 'default' });
  const line: ReadyLine = { type: 'ready', url: mock.url, page_id: page.id, apps, setup: demoToken === undefined ? 'config' : 'demo' };
  if (demoToken !== undefined) line.token = demoToken;
  return line;
}

export function renderReady(r: ReadyLine, c: ChalkInstance): string {
  const apps = r.apps.map((a) => `${a.id} ${a.name} (${a.role})`).join(', ');
  const token = r.token === undefined ? '' : `, token ${c.bold(r.token)} (fake, local)`;
  return `${c.green('lead-kit mock ready')} on ${c.bold(r.url)} — Page ${r.page_id}${token}, apps ${apps}`;
}

/** Help printed to stderr after the ready line (text mode only). */
export function renderHints(r: ReadyLine, psid: string | undefined): string {
  const token = r.token ?? '<PAGE_ACCESS_TOKEN>';
  const lines = [
    `  point your app at it: GRAPH_API_URL=${r.url}  (lead-kit commands: --graph-url ${r.url})`,
    psid === undefined ? '' : `  try: curl '${r.url}/v26.0/me/thread_owner?recipient=${psid}&access_token=${token}'`,
    `  inspect: ${r.url}/__lead-kit/state  /__lead-kit/calls  /__lead-kit/clock   (Ctrl-C stops)`,
  ];
  return lines.filter((l) => l !== '').join('\n');
}

/** One NDJSON line per request, tokens already redacted by the call log. */
export function requestLine(call: CallLine): Record<string, unknown> {
  const line: Record<string, unknown> = {
    type: 'request',
    seq: call.seq,
    at: call.at,
    method: call.method,
    path: call.target,
    route: call.route,
    app_id: call.app_id,
    status: call.status,
    ms: call.ms,
  };
  if (call.error) line.error = call.error;
  return line;
}

/** The text log line of a call; `c` undefined writes it without colour (one line per request: no painter calls). */
export function renderRequest(call: CallLine, c: ChalkInstance | undefined): string {
  const code = String(call.status);
  const status = c === undefined ? code : call.status < 300 ? c.green(code) : c.red(code);
  const e = call.error;
  const reason = e ? ` ${e.message} [${e.code}${e.error_subcode ? `/${e.error_subcode}` : ''}]` : '';
  const why = c === undefined || reason === '' ? reason : c.red(reason);
  const ms = `${call.ms} ms`;
  return `  ${status} ${call.method} ${call.target}${why} ${c === undefined ? ms : c.dim(ms)}`;
}

export function webhookLine(w: SentWebhook): Record<string, unknown> {
  return { type: 'webhook', ...w };
}

export function renderWebhook(w: SentWebhook, c: ChalkInstance): string {
  const status = w.ok ? c.green(String(w.status)) : c.red(w.status === null ? 'not delivered' : String(w.status));
  return `  ${c.cyan('→ webhook')} ${w.field} to ${w.app_name} (${w.app_id}): ${w.event} ${status}${w.reason ? c.dim(` ${w.reason}`) : ''}`;
}

export function renderScenario(r: ScenarioRun, c: ChalkInstance): string {
  const to = r.app_id === null ? 'control released' : `control passed to ${r.app_id}`;
  return `  ${c.bold(`lead flow ${r.scenario}`)} for PSID ${r.psid}: ${to}, ${r.deliveries.filter((d) => d.queued).length}/${r.deliveries.length} deliveries to subscribed apps`;
}
