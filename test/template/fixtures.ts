import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/templates/', import.meta.url));

export interface ExpectedProblem {
  severity: 'error' | 'warning' | 'note';
  path: string;
  line: number;
  column: number;
  includes: string;
}

export interface Fixture {
  kind: 'valid' | 'invalid';
  name: string;
  /** repo-relative, as the CLI prints it */
  file: string;
  text: string;
  expected?: ExpectedProblem[];
}

/** Every template fixture with its `<name>.expected.json`, if any. */
export function loadFixtures(): Fixture[] {
  const out: Fixture[] = [];
  for (const kind of ['valid', 'invalid'] as const) {
    const dir = `${FIXTURES}${kind}/`;
    const names = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json'));
    for (const f of names.sort()) {
      const name = f.slice(0, -'.json'.length);
      let expected: ExpectedProblem[] | undefined;
      try {
        expected = (JSON.parse(readFileSync(`${dir}${name}.expected.json`, 'utf8')) as { problems: ExpectedProblem[] }).problems;
      } catch {
        expected = undefined;
      }
      out.push({
        kind,
        name,
        file: `fixtures/templates/${kind}/${f}`,
        text: readFileSync(`${dir}${f}`, 'utf8'),
        ...(expected ? { expected } : {}),
      });
    }
  }
  return out;
}
