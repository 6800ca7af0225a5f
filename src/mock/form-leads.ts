import type { FormRun } from '../webhooks/form-run.js';
import { leadgenOf } from './leadgen-state.js';
import type { MockRuntime } from './context.js';
import type { MockPage } from './state.js';

export type { FormRun };

/**
 * Makes the mock hold the delivered leads (with the form's answers), so `GET /{leadgen_id}` answers them, and
 * subscribes the app under test to `leadgen` as `POST /{page-id}/subscribed_apps?subscribed_fields=leadgen` would.
 */
export function seedFormLeads(rt: MockRuntime, page: MockPage, appId: string, run: FormRun): void {
  const lg = leadgenOf(rt);
  lg.ensureForm(
    page.id,
    run.formId,
    run.fieldData.map((f) => f.name),
  );
  for (const l of run.leads) {
    if (l.adId !== undefined) lg.ensureAd(page.id, l.adId, run.formId);
    lg.addLead({
      id: l.leadgenId,
      pageId: page.id,
      formId: run.formId,
      ...(l.adId === undefined ? {} : { adId: l.adId }),
      createdAt: l.createdTime * 1000,
      fieldData: run.fieldData.map((f) => ({ name: f.name, values: [...f.values] })),
      disclaimers: [],
      platform: 'fb',
      isTest: false,
    });
  }
  page.connections.get(appId)?.fields.add('leadgen');
}

/** The expectation context of a form run: which lead ids the app should (and must not) fetch. */
export function formExpectContext(run: FormRun): { leadIds: string[]; forgedLeadIds: string[] } {
  const ids = run.leads.map((l) => l.leadgenId);
  return run.forged ? { leadIds: [], forgedLeadIds: ids } : { leadIds: ids, forgedLeadIds: [] };
}
