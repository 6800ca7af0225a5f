import type { FieldData } from '../schemas/leadgen.js';
import { buildLeadgenEnvelope, DASHBOARD_SAMPLE } from '../webhooks/leadgen.js';
import { graphErrors, MockGraphError } from './errors.js';
import { graphTime, parseFields, pick } from './fields.js';
import { leadgenOf, type LeadgenState, type MockForm, type MockLead } from './leadgen-state.js';
import { jsonArrayParam, paged, timeFilter } from './paging.js';
import { stringParam, type ParsedRequest } from './request.js';
import type { HandlerContext, MockRuntime } from './context.js';

/**
 * Instant Form lead retrieval (Retrieving Leads and Testing & Troubleshooting pages):
 * GET /{lead-id}, DELETE /{lead-id}, GET /{form-id}, GET /{form-id}/leads, GET /{ad-id}/leads,
 * GET|POST /{form-id}/test_leads, GET /{page-id}/leadgen_forms.
 * https://developers.facebook.com/documentation/ads-commerce/marketing-api/guides/lead-ads/retrieving
 * https://developers.facebook.com/documentation/ads-commerce/marketing-api/guides/lead-ads/testing-troubleshooting
 */
export interface LeadgenRoute {
  route: string;
  handler: (ctx: HandlerContext) => unknown;
}

const DASHBOARD_IDS = new Set<string>(Object.values(DASHBOARD_SAMPLE).filter((v) => v !== '0'));
const LEAD_DEFAULT_FIELDS = ['created_time', 'id', 'ad_id', 'form_id', 'field_data'];
const FORM_DEFAULT_FIELDS = ['id', 'locale', 'name', 'status'];

/** The leadgen route a request names, or undefined when it is not about forms, ads or leads. */
export function leadgenRoute(rt: MockRuntime, req: ParsedRequest): LeadgenRoute | undefined {
  const [node, edge] = req.segments as [string, string | undefined];
  if (edge === 'leadgen_forms')
    return { route: `GET ${node === 'me' ? '/me' : '/{page-id}'}/leadgen_forms`, handler: (ctx) => getForms(ctx, node) };
  // Every other edge is a Page's: leave it to the Page routes without touching the leadgen state (hot path).
  if (node === 'me' || (edge !== undefined && edge !== 'leads' && edge !== 'test_leads')) return undefined;
  const lg = leadgenOf(rt);
  if (DASHBOARD_IDS.has(node)) {
    // The App Dashboard "Test" sample's ids exist nowhere: Graph answers 100/33 for them.
    return {
      route: edge === undefined ? `${req.method} /{lead-id}` : `${req.method} /{id}/${edge}`,
      handler: () => {
        throw graphErrors.noSuchObject(req.method, node);
      },
    };
  }
  const form = lg.forms.get(node);
  if (edge === 'leads')
    return { route: lg.ads.has(node) ? 'GET /{ad-id}/leads' : 'GET /{form-id}/leads', handler: (ctx) => getLeads(ctx, lg, node) };
  if (edge === 'test_leads')
    return {
      route: `${req.method} /{form-id}/test_leads`,
      handler: (ctx) => (req.method === 'POST' ? postTestLead(ctx, lg, node) : getTestLeads(ctx, lg, node)),
    };
  if (edge !== undefined) return undefined;
  if (form) return { route: 'GET /{form-id}', handler: (ctx) => getForm(ctx, form) };
  const lead = lg.leads.get(node);
  if (lead)
    return {
      route: `${req.method} /{lead-id}`,
      handler: (ctx) => (req.method === 'DELETE' ? deleteLead(ctx, lg, lead) : getLead(ctx, lead)),
    };
  return undefined;
}

