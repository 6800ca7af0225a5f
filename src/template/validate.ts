import { JsonSyntaxError, parseJsonWithPositions } from '../json/locate.js';
import { templateSchema } from '../schemas/template.js';
import { problemsFromIssues, type IssueOptions } from './issues.js';
import { sortProblems, type Problem } from './problems.js';
import { templateRules, type RuleOptions } from './rules.js';

export type ValidateOptions = IssueOptions & RuleOptions;

export interface TemplateCheck {
  problems: Problem[];
  /** the parsed template, when the text was valid JSON */
  value?: unknown;
}

/**
 * Validates the text of one message template: JSON syntax (with the line and column of the error), the zod
 * schema (src/schemas/template.ts) and the thread-control rules (src/template/rules.ts). Pure: the connected
 * apps, if any, were fetched beforehand.
 */
export function validateTemplateText(text: string, opts: ValidateOptions = {}): TemplateCheck {
  let located;
  try {
    located = parseJsonWithPositions(text);
  } catch (err) {
    if (!(err instanceof JsonSyntaxError)) throw err;
    const { line, column } = err.position;
    return { problems: [{ severity: 'error', path: '$', line, column, message: `invalid JSON: ${err.message} — fix the syntax here (JSON allows no comments, no trailing commas, and only double quotes)` }] };
  }
  const parsed = templateSchema.safeParse(located.value);
  const problems = parsed.success ? [] : problemsFromIssues(parsed.error.issues, located, templateSchema, opts);
  problems.push(...templateRules(located, opts));
  return { problems: sortProblems(problems), value: located.value };
}
