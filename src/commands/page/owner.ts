import type { ChalkInstance } from 'chalk';
import { getThreadOwner } from '../../graph/endpoints.js';
import type { Outcome } from '../../io/outcome.js';
import { emit } from '../../io/output.js';
import { interpretOwner, ownerMeaning, type ExpirationUnit, type OwnerResult } from '../../page/owner.js';
import { relative } from '../../text/time-format.js';
import { graphContext, type GraphDeps, type GraphOptions } from '../shared/graph.js';

export interface PageOwnerOptions extends GraphOptions {
  psid: string;
  expirationUnit: ExpirationUnit;
}

/** `lead-kit page owner --psid <psid>`: GET /{page-id}/thread_owner. */
export async function runPageOwner(o: PageOwnerOptions, deps: GraphDeps): Promise<Outcome> {
  const g = graphContext(o, deps);
  const answer = await getThreadOwner(g.client, g.pageId, o.psid);
  const result = interpretOwner(answer, { pageId: g.pageId, psid: o.psid, unit: o.expirationUnit, now: deps.now(), names: g.names });
  emit(deps.io, g.json, result, renderOwner);
  return 'ok';
}

export function renderOwner(r: OwnerResult, c: ChalkInstance): string {
  const lines = [c.bold(`Thread owner of PSID ${r.psid} on Page ${r.page_id}`)];
  if (r.state === 'idle') {
    lines.push(`  owner    ${c.yellow('idle')}`);
  } else {
    const who =
      r.state === 'owned-hidden' ? 'another app (not named to you)' : r.app_name ? `${r.app_name} (${r.app_id})` : `app ${r.app_id}`;
    lines.push(`  owner    ${c.green(who)}`);
  }
  if (r.expires_local !== null && r.expires_in_seconds !== null) {
    const when = relative(r.expires_in_seconds);
    lines.push(`  expires  ${r.expires_local} (${r.expires_in_seconds < 0 ? c.red(`expired ${when}`) : when})`);
  }
  lines.push(c.dim(`  ${ownerMeaning(r)}`));
  return lines.join('\n');
}
