import type { MockConfig } from '../schemas/mock-config.js';
import type { FieldData, LeadgenErrorSetting } from '../schemas/leadgen.js';
import { leadgenId } from '../webhooks/leadgen.js';
import { parseInstant, type VirtualClock } from './clock.js';
import type { MockState } from './state.js';

/** One question of an Instant Form. */
export interface FormQuestion {
  key: string;
  label: string;
  type: string;
  id: string;
}

export interface MockForm {
  id: string;
  pageId: string;
  name: string;
  status: string;
  locale: string;
  questions: FormQuestion[];
  /** epoch ms */
  createdAt: number;
}

export interface MockAd {
  id: string;
  pageId: string;
  name: string;
  formId: string;
  adsetId: string;
  adsetName: string;
  campaignId: string;
  campaignName: string;
}

export interface MockLead {
  id: string;
  pageId: string;
  formId: string;
  /** absent for organic and test leads */
  adId?: string;
  /** epoch ms */
  createdAt: number;
  fieldData: FieldData;
  disclaimers: Array<{ checkbox_key: string; is_checked: '1' | '' }>;
  platform: 'fb' | 'ig';
  /** created through POST /{form-id}/test_leads */
  isTest: boolean;
}

/** Question types of the standard keys (Instant Form questions); other keys are CUSTOM. */
const STANDARD: Readonly<Record<string, [type: string, label: string]>> = {
  full_name: ['FULL_NAME', 'Full name'],
  first_name: ['FIRST_NAME', 'First name'],
  last_name: ['LAST_NAME', 'Last name'],
  email: ['EMAIL', 'Email'],
  phone_number: ['PHONE', 'Phone number'],
  city: ['CITY', 'City'],
  state: ['STATE', 'State'],
  zip: ['ZIP', 'Zip code'],
  country: ['COUNTRY', 'Country'],
  street_address: ['STREET_ADDRESS', 'Street address'],
  company_name: ['COMPANY_NAME', 'Company name'],
  job_title: ['JOB_TITLE', 'Job title'],
};

export function question(key: string, i: number, formId: string, label?: string, type?: string): FormQuestion {
  const std = STANDARD[key];
  return { key, label: label ?? std?.[1] ?? key, type: type ?? std?.[0] ?? 'CUSTOM', id: leadgenId(formId, 'question', i) };
}

/**
 * The Instant Form side of the mock: forms, ads and leads by id, the one test lead per form, and each
 * Page's error setting. Kept beside MockState (one per mock) so the Messenger state stays as it is.
 */
export class LeadgenState {
  readonly forms = new Map<string, MockForm>();
  readonly ads = new Map<string, MockAd>();
  readonly leads = new Map<string, MockLead>();
  /** form id → its test lead's id ("one test lead per form", Testing and Troubleshooting page) */
  readonly testLeads = new Map<string, string>();
  readonly errors = new Map<string, LeadgenErrorSetting>();
  private seq = 0;

  constructor(
    config: MockConfig,
    readonly clock: VirtualClock,
  ) {
    const start = clock.now();
    for (const p of config.pages) {
      this.errors.set(p.id, p.leadgen.error);
      for (const f of p.leadgen.forms) {
        this.addForm(p.id, {
          id: f.id,
          name: f.name,
          status: f.status,
          locale: f.locale,
          createdAt: parseInstant(f.created_time) ?? start,
          questions: f.questions.map((q, i) => question(q.key, i, f.id, q.label, q.type)),
        });
      }
      for (const a of p.leadgen.ads) {
        this.ads.set(a.id, {
          id: a.id,
          pageId: p.id,
          name: a.name,
          formId: a.form_id,
          adsetId: a.adset_id ?? `${a.id}1`,
          adsetName: a.adset_name ?? `${a.name} ad set`,
          campaignId: a.campaign_id ?? `${a.id}2`,
          campaignName: a.campaign_name ?? `${a.name} campaign`,
        });
      }
      for (const l of p.leadgen.leads) {
        const lead: MockLead = {
          id: l.id,
          pageId: p.id,
          formId: l.form_id,
          createdAt: parseInstant(l.created_time) ?? start,
          fieldData: l.field_data,
          disclaimers: l.custom_disclaimer_responses,
          platform: l.platform,
          isTest: false,
        };
        if (l.ad_id !== undefined) lead.adId = l.ad_id;
        this.leads.set(l.id, lead);
      }
    }
  }

  addForm(pageId: string, f: Omit<MockForm, 'pageId'>): MockForm {
    const form: MockForm = { ...f, pageId };
    this.forms.set(form.id, form);
    return form;
  }

  /** A form with the standard questions, created when a flow names one the config does not have. */
  ensureForm(pageId: string, id: string, keys: readonly string[]): MockForm {
    return (
      this.forms.get(id) ??
      this.addForm(pageId, {
        id,
        name: 'Lead-kit form',
        status: 'ACTIVE',
        locale: 'en_US',
        createdAt: this.clock.now(),
        questions: keys.map((k, i) => question(k, i, id)),
      })
    );
  }

  ensureAd(pageId: string, id: string, formId: string): MockAd {
    const existing = this.ads.get(id);
    if (existing) return existing;
    const ad: MockAd = {
      id,
      pageId,
      name: 'Lead-kit ad',
      formId,
      adsetId: `${id}1`,
      adsetName: 'Lead-kit ad set',
      campaignId: `${id}2`,
      campaignName: 'Lead-kit campaign',
    };
    this.ads.set(id, ad);
    return ad;
  }

  addLead(l: Omit<MockLead, 'id'> & { id?: string }): MockLead {
    const lead: MockLead = { ...l, id: l.id ?? leadgenId(l.pageId, l.formId, l.createdAt, 'lead', ++this.seq) };
    this.leads.set(lead.id, lead);
    return lead;
  }

  deleteLead(id: string): void {
    const lead = this.leads.get(id);
    if (lead === undefined) return;
    this.leads.delete(id);
    if (this.testLeads.get(lead.formId) === id) this.testLeads.delete(lead.formId);
  }

  /** Leads of a form or an ad, newest first. */
  leadsOf(by: { formId?: string; adId?: string; testOnly?: boolean }): MockLead[] {
    return [...this.leads.values()]
      .filter(
        (l) =>
          (by.formId === undefined || l.formId === by.formId) &&
          (by.adId === undefined || l.adId === by.adId) &&
          (!by.testOnly || l.isTest),
      )
      .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
  }

  formsOf(pageId: string): MockForm[] {
    return [...this.forms.values()].filter((f) => f.pageId === pageId).sort((a, b) => b.createdAt - a.createdAt);
  }
}

const states = new WeakMap<MockState, LeadgenState>();

/** The Instant Form state of a running mock, created from its config on first use. */
export function leadgenOf(rt: { state: MockState; config: MockConfig; clock: VirtualClock }): LeadgenState {
  let s = states.get(rt.state);
  if (s === undefined) states.set(rt.state, (s = new LeadgenState(rt.config, rt.clock)));
  return s;
}
