import { z } from 'zod';
import { templateSchema } from '../schemas/template.js';

/**
 * The JSON Schema (draft 2020-12) of a message template, generated from the same zod schema the validator uses.
 * Cross-field rules are carried by `.meta()` keywords (anyOf/oneOf/allOf) on the refined objects; what JSON
 * Schema cannot say is listed in the root description.
 */
export function templateJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(templateSchema, { target: 'draft-2020-12', unrepresentable: 'throw' }) as Record<string, unknown>;
}
