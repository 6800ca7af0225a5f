import { GraphApiError, LeadKitError } from '../errors.js';
import { createGraphClient, type GraphClient } from '../graph/client.js';
import { getSubscribedApps } from '../graph/endpoints.js';
import type { Check } from './doctor-check.js';
import type { GraphContext, GraphDeps } from './shared/graph.js';
import { checkPermissions, type PermissionSource } from '../page/permissions.js';

/**
 * What an Instant Form integration needs to read leads (Retrieving Leads, "Before You Start"):
 * https://developers.facebook.com/documentation/ads-commerce/marketing-api/guides/lead-ads/retrieving
 */
export const LEADGEN_PERMISSIONS = ['leads_retrieval', 'pages_manage_ads', 'pages_read_engagement'] as const;
/** Needed for the ad fields of a lead (ad_id, ad_name, campaign_id…). */
export const AD_FIELDS_PERMISSION = 'ads_management';

export interface LeadgenCheckOptions {
  appId?: string;
  /** also read a lead of this form */
  formId?: string;
  source: PermissionSource;
  appToken?: string;
  /** --app-secret was given: lead-kit's calls carry appsecret_proof */
  appSecret?: string;
  now: Date;
  deps: Pick<GraphDeps, 'dispatcher' | 'signal'>;
}

const pass = (id: string, detail: string): Check => ({ id, ok: true, detail, fix: null });
const fail = (id: string, detail: string, fix: string): Check => ({ id, ok: false, detail, fix });

/** The one fix for the errors integrators hit reading leads. */
export function leadReadFix(err: LeadKitError): string {
  const d = (err.details ?? {}) as { code?: unknown; subcode?: unknown };
  if (d.code === 100 && d.subcode === 33)
    return 'grant leads_retrieval to the app, and give it access in Leads Access Manager (Meta Business Suite → Settings → Integrations → Leads access → CRMs); then get a new Page token';
  if (d.code === 190)
    return 'the token expired or was revoked: get a long-lived Page token (from a long-lived user token) and pass it with --token';
  if (d.code === 80005)
    return 'the Page hit the LeadGen rate limit (200 × 24 × leads of the past 90 days per 24 h): read less often, or in bulk with GET /{form-id}/leads';
  if (/appsecret_proof/i.test(err.message))
    return 'the app requires appsecret_proof: pass --app-secret (and make your app send appsecret_proof too)';
  return err.hint ?? 'run again with --debug to see the call';
}

/** `doctor --leadgen`: subscription to leadgen, lead permissions, the token, appsecret_proof, and a lead read. */
export async function leadgenChecks(g: GraphContext, o: LeadgenCheckOptions): Promise<Check[]> {
  const checks: Check[] = [];
  const guard = async (id: string, run: () => Promise<Check>): Promise<void> => {
    try {
      checks.push(await run());
    } catch (err) {
      if (!(err instanceof GraphApiError)) throw err;
      checks.push(fail(id, err.message, leadReadFix(err)));
    }
  };

  await guard('leadgen:subscription', async () => {
    const apps = (await getSubscribedApps(g.client, g.pageId)).data;
    const subscribed = apps.filter((a) => a.subscribed_fields.includes('leadgen'));
    const target = o.appId === undefined ? undefined : apps.find((a) => a.id === o.appId);
    const fields = [...new Set([...(target?.subscribed_fields ?? []), 'leadgen'])].join(',');
    const fix = `curl -X POST "${g.client.baseUrl}/${g.client.version}/${g.pageId}/subscribed_apps?subscribed_fields=${fields}&access_token=<PAGE_ACCESS_TOKEN>" (the list replaces the app's fields, so keep the ones it has)`;
    if (o.appId !== undefined) {
      return subscribed.some((a) => a.id === o.appId)
        ? pass('leadgen:subscription', `app ${o.appId} subscribes to leadgen`)
        : fail('leadgen:subscription', `app ${o.appId} is not subscribed to leadgen on this Page`, fix);
    }
    return subscribed.length > 0
      ? pass('leadgen:subscription', `subscribed to leadgen: ${subscribed.map((a) => a.name ?? a.id).join(', ')}`)
      : fail('leadgen:subscription', 'no app on this Page subscribes to leadgen, so no lead webhook is sent', fix);
  });

  await guard('leadgen:permissions', async () => {
    const p = await checkPermissions(g.client, g.token, {
      source: o.source,
      ...(o.appToken === undefined ? {} : { appToken: o.appToken }),
    });
    const missing = LEADGEN_PERMISSIONS.filter((x) => !p.granted.includes(x));
    const ads = p.granted.includes(AD_FIELDS_PERMISSION)
      ? ''
      : `; without ${AD_FIELDS_PERMISSION} leads come without ad fields (ad_name, campaign_id…)`;
    if (missing.length > 0)
      return fail(
        'leadgen:permissions',
        `${missing.join(', ')} not granted${ads}`,
        `grant ${missing.join(', ')} (App Review for people without a role on the app) and get a new Page token`,
      );
    const expired = p.expires_at !== null && p.expires_at !== 0 && p.expires_at * 1000 < o.now.getTime();
    if (p.type !== null && p.type !== 'PAGE')
      return fail(
        'leadgen:permissions',
        `${LEADGEN_PERMISSIONS.join(', ')} granted, but it is a ${p.type} token`,
        'read leads with a Page access token of someone with the ADVERTISE task on the Page',
      );
    if (expired)
      return fail(
        'leadgen:permissions',
        `granted, but the token expired ${p.expires}`,
        'get a long-lived Page token (one from a long-lived user token does not expire)',
      );
    return pass(
      'leadgen:permissions',
      `${LEADGEN_PERMISSIONS.join(', ')} granted${p.type ? ` to a ${p.type} token` : ''}; expires ${p.expires}${ads}`,
    );
  });

  await guard('leadgen:appsecret-proof', async () => {
    // One call without appsecret_proof tells whether the app requires it ("Require App Secret").
    const bare: GraphClient = createGraphClient({
      baseUrl: g.client.baseUrl,
      version: g.client.version,
      token: g.token,
      timeoutMs: 10_000,
      dispatcher: o.deps.dispatcher,
      signal: o.deps.signal,
    });
    try {
      await bare.get(g.pageId, { fields: 'id' });
      return pass('leadgen:appsecret-proof', 'not required by the app (calls without appsecret_proof are answered)');
    } catch (err) {
      if (!(err instanceof LeadKitError) || !/appsecret_proof/i.test(err.message)) throw err;
      return o.appSecret !== undefined
        ? pass('leadgen:appsecret-proof', 'required by the app; lead-kit sends it (--app-secret) and so must your app')
        : fail(
            'leadgen:appsecret-proof',
            'required by the app: calls without appsecret_proof are refused',
            'pass --app-secret, and send appsecret_proof = HMAC-SHA256(token, app secret) from your app',
          );
    }
  });

  if (o.formId !== undefined) {
    const formId = o.formId;
    await guard('leadgen:form', async () => {
      const page = (await g.client.get(`${formId}/leads`, { limit: 1, fields: 'id,created_time' })) as { data?: Array<{ id?: string }> };
      const first = page.data?.[0]?.id;
      if (first === undefined)
        return pass('leadgen:form', `form ${formId} is readable; it has no leads yet (create one with POST /${formId}/test_leads)`);
      const lead = (await g.client.get(first, { fields: 'id,field_data' })) as { field_data?: unknown[] };
      return pass('leadgen:form', `lead ${first} of form ${formId} is readable (${lead.field_data?.length ?? 0} answers)`);
    });
  }
  return checks;
}
