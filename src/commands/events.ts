import type { ChalkInstance } from 'chalk';
import type { Deps } from '../io/deps.js';
import { choiceFlag, intFlag } from '../cli/parse.js';
import { UsageError } from '../errors.js';
import { conversionsApiRequest, loggingTargets, pageActivitiesRequest, type GraphRequestSpec } from '../events/requests.js';
import { toCurl } from '../graph/curl.js';
import { appIdFlag, graphContext, psidFlag, type GraphContext } from './graph-context.js';

export const DEPRECATION_WARNING =
  "the Messaging Events API (POST /{app-id}/page_activities) is gone: Meta dropped it from Graph v21.0 (Sep 24, 2024), shut the product down in September 2025, and v20.0, the last version that had it, expired on Sep 24, 2026. Real calls will fail; report leads with --via conversions-api (the Conversions API for Business Messaging) instead.";

export interface EventResult {
  via: 'messaging-events' | 'conversions-api';
  method: 'POST';
  path: string;
  body: Record<string, unknown>;
  dry_run: boolean;
  response?: unknown;
}

/** `lead-kit events lead-submitted`: report that a thread is a lead, the old way or its replacement. */
export async function runLeadSubmitted(v: Record<string, unknown>, deps: Deps, config?: Readonly<Record<string, unknown>>): Promise<number> {
  const via = choiceFlag('--via', v.via ?? 'messaging-events', ['messaging-events', 'conversions-api'] as const);
  const psid = psidFlag(v.psid);
  const dryRun = v.dryRun === true;
  const explicitVersion = v.apiVersionFromFlag === true;
  if (via === 'messaging-events') deps.io.err.write(deps.io.errColor.yellow(`warning: ${DEPRECATION_WARNING}`) + '\n');
  // page_activities only ever existed up to v20.0; the request keeps that version unless one is given.
  const ctx = graphContext({ ...v, apiVersion: via === 'messaging-events' && !explicitVersion ? 'v20.0' : v.apiVersion }, deps, config);
  const pageId = await numericPageId(ctx, dryRun);

  let spec: GraphRequestSpec;
  if (via === 'messaging-events') {
    const appId = appIdFlag('--app-id', v.appId);
    if (appId === undefined) throw new UsageError('--app-id is required: page_activities is an edge of your app', { hint: 'pass --app-id <your app id> (or appId in lead-kit.config.json)' });
    spec = pageActivitiesRequest({ appId, pageId, psid, loggingTarget: choiceFlag('--logging-target', v.loggingTarget ?? 'page', loggingTargets), ...(typeof v.eventName === 'string' ? { eventName: v.eventName } : {}) });
  } else {
    const datasetId = typeof v.datasetId === 'string' ? v.datasetId : await lookupDataset(ctx, pageId, dryRun);
    const eventTime = v.eventTime === undefined ? Math.floor(deps.now().getTime() / 1000) : intFlag('--event-time', v.eventTime, 1);
    spec = conversionsApiRequest({ datasetId, pageId, psid, eventTime, ...(typeof v.eventName === 'string' ? { eventName: v.eventName } : {}), ...(typeof v.partnerAgent === 'string' ? { partnerAgent: v.partnerAgent } : {}) });
  }

  const req = ctx.client.prepare(spec.method, spec.path, { body: spec.body });
  const result: EventResult = { via, method: spec.method, path: req.path, body: spec.body, dry_run: dryRun };
  if (dryRun) {
    deps.io.out.write(ctx.json ? JSON.stringify({ ...result, curl: toCurl(req) }, null, 2) + '\n' : toCurl(req) + '\n');
    return 0;
  }
  result.response = await ctx.client.send(req);
  deps.io.out.write(ctx.json ? JSON.stringify(result, null, 2) + '\n' : renderEvent(result, deps.io.color) + '\n');
  return 0;
}

async function numericPageId(ctx: GraphContext, dryRun: boolean): Promise<string> {
  if (ctx.pageId !== 'me') return ctx.pageId;
  if (dryRun) throw new UsageError('--page-id is needed for --dry-run: the request body names the Page by id', { hint: 'pass --page-id <page id>' });
  const me = (await ctx.client.get('me', { fields: 'id' })) as { id?: unknown };
  return String(me.id);
}

/**
 * The dataset attached to the Page (the Dataset API of the Conversions API for Business Messaging guide).
 * Its answer shape is not documented in the pages lead-kit reads, so both `{id}` and `{data: [{id}]}` are accepted.
 */
async function lookupDataset(ctx: GraphContext, pageId: string, dryRun: boolean): Promise<string> {
  if (dryRun) throw new UsageError('--dataset-id is needed for --dry-run', { hint: 'find it with GET /{page-id}/dataset, or in Events Manager' });
  const r = (await ctx.client.get(`${pageId}/dataset`)) as { id?: unknown; data?: Array<{ id?: unknown }> };
  const id = r.id ?? r.data?.[0]?.id;
  if (id === undefined) throw new UsageError(`Page ${pageId} has no dataset for the Conversions API`, { hint: 'create one in Events Manager (or POST /{page-id}/dataset), then pass --dataset-id' });
  return String(id);
}

export function renderEvent(r: EventResult, c: ChalkInstance): string {
  const what = r.via === 'messaging-events' ? 'lead_submitted via page_activities' : 'LeadSubmitted via the Conversions API';
  return `${c.green('✓')} ${what}: POST ${r.path} → ${JSON.stringify(r.response)}`;
}

