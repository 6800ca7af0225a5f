import type { ChalkInstance } from 'chalk';
import type { Deps } from '../../io/deps.js';
import type { Outcome } from '../../io/outcome.js';
import { warn } from '../../io/output.js';
import { UsageError } from '../../errors.js';
import { conversionsApiRequest, pageActivitiesRequest, type GraphRequestSpec, type LoggingTarget } from '../../events/requests.js';
import { toCurl } from '../../graph/curl.js';
import { graphContext, type GraphContext, type GraphOptions } from '../shared/graph.js';

export const DEPRECATION_WARNING =
  'the Messaging Events API (POST /{app-id}/page_activities) is gone: Meta dropped it from Graph v21.0 (Sep 24, 2024), shut the product down in September 2025, and v20.0, the last version that had it, expired on Sep 24, 2026. Real calls will fail; report leads with --via conversions-api (the Conversions API for Business Messaging) instead.';

export const eventVias = ['messaging-events', 'conversions-api'] as const;
export type EventVia = (typeof eventVias)[number];

export interface LeadSubmittedOptions extends GraphOptions {
  psid: string;
  via: EventVia;
  /** --api-version was given on the command line (page_activities otherwise keeps v20.0, its last version) */
  apiVersionGiven: boolean;
  /** your app (messaging-events) */
  appId: string | undefined;
  loggingTarget: LoggingTarget;
  /** conversions-api: looked up with GET /{page-id}/dataset when undefined */
  datasetId: string | undefined;
  eventName: string | undefined;
  /** conversions-api event_time, epoch seconds; now when undefined */
  eventTime: number | undefined;
  partnerAgent: string | undefined;
  dryRun: boolean;
}

export interface EventResult {
  via: 'messaging-events' | 'conversions-api';
  method: 'POST';
  path: string;
  body: Record<string, unknown>;
  dry_run: boolean;
  response?: unknown;
}

/** `lead-kit events lead-submitted`: report that a thread is a lead, the old way or its replacement. */
export async function runLeadSubmitted(o: LeadSubmittedOptions, deps: Deps): Promise<Outcome> {
  const { via, psid, dryRun } = o;
  if (via === 'messaging-events') warn(deps.io, DEPRECATION_WARNING);
  // page_activities only ever existed up to v20.0; the request keeps that version unless one is given.
  const ctx = graphContext({ ...o, apiVersion: via === 'messaging-events' && !o.apiVersionGiven ? 'v20.0' : o.apiVersion }, deps);
  const pageId = await numericPageId(ctx, dryRun);

  let spec: GraphRequestSpec;
  if (via === 'messaging-events') {
    const appId = o.appId;
    if (appId === undefined)
      throw new UsageError('--app-id is required: page_activities is an edge of your app', {
        hint: 'pass --app-id <your app id> (or appId in lead-kit.config.json)',
      });
    spec = pageActivitiesRequest({
      appId,
      pageId,
      psid,
      loggingTarget: o.loggingTarget,
      ...(o.eventName !== undefined ? { eventName: o.eventName } : {}),
    });
  } else {
    const datasetId = o.datasetId ?? (await lookupDataset(ctx, pageId, dryRun));
    const eventTime = o.eventTime ?? Math.floor(deps.now().getTime() / 1000);
    spec = conversionsApiRequest({
      datasetId,
      pageId,
      psid,
      eventTime,
      ...(o.eventName !== undefined ? { eventName: o.eventName } : {}),
      ...(o.partnerAgent !== undefined ? { partnerAgent: o.partnerAgent } : {}),
    });
  }

  const req = ctx.client.prepare(spec.method, spec.path, { body: spec.body });
  const result: EventResult = { via, method: spec.method, path: req.path, body: spec.body, dry_run: dryRun };
  if (dryRun) {
    deps.io.out.write(ctx.json ? JSON.stringify({ ...result, curl: toCurl(req) }, null, 2) + '\n' : toCurl(req) + '\n');
    return 'ok';
  }
  result.response = await ctx.client.send(req);
  deps.io.out.write(ctx.json ? JSON.stringify(result, null, 2) + '\n' : renderEvent(result, deps.io.color) + '\n');
  return 'ok';
}

async function numericPageId(ctx: GraphContext, dryRun: boolean): Promise<string> {
  if (ctx.pageId !== 'me') return ctx.pageId;
  if (dryRun)
    throw new UsageError('--page-id is needed for --dry-run: the request body names the Page by id', { hint: 'pass --page-id <page id>' });
  const me = (await ctx.client.get('me', { fields: 'id' })) as { id?: unknown };
  return String(me.id);
}

/**
 * The dataset attached to the Page (the Dataset API of the Conversions API for Business Messaging guide).
 * Its answer shape is not documented in the pages lead-kit reads, so both `{id}` and `{data: [{id}]}` are accepted.
 */
async function lookupDataset(ctx: GraphContext, pageId: string, dryRun: boolean): Promise<string> {
  if (dryRun)
    throw new UsageError('--dataset-id is needed for --dry-run', { hint: 'find it with GET /{page-id}/dataset, or in Events Manager' });
  const r = (await ctx.client.get(`${pageId}/dataset`)) as { id?: unknown; data?: Array<{ id?: unknown }> };
  const id = r.id ?? r.data?.[0]?.id;
  if (id === undefined)
    throw new UsageError(`Page ${pageId} has no dataset for the Conversions API`, {
      hint: 'create one in Events Manager (or POST /{page-id}/dataset), then pass --dataset-id',
    });
  return String(id);
}

export function renderEvent(r: EventResult, c: ChalkInstance): string {
  const what = r.via === 'messaging-events' ? 'lead_submitted via page_activities' : 'LeadSubmitted via the Conversions API';
  return `${c.green('✓')} ${what}: POST ${r.path} → ${JSON.stringify(r.response)}`;
}
