import { parseJsonFast } from '../json/fast.js';
import { DEPTH_FIX, JsonSyntaxError, type LocatedJson } from '../json/locate.js';
import { templateSchema } from '../schemas/template.js';
import { invalidUtf8Offset } from '../text/utf8.js';
import { problemsFromIssues, type IssueOptions } from './issues.js';
import { duplicateKeyProblems } from './duplicates.js';
import { sortProblems, type Problem } from './problems.js';
import { templateRules, type RuleOptions } from './rules.js';

export type ValidateOptions = IssueOptions & RuleOptions;

export interface TemplateCheck {
  problems: Problem[];
  /** the parsed template, when the text was valid JSON */
  value?: unknown;
  /** true when the file was refused before validation (nested deeper than lead-kit reads): exit 2, not 1 */
  refused?: boolean;
}

/**
 * Validates the bytes of one template file: they must be UTF-8 (Meta reads the request as UTF-8; decoding other
 * bytes would silently turn them into U+FFFD), then as `validateTemplateText`.
 */
export function validateTemplateBytes(bytes: Buffer, opts: ValidateOptions = {}): TemplateCheck {
  const bad = invalidUtf8Offset(bytes);
  if (bad === -1) return validateTemplateText(bytes.toString('utf8'), opts);
  const before = bytes.subarray(0, bad);
  const lineStart = before.lastIndexOf(10) + 1;
  const line = before.filter((b) => b === 10).length + 1;
  const column = bytes.subarray(lineStart, bad).toString('utf8').length + 1;
  return {
    problems: [
      {
        severity: 'error',
        path: '$',
        line,
        column,
        message: `invalid UTF-8 at byte offset ${bad} (byte 0x${bytes[bad]!.toString(16).padStart(2, '0')}): Meta reads the template as UTF-8 and would not get these characters — save the file as UTF-8`,
      },
    ],
  };
}

/**
 * Validates the text of one message template: JSON syntax (with the line and column of the error), duplicate keys,
 * the zod schema (src/schemas/template.ts) and the thread-control rules (src/template/rules.ts). Pure: the connected
 * apps, if any, were fetched beforehand.
 */
export function validateTemplateText(text: string, opts: ValidateOptions = {}): TemplateCheck {
  let located: LocatedJson;
  try {
    located = parseJsonFast(text);
  } catch (err) {
    if (!(err instanceof JsonSyntaxError)) throw err;
    const { line, column } = err.position;
    if (err.kind === 'depth')
      return { refused: true, problems: [{ severity: 'error', path: '$', line, column, message: `${err.message} — ${DEPTH_FIX}` }] };
    return {
      problems: [
        {
          severity: 'error',
          path: '$',
          line,
          column,
          message: `invalid JSON: ${err.message} — fix the syntax here (JSON allows no comments, no trailing commas, and only double quotes)`,
        },
      ],
    };
  }
  const parsed = templateSchema.safeParse(located.value);
  const problems = parsed.success ? [] : problemsFromIssues(parsed.error.issues, located, templateSchema, opts);
  problems.push(...duplicateKeyProblems(located), ...templateRules(located, opts));
  return { problems: sortProblems(problems), value: located.value };
}
