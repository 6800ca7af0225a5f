import { UsageError } from '../errors.js';
import { answersToFieldData, buildFormFlow, DEFAULT_FIELD_DATA, type FormScenario } from '../webhooks/form-flow.js';
import type { FlowInput } from '../webhooks/flow.js';
import { LEADGEN_DEFAULTS, type LeadgenIds } from '../webhooks/leadgen.js';
import type { SimulateOptions } from './simulate.js';

const whole = (flag: string, v: unknown, fallback: number): number => {
  if (v === undefined) return fallback;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new UsageError(`${flag} "${String(v)}" must be a whole number from 1 to 1000`);
  return n;
};

/**
 * The Instant Form part of `simulate`: the `leadgen` delivery as the flow's steps, and the leads `--mock`
 * holds. `--answer key=value` gives the form's field_data (the key is the question's key, e.g. full_name).
 */
export function formSimulateOptions(
  scenario: FormScenario,
  v: Record<string, unknown>,
  lead: FlowInput,
): Pick<SimulateOptions, 'steps' | 'form'> {
  const ids = (v.ids ?? 'string') as LeadgenIds;
  if (ids !== 'string' && ids !== 'number') throw new UsageError(`--ids "${String(ids)}" is not one of string, number`);
  const formId = v.formId === undefined ? LEADGEN_DEFAULTS.formId : String(v.formId);
  if (!/^\d+$/.test(formId))
    throw new UsageError(`--form-id "${formId}" is not a numeric id`, { hint: 'pass the digits only, e.g. --form-id 1048557243911820' });
  const batch = whole('--batch', v.batch, 3);
  const entries = whole('--entries', v.entries, 1);
  if (scenario !== 'form-batch' && (v.batch !== undefined || v.entries !== undefined))
    throw new UsageError(`--batch and --entries belong to the form-batch scenario, not ${scenario}`, {
      hint: 'run lead-kit simulate form-batch --batch 5',
    });
  if (entries > batch)
    throw new UsageError(`--entries ${entries} is more than --batch ${batch}`, { hint: 'each entry carries at least one change' });
  const given = v.answer !== undefined || v.answers !== undefined;
  const fieldData = given ? answersToFieldData(lead.answers) : DEFAULT_FIELD_DATA.map((f) => ({ name: f.name, values: [...f.values] }));
  const flow = buildFormFlow(scenario, lead, { formId, ids, batch, entries, fieldData });
  return { steps: flow.steps, form: { formId, leads: flow.leads, fieldData, forged: flow.forged } };
}
