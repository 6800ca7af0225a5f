import type { Deps } from '../../io/deps.js';
import type { Outcome } from '../../io/outcome.js';
import { templateJsonSchema } from '../../template/json-schema.js';

/** `lead-kit template schema`: prints the JSON Schema generated from the validator's zod schema. */
export async function runTemplateSchema(deps: Pick<Deps, 'io'>): Promise<Outcome> {
  deps.io.out.write(JSON.stringify(templateJsonSchema(), null, 2) + '\n');
  return 'ok';
}
