import type { FieldData } from '../schemas/leadgen.js';
import type { LeadgenChange } from './leadgen.js';

/** What an Instant Form `simulate --mock` run puts in the mock before the webhook goes out. */
export interface FormRun {
  formId: string;
  leads: readonly LeadgenChange[];
  fieldData: FieldData;
  forged: boolean;
}
