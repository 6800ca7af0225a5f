import type { Deps } from '../io/deps.js';
import { UsageError } from '../errors.js';
import { exampleNames, templateExamples, type ExampleName } from '../template/examples.js';

/** `lead-kit template example [button|generic]`: prints a valid template to start from (button: Meta's sample). */
export function runTemplateExample(name: string, deps: Pick<Deps, 'io'>): number {
  if (!(exampleNames as string[]).includes(name)) {
    throw new UsageError(`no example called "${name}"`, { hint: `use one of ${exampleNames.join(', ')}` });
  }
  deps.io.out.write(JSON.stringify(templateExamples[name as ExampleName], null, 2) + '\n');
  return 0;
}
