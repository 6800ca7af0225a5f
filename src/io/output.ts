import type { ChalkInstance } from 'chalk';
import type { IO } from './deps.js';

/** Text or JSON, decided in one place: with --json stdout carries exactly one JSON document. */
export function emit<T>(io: IO, json: boolean | undefined, result: T, render: (r: T, c: ChalkInstance) => string): void {
  if (json) {
    io.out.write(JSON.stringify(result, null, 2) + '\n');
    return;
  }
  const text = render(result, io.color);
  if (text !== '') io.out.write(text.endsWith('\n') ? text : text + '\n');
}

/** One NDJSON line (for streams such as listen, mock and progress events). */
export function emitLine(io: IO, value: unknown): void {
  io.out.write(JSON.stringify(value) + '\n');
}

/** A warning on stderr: `lead-kit: warning: …` in yellow, or `{"warning":{"message":…}}` with --json. */
export function warn(io: Pick<IO, 'err' | 'errColor' | 'jsonErrors'>, message: string): void {
  if (io.jsonErrors === true) io.err.write(JSON.stringify({ warning: { message } }) + '\n');
  else io.err.write(io.errColor.yellow(`lead-kit: warning: ${message}`) + '\n');
}

/** One error as main() prints it: `lead-kit: message — hint`, or `{"error":{…}}` with --json. */
export interface ErrorLine {
  code: string;
  message: string;
  hint?: string | undefined;
  details?: unknown;
}

export function reportError(io: Pick<IO, 'err' | 'errColor' | 'jsonErrors'>, e: ErrorLine): void {
  if (io.jsonErrors === true) io.err.write(JSON.stringify({ error: e }) + '\n');
  else io.err.write(`${io.errColor.red('lead-kit:')} ${e.message}${e.hint ? ` — ${e.hint}` : ''}\n`);
}
