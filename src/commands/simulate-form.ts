import { UsageError } from '../errors.js';
import { answersToFieldData, buildFormFlow, DEFAULT_FIELD_DATA, type FormScenario } from '../webhooks/form-flow.js';
import type { FlowInput } from '../webhooks/flow.js';
import type { LeadgenIds } from '../webhooks/leadgen.js';
import type { SimulateOptions } from './simulate.js';

/** The Instant Form flags of `simulate`, typed by the wiring. */
export interface FormOptions {
  /** leadgen ids as JSON strings (real deliveries) or numbers (Meta's sample) */
  ids: LeadgenIds;
  formId: string;
  /** form-batch: leads in the one POST */
  batch: number;
  /** form-batch: entries the leads are spread over */
  entries: number;
}

/**
 * The Instant Form part of `simulate`: the `leadgen` delivery as the flow's steps, and the leads `--mock`
 * holds. `--answer key=value` gives the form's field_data (the key is the question's key, e.g. full_name).
 */
export function formSimulateOptions(
  scenario: FormScenario,
  o: FormOptions,
  lead: FlowInput,
  answersGiven: boolean,
): Pick<SimulateOptions, 'steps' | 'form'> {
  const { formId, ids, batch, entries } = o;
  if (entries > batch)
    throw new UsageError(`--entries ${entries} is more than --batch ${batch}`, { hint: 'each entry carries at least one change' });
  const fieldData = answersGiven
    ? answersToFieldData(lead.answers)
    : DEFAULT_FIELD_DATA.map((f) => ({ name: f.name, values: [...f.values] }));
  const flow = buildFormFlow(scenario, lead, { formId, ids, batch, entries, fieldData });
  return { steps: flow.steps, form: { formId, leads: flow.leads, fieldData, forged: flow.forged } };
}
