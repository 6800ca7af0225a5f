import type { ChalkInstance } from 'chalk';
import { getSubscribedApps } from '../../graph/endpoints.js';
import type { Outcome } from '../../io/outcome.js';
import { emit } from '../../io/output.js';
import { interpretSubscriptions, type SubscriptionsResult } from '../../page/subscriptions.js';
import { graphContext, type GraphDeps, type GraphOptions } from '../shared/graph.js';

export interface PageSubscriptionsOptions extends GraphOptions {
  /** your app: also report when it is not subscribed at all */
  appId: string | undefined;
}

/** `lead-kit page subscriptions`: GET /{page-id}/subscribed_apps. Reports; `lead-kit doctor` is the check that fails. */
export async function runPageSubscriptions(o: PageSubscriptionsOptions, deps: GraphDeps): Promise<Outcome> {
  const g = graphContext(o, deps);
  const result = interpretSubscriptions(await getSubscribedApps(g.client, g.pageId), g.pageId, o.appId, g.names);
  emit(deps.io, g.json, result, renderSubscriptions);
  return 'ok';
}

export function renderSubscriptions(r: SubscriptionsResult, c: ChalkInstance): string {
  const lines = [c.bold(`Apps subscribed to Page ${r.page_id}'s webhooks`)];
  if (r.apps.length === 0) lines.push(`  ${c.red('✗')} no app is subscribed: no app receives this Page's webhooks`);
  for (const a of r.apps) {
    const mark = a.missing.length === 0 ? c.green('✓') : c.red('✗');
    const label = `${a.name ?? 'app'} (${a.id})${a.under_test ? ' ← your app' : ''}`;
    lines.push(`  ${mark} ${label}: ${a.subscribed_fields.length ? a.subscribed_fields.join(', ') : c.dim('no fields')}`);
    if (a.missing.length) lines.push(`      missing: ${c.yellow(a.missing.join(', '))}`);
  }
  if (r.app_missing !== null) lines.push(`  ${c.red('✗')} app ${r.app_missing} (--app-id) is not subscribed to this Page`);
  lines.push(c.dim(`  a lead-ad integration needs: ${r.required.join(', ')}`));
  return lines.join('\n');
}
