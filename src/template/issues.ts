import type { z } from 'zod';
import type { LocatedJson } from '../json/locate.js';
import { describeValue } from '../schemas/template-parts.js';
import { keysAt } from './keys.js';
import { jsonPath, problemAt, type Problem } from './problems.js';
import { closest } from './typo.js';

export interface IssueOptions {
  /** a digit string in receiving_app_control_expiration ("4") is a warning instead of an error (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing/messenger-lead-ads) */
  lenientStrings?: boolean;
}

type Issue = z.core.$ZodIssue;

const quoteList = (xs: readonly string[]): string => xs.map((x) => `"${x}"`).join(', ');

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let node = data;
  for (const seg of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[String(seg)];
  }
  return node;
}

const EXPECTED: Record<string, string> = {
  object: 'an object {…}',
  array: 'an array […]',
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
};

/** zod's generic "Invalid input: expected object, received string", said the lead-kit way. */
function typeMessage(path: readonly PropertyKey[], expected: string, value: unknown): string {
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  const name = last === undefined ? 'the template' : typeof last === 'number' ? `item ${last} of "${String(parent)}"` : `"${String(last)}"`;
  const want = EXPECTED[expected] ?? expected;
  if (value === undefined) return `${name} is missing — add it (${want})`;
  return `${name} must be ${want}, not ${describeValue(value)}${last === undefined ? ' — a template is {"message": {…}}' : ''}`;
}

/**
 * Turns zod issues into located problems. Unknown keys become warnings naming the nearest valid key; a missing
 * key that an unknown sibling probably misspells says so; an unknown discriminator ("type", "template_type",
 * "content_type") suggests the closest valid value. Everything else is an error with the schema's message.
 */
export function problemsFromIssues(issues: readonly Issue[], located: LocatedJson, schema: z.ZodType, opts: IssueOptions = {}): Problem[] {
  const out: Problem[] = [];
  const unknownKeys = new Map<string, string[]>(); // parent JSONPath → unknown keys there
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    unknownKeys.set(jsonPath(issue.path), issue.keys);
  }

  for (const issue of issues) {
    const path = issue.path;
    if (issue.code === 'unrecognized_keys') {
      const valid = keysAt(schema, located.value, path) ?? [];
      for (const key of issue.keys) {
        const guess = closest(key, valid);
        const msg =
          guess !== undefined
            ? `unknown key "${key}" — did you mean "${guess}"? Meta does not read "${key}" as "${guess}"`
            : `unknown key "${key}" — Meta's template has no such key here${valid.length > 0 ? `; valid keys are ${quoteList(valid)}` : ''}`;
        out.push(problemAt(located, 'warning', [...path, key], msg, 'key'));
      }
      continue;
    }
    if (issue.code === 'invalid_union' && 'discriminator' in issue && issue.discriminator !== undefined) {
      const options = (issue as { options?: unknown[] }).options?.map(String) ?? [];
      const key = String(path[path.length - 1] ?? issue.discriminator);
      const value = valueAt(located.value, path);
      if (value === undefined) {
        out.push(problemAt(located, 'error', path, `"${key}" is missing — add one of ${quoteList(options)}`));
      } else {
        const guess = typeof value === 'string' ? closest(value, options) : undefined;
        const hint = guess !== undefined ? `did you mean "${guess}"?` : 'use one of these';
        out.push(
          problemAt(located, 'error', path, `"${key}" is ${describeValue(value)}; lead-kit checks ${quoteList(options)} here — ${hint}`),
        );
      }
      continue;
    }
    const value = valueAt(located.value, path);
    let message =
      issue.code === 'invalid_type' && issue.message.startsWith('Invalid input') ? typeMessage(path, issue.expected, value) : issue.message;
    if (issue.code === 'invalid_type' && value === undefined) {
      // A required key is missing: an unknown sibling key may be its misspelling.
      const parent = path.slice(0, -1);
      const missing = String(path[path.length - 1]);
      const siblings = unknownKeys.get(jsonPath(parent)) ?? [];
      const typo = siblings.find((k) => closest(k, [missing]) !== undefined);
      if (typo !== undefined) message += ` ("${typo}" in this object looks like a misspelling of it)`;
    }
    const isExpiration = path[path.length - 1] === 'receiving_app_control_expiration';
    const daysString = typeof value === 'string' && /^\d+$/.test(value.trim()) && Number(value) >= 1 && Number(value) <= 7;
    const severity = isExpiration && opts.lenientStrings === true && daysString ? 'warning' : 'error';
    out.push(problemAt(located, severity, path, message));
  }
  return out;
}
