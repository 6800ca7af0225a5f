import { Writable } from 'node:stream';
import { InterruptedError } from '../errors.js';
import type { Deps, Prompter } from '../io/deps.js';

const CANCELLED = new Set(['ExitPromptError', 'AbortPromptError', 'CancelPromptError']);

/**
 * A Prompter on @inquirer/prompts, imported only when a question is asked (it is the slowest import lead-kit
 * has). Reads deps.stdin, writes through deps.io.out, and stops on Ctrl-C (InterruptedError, exit 130).
 */
export function createPrompter(deps: Pick<Deps, 'stdin' | 'io' | 'signal'>): Prompter {
  // inquirer ends its output stream when a prompt is done, so every prompt gets a fresh one.
  const context = () => ({
    input: deps.stdin,
    output: new Writable({
      write(chunk: Buffer | string, _enc, done) {
        deps.io.out.write(chunk.toString());
        done();
      },
    }),
    signal: deps.signal,
  });
  const guard = async <T>(ask: () => Promise<T>): Promise<T> => {
    try {
      return await ask();
    } catch (err) {
      if (err instanceof Error && CANCELLED.has(err.name)) throw new InterruptedError('lead-kit init cancelled; nothing was written');
      throw err;
    }
  };
  return {
    async input(q) {
      const { input } = await import('@inquirer/prompts');
      return guard(() =>
        input(
          {
            message: q.message,
            ...(q.default === undefined ? {} : { default: q.default }),
            ...(q.validate ? { validate: q.validate } : {}),
          },
          context(),
        ),
      );
    },
    async confirm(q) {
      const { confirm } = await import('@inquirer/prompts');
      return guard(() => confirm({ message: q.message, ...(q.default === undefined ? {} : { default: q.default }) }, context()));
    },
  };
}