/** The Page's error setting, the token's Page and (for lead data) the leads_retrieval permission. */
function checkAccess(ctx: HandlerContext, pageId: string, id: string, leadData: boolean): void {
  const { rt, caller, req } = ctx;
  const setting = leadgenOf(rt).errors.get(pageId) ?? 'none';
  if (setting === 'token-expired') {
    const at = new Date(rt.clock.now() - 3_600_000).toUTCString();
    throw new MockGraphError(
      `Error validating access token: Session has expired on ${at}. The current time is ${new Date(rt.clock.now()).toUTCString()}.`,
      190,
      463,
    );
  }
  if (setting === 'appsecret-proof-required' && stringParam(ctx.params, 'appsecret_proof') === undefined) throw graphErrors.proofRequired();
  // 80005 is the LeadGen business-use-case rate limit (Retrieving Leads "Rate Limits"; code as Graph reports it).
  if (setting === 'rate-limit')
    throw new MockGraphError(
      '(#80005) There have been too many leadgen api calls to this Page account. Wait a while and try again.',
      80005,
    );
  if (caller.page.id !== pageId) throw graphErrors.noSuchObject(req.method, id);
  // Without leads_retrieval, or once Leads Access Manager no longer lists the app, Graph answers 100/33.
  if (leadData && (setting === 'no-leads-access' || !caller.connection.scopes.includes('leads_retrieval')))
    throw graphErrors.noSuchObject(req.method, id);
}

function method(ctx: HandlerContext, ...allowed: string[]): void {
  if (!allowed.includes(ctx.req.method)) throw graphErrors.wrongMethod(ctx.req.method);
}

/** A lead as Graph answers it; fields without a value (an organic lead's ad fields) are left out. */
export function leadJson(rt: MockRuntime, lead: MockLead, fields: unknown): Record<string, unknown> {
  const ad = lead.adId === undefined ? undefined : leadgenOf(rt).ads.get(lead.adId);
  return pick(
    {
      id: () => lead.id,
      created_time: () => graphTime(lead.createdAt),
      ad_id: () => lead.adId,
      ad_name: () => ad?.name,
      adset_id: () => ad?.adsetId,
      adset_name: () => ad?.adsetName,
      campaign_id: () => ad?.campaignId,
      campaign_name: () => ad?.campaignName,
      form_id: () => lead.formId,
      field_data: () => lead.fieldData.map((f) => ({ name: f.name, values: [...f.values] })),
      // Checkbox answers are not part of field_data; is_checked is "1" or "" (Retrieving Leads).
      custom_disclaimer_responses: () => (lead.disclaimers.length ? lead.disclaimers : undefined),
      is_organic: () => lead.adId === undefined,
      platform: () => lead.platform,
      partner_name: () => undefined,
      home_listing: () => undefined,
      post: () => undefined,
      post_submission_check_result: () => undefined,
      retailer_item_id: () => undefined,
      vehicle: () => undefined,
    },
    parseFields(fields),
    LEAD_DEFAULT_FIELDS,
    'Lead',
  );
}

function getLead(ctx: HandlerContext, lead: MockLead): unknown {
  checkAccess(ctx, lead.pageId, lead.id, true);
  return leadJson(ctx.rt, lead, ctx.params.fields);
}

/** DELETE /{lead-id}: how a test lead is removed so the form can take another (Testing & Troubleshooting). */
function deleteLead(ctx: HandlerContext, lg: LeadgenState, lead: MockLead): unknown {
  checkAccess(ctx, lead.pageId, lead.id, true);
  lg.deleteLead(lead.id);
  return { success: true };
}

function formJson(ctx: HandlerContext, form: MockForm, fields: unknown): Record<string, unknown> {
  const page = ctx.rt.state.pages.get(form.pageId);
  const lg = leadgenOf(ctx.rt);
  return pick(
    {
      id: () => form.id,
      name: () => form.name,
      status: () => form.status,
      locale: () => form.locale,
      questions: () => form.questions.map((q) => ({ key: q.key, label: q.label, type: q.type, id: q.id })),
      page: () => ({ name: page?.name ?? '', id: form.pageId }),
      created_time: () => graphTime(form.createdAt),
      leads_count: () => lg.leadsOf({ formId: form.id }).length,
      test_leads: () => ({ data: lg.leadsOf({ formId: form.id, testOnly: true }).map((l) => leadJson(ctx.rt, l, undefined)) }),
    },
    parseFields(fields),
    FORM_DEFAULT_FIELDS,
    'LeadgenForm',
  );
}

function getForm(ctx: HandlerContext, form: MockForm): unknown {
  method(ctx, 'GET');
  checkAccess(ctx, form.pageId, form.id, false);
  return formJson(ctx, form, ctx.params.fields);
}

function getForms(ctx: HandlerContext, node: string): unknown {
  method(ctx, 'GET');
  const pageId = node === 'me' ? ctx.caller.page.id : node;
  checkAccess(ctx, pageId, node, false);
  return paged(
    ctx.req,
    leadgenOf(ctx.rt).formsOf(pageId),
    (f) => formJson(ctx, f, ctx.params.fields),
    (f) => f.id,
  );
}

