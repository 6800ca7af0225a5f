import { CommanderError, type Command } from 'commander';
import { LeadKitError } from '../errors.js';
import type { Deps } from '../io/deps.js';
import { reportError } from '../io/output.js';
import type { CommandContext } from './context.js';
import { ExitCode, exitCodeFor } from './exit-codes.js';
import { createProgram } from './program.js';
import { collectSecrets, redactingWriter } from './redact.js';
import type { Runners } from './runners.js';

/**
 * Runs lead-kit with `argv` (without node and the script) and returns the exit code.
 * The only place where outcomes and errors become exit codes and stderr lines.
 */
export async function main(argv: readonly string[], deps: Deps, run?: Runners): Promise<number> {
  const secrets = collectSecrets(argv, deps.env);
  const json = argv.includes('--json');
  const io = { ...deps.io, out: redactingWriter(deps.io.out, secrets), err: redactingWriter(deps.io.err, secrets), jsonErrors: json };
  // deps' own properties as they are (a spread would call the stdin getter of the real process), io replaced
  const withIO = Object.defineProperties({}, { ...Object.getOwnPropertyDescriptors(deps), io: { value: io, enumerable: true } }) as Deps;
  const ctx: CommandContext = { deps: withIO, outcome: 'ok' };
  const program: Command = await createProgram(ctx, run, argv);
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync([...argv], { from: 'user' });
    if (deps.signal.aborted && ctx.outcome === 'ok') return ExitCode.interrupted;
    return ExitCode[ctx.outcome];
  } catch (err) {
    const code = deps.signal.aborted && !(err instanceof LeadKitError) ? ExitCode.interrupted : exitCodeFor(err);
    if (err instanceof CommanderError) return code; // commander already printed its one line (or the help)
    report(err, io, debug);
    return code;
  }
}

function report(err: unknown, io: Deps['io'], debug: boolean): void {
  if (err instanceof LeadKitError)
    reportError(io, {
      code: err.code,
      message: err.message,
      hint: err.hint,
      ...(err.details === undefined ? {} : { details: err.details }),
    });
  else if (io.jsonErrors === true) reportError(io, { code: 'INTERNAL', message: String(err) });
  else {
    const msg = err instanceof Error ? err.message : String(err);
    io.err.write(
      `${io.errColor.red('lead-kit: internal error:')} ${msg} — this is a bug in lead-kit; run again with --debug and report it\n`,
    );
  }
  if (debug && err instanceof Error && err.stack) io.err.write(err.stack + '\n');
}
