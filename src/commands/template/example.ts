import type { Deps } from '../../io/deps.js';
import type { Outcome } from '../../io/outcome.js';
import { templateExamples, type ExampleName } from '../../template/examples.js';

/** `lead-kit template example [button|generic]`: prints a valid template to start from (button: Meta's sample). */
export async function runTemplateExample(o: { kind: ExampleName }, deps: Pick<Deps, 'io'>): Promise<Outcome> {
  deps.io.out.write(JSON.stringify(templateExamples[o.kind], null, 2) + '\n');
  return 'ok';
}
