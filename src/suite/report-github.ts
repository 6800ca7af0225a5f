import type { CaseResult } from './cases.js';

// GitHub Actions workflow commands: https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions#setting-an-error-message
const data = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const property = (s: string): string => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** One `::error` annotation for a failed case (file= points the annotation at the suite file). */
export function githubAnnotation(r: CaseResult, file: string, detail: string): string {
  return `::error file=${property(file)},title=${property(`lead-kit test: ${r.name}`)}::${data(detail)}\n`;
}
