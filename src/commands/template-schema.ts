import type { Deps } from '../io/deps.js';
import { templateJsonSchema } from '../template/json-schema.js';

/** `lead-kit template schema`: prints the JSON Schema generated from the validator's zod schema. */
export function runTemplateSchema(deps: Pick<Deps, 'io'>): number {
  deps.io.out.write(JSON.stringify(templateJsonSchema(), null, 2) + '\n');
  return 0;
}
