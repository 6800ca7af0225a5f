import type { FieldData } from '../schemas/leadgen.js';
import type { Answer } from './build.js';
import type { FlowInput, FlowStep } from './flow.js';
import { buildLeadgenEnvelope, leadgenChanges, type LeadgenChange, type LeadgenIds } from './leadgen.js';

/** Instant Form scenarios of `lead-kit simulate`: the Page `leadgen` webhook, then the app fetches the lead. */
export const formScenarios = ['form', 'form-organic', 'form-batch', 'form-forged'] as const;
export type FormScenario = (typeof formScenarios)[number];
export const isFormScenario = (s: string): s is FormScenario => (formScenarios as readonly string[]).includes(s);

export const formScenarioHelp: Record<FormScenario, string> = {
  form: 'an Instant Form lead from an ad: one signed leadgen webhook (ids only); with --mock the app can fetch the answers',
  'form-organic': 'an organic (or Testing Tool) lead: no ad_id / adgroup_id in the webhook or the lead',
  'form-batch': '--batch leads (default 3) as changes of one POST, as Meta batches them',
  'form-forged': 'a leadgen webhook with a bad signature: the app must ignore it (--expect no-fetch-on-forged)',
};

/** The answers of a form lead when none are given: standard question keys, non-ASCII on purpose. */
export const DEFAULT_FIELD_DATA: FieldData = [
  { name: 'full_name', values: ['Zoë Müller'] },
  { name: 'email', values: ['zoe@example.com'] },
  { name: 'phone_number', values: ['+41 44 000 00 00'] },
  { name: 'city', values: ['Zürich'] },
];

/** `--answer key=value` pairs as field_data: the key is the question's key; a repeated key adds a value. */
export function answersToFieldData(answers: readonly Answer[]): FieldData {
  const out: FieldData = [];
  for (const a of answers) {
    const existing = out.find((f) => f.name === a.question);
    if (existing) existing.values.push(a.answer);
    else out.push({ name: a.question, values: [a.answer] });
  }
  return out;
}

export interface FormFlowOptions {
  formId: string;
  ids: LeadgenIds;
  /** leads in form-batch */
  batch: number;
  entries: number;
  fieldData: FieldData;
}

export interface FormFlow {
  steps: FlowStep[];
  /** the leads the deliveries name, for the mock to hold */
  leads: LeadgenChange[];
  /** true when the delivery is signed with a wrong secret */
  forged: boolean;
}

/** The deliveries of an Instant Form scenario: one `leadgen` POST (several changes for form-batch). */
export function buildFormFlow(scenario: FormScenario, input: FlowInput, o: FormFlowOptions): FormFlow {
  const organic = scenario === 'form-organic';
  const count = scenario === 'form-batch' ? o.batch : 1;
  const leads = leadgenChanges({
    pageId: input.pageId,
    formId: o.formId,
    adId: input.adId,
    adgroupId: input.adId,
    startMs: input.startMs,
    organic,
    count,
  });
  const body = buildLeadgenEnvelope({
    changes: leads,
    time: Math.floor(input.startMs / 1000),
    ids: o.ids,
    entries: scenario === 'form-batch' ? o.entries : 1,
  });
  const forged = scenario === 'form-forged';
  const what = count === 1 ? `lead ${leads[0]!.leadgenId}` : `${count} leads`;
  const note = forged
    ? `leadgen ${what} signed with a WRONG secret: your app should reject it and fetch nothing (any answer is accepted)`
    : `leadgen ${what}${organic ? ' (organic: no ad_id)' : ''}, ids only: the app fetches the answers with GET /{leadgen_id}`;
  const step: FlowStep = {
    type: 'delivery',
    kind: 'leadgen',
    app: input.app,
    channel: 'messaging',
    note,
    body,
    ...(forged ? { forged: true } : {}),
  };
  return { steps: [step], leads, forged };
}