function getLeads(ctx: HandlerContext, lg: LeadgenState, node: string): unknown {
  method(ctx, 'GET');
  const ad = lg.ads.get(node);
  const form = lg.forms.get(node);
  const pageId = ad?.pageId ?? form?.pageId;
  if (pageId === undefined) throw graphErrors.noSuchObject('GET', node);
  checkAccess(ctx, pageId, node, true);
  const keep = timeFilter(ctx.params.filtering);
  const leads = lg.leadsOf(ad ? { adId: node } : { formId: node }).filter(keep);
  return paged(
    ctx.req,
    leads,
    (l) => leadJson(ctx.rt, l, ctx.params.fields),
    (l) => l.id,
  );
}

function getTestLeads(ctx: HandlerContext, lg: LeadgenState, formId: string): unknown {
  method(ctx, 'GET');
  const form = lg.forms.get(formId);
  if (form === undefined) throw graphErrors.noSuchObject('GET', formId);
  checkAccess(ctx, form.pageId, formId, true);
  return paged(
    ctx.req,
    lg.leadsOf({ formId, testOnly: true }),
    (l) => leadJson(ctx.rt, l, ctx.params.fields),
    (l) => l.id,
  );
}

function fieldDataParam(raw: unknown, form: MockForm): FieldData {
  if (raw === undefined || raw === '')
    return form.questions.map((q) => ({ name: q.key, values: [`<test lead: dummy data for ${q.key}>`] }));
  return jsonArrayParam('field_data', raw, '{name, values}').map((f: unknown, i) => {
    const o = (f ?? {}) as { name?: unknown; values?: unknown };
    if (typeof o.name !== 'string' || !Array.isArray(o.values) || !o.values.every((v) => typeof v === 'string'))
      throw graphErrors.param(`field_data[${i}] must be {"name": "<question key>", "values": ["…"]}`);
    return { name: o.name, values: o.values as string[] };
  });
}

/**
 * POST /{form-id}/test_leads: one test lead per form until it is deleted, organic (no ad), as Meta enforces
 * (Testing & Troubleshooting). Sends the signed `leadgen` webhook to the Page's apps subscribed to leadgen.
 */
function postTestLead(ctx: HandlerContext, lg: LeadgenState, formId: string): unknown {
  const form = lg.forms.get(formId);
  if (form === undefined) throw graphErrors.noSuchObject('POST', formId);
  checkAccess(ctx, form.pageId, formId, true);
  const existing = lg.testLeads.get(formId);
  // The rule is documented; the error's code and wording are not (unconfirmed).
  if (existing !== undefined)
    throw graphErrors.param(`A test lead (${existing}) already exists for this form. Delete it before creating another one`);
  const disclaimers = Array.isArray(ctx.params.custom_disclaimer_responses)
    ? (ctx.params.custom_disclaimer_responses as MockLead['disclaimers'])
    : [];
  const lead = lg.addLead({
    pageId: form.pageId,
    formId,
    createdAt: ctx.rt.clock.now(),
    fieldData: fieldDataParam(ctx.params.field_data, form),
    disclaimers,
    platform: 'fb',
    isTest: true,
  });
  lg.testLeads.set(formId, lead.id);
  sendLeadgen(ctx.rt, [lead]);
  return { id: lead.id };
}

/** Queues the signed `leadgen` webhook for new leads to every app on their Page subscribed to leadgen. */
export function sendLeadgen(rt: MockRuntime, leads: readonly MockLead[]): void {
  const first = leads[0];
  if (first === undefined) return;
  const page = rt.state.pages.get(first.pageId);
  if (page === undefined) return;
  const changes = leads.map((l) => ({
    leadgenId: l.id,
    pageId: l.pageId,
    formId: l.formId,
    createdTime: Math.floor(l.createdAt / 1000),
    ...(l.adId === undefined ? {} : { adId: l.adId, adgroupId: l.adId }),
  }));
  const envelope = buildLeadgenEnvelope({ changes, time: Math.floor(rt.clock.now() / 1000), ids: 'string' });
  for (const appId of page.connections.keys()) rt.webhooks.send(page, appId, 'leadgen', envelope);
}
