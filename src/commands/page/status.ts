import type { ChalkInstance } from 'chalk';
import { getFeatureStatus } from '../../graph/endpoints.js';
import type { Outcome } from '../../io/outcome.js';
import { emit } from '../../io/output.js';
import { interpretStatus, type CrFlag, type StatusResult } from '../../page/status.js';
import { graphContext, type GraphDeps, type GraphOptions } from '../shared/graph.js';

export interface PageStatusOptions extends GraphOptions {
  crFlag: CrFlag;
}

/** `lead-kit page status`: GET /{page-id}?fields=messaging_feature_status. */
export async function runPageStatus(o: PageStatusOptions, deps: GraphDeps): Promise<Outcome> {
  const g = graphContext(o, deps);
  const result = interpretStatus(await getFeatureStatus(g.client, g.pageId), g.pageId, o.crFlag);
  emit(deps.io, g.json, result, renderStatus);
  return 'ok';
}

const show = (v: boolean | null, c: ChalkInstance): string => (v === null ? c.dim('absent') : v ? c.green('true') : c.yellow('false'));

export function renderStatus(r: StatusResult, c: ChalkInstance): string {
  const lines = [c.bold(`messaging_feature_status of Page ${r.page_id}`)];
  for (const k of ['hop_v2', 'msgr_multi_app', 'ig_multi_app'] as const) lines.push(`  ${k.padEnd(15)}${show(r.flags[k], c)}`);
  const cr = r.conversation_routing === null ? 'not judged' : r.conversation_routing ? 'on' : 'off';
  lines.push(`  ${'routing'.padEnd(15)}Conversation Routing ${cr} ${c.dim('(unconfirmed reading)')}`);
  lines.push('', 'What this suggests:');
  for (const i of r.implications) lines.push(`  - ${i}`);
  return lines.join('\n');
}
