import { JsonSyntaxError, parseJsonWithPositions } from '../json/locate.js';
import type { Answer } from './build.js';

/** A problem in an answers input, with where it is. */
export class AnswersError extends Error {
  constructor(
    message: string,
    /** how to fix it, when more specific than "fix the file" */
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'AnswersError';
  }
}

/** `--answer "Question?=Answer"`: split at the first `=`, so answers may contain `=`. */
export function parseAnswerFlag(raw: string): Answer {
  const eq = raw.indexOf('=');
  if (eq <= 0)
    throw new AnswersError(`--answer "${raw}" is not "Question=Answer": write e.g. --answer "What city is your store located?=Zürich"`);
  return { question: raw.slice(0, eq).trim(), answer: raw.slice(eq + 1) };
}

/**
 * An answers file: `[{"question": "…", "answer": "…"}, …]` or `{"Question?": "Answer", …}`.
 * Errors name file:line:column.
 */
export function parseAnswersFile(text: string, file: string): Answer[] {
  let located;
  try {
    located = parseJsonWithPositions(text);
  } catch (err) {
    if (err instanceof JsonSyntaxError) {
      throw new AnswersError(err.at(file), err.fix(undefined));
    }
    throw err;
  }
  const at = (pointer: string): string => {
    const p = located.positions.get(pointer);
    return p ? `${file}:${p.line}:${p.column}` : file;
  };
  const shape = 'expected [{"question": "…", "answer": "…"}, …] or {"Question?": "Answer", …}';
  const v = located.value;
  if (Array.isArray(v)) {
    return v.map((item, i) => {
      const ok =
        item !== null &&
        typeof item === 'object' &&
        !Array.isArray(item) &&
        typeof (item as Answer).question === 'string' &&
        typeof (item as Answer).answer === 'string';
      if (!ok) throw new AnswersError(`${at(`/${i}`)}: item ${i} is not {"question": string, "answer": string}`);
      return { question: (item as Answer).question, answer: (item as Answer).answer };
    });
  }
  if (v !== null && typeof v === 'object') {
    return Object.entries(v).map(([question, answer]) => {
      if (typeof answer !== 'string')
        throw new AnswersError(
          `${at(`/${question.replace(/~/g, '~0').replace(/\//g, '~1')}`)}: the answer to "${question}" must be a string`,
        );
      return { question, answer };
    });
  }
  throw new AnswersError(`${at('')}: ${shape}`);
}
