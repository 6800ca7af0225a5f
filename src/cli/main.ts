import type { Command} from 'commander';
import { CommanderError } from 'commander';
import { LeadKitError } from '../errors.js';
import type { Deps } from './deps.js';
import type { CommandContext } from './context.js';
import { ExitCode, exitCodeFor } from './exit-codes.js';
import { createProgram } from './program.js';
import { collectSecrets, redactingWriter } from './redact.js';

/**
 * Runs lead-kit with `argv` (without node and the script) and returns the exit code.
 * The only place where errors become exit codes and stderr lines.
 */
export async function main(argv: readonly string[], deps: Deps): Promise<number> {
  const secrets = collectSecrets(argv, deps.env);
  const io = { ...deps.io, out: redactingWriter(deps.io.out, secrets), err: redactingWriter(deps.io.err, secrets) };
  const ctx: CommandContext = { deps: { ...deps, io }, exitCode: ExitCode.ok };
  const program: Command = createProgram(ctx);
  const debug = argv.includes('--debug');
  const json = argv.includes('--json');
  try {
    await program.parseAsync([...argv], { from: 'user' });
    if (deps.signal.aborted && ctx.exitCode === ExitCode.ok) return ExitCode.interrupted;
    return ctx.exitCode;
  } catch (err) {
    const code = deps.signal.aborted && !(err instanceof LeadKitError) ? ExitCode.interrupted : exitCodeFor(err);
    if (err instanceof CommanderError) return code; // commander already printed its one line (or the help)
    reportError(err, io, { debug, json });
    return code;
  }
}

function reportError(err: unknown, io: Deps['io'], opts: { debug: boolean; json: boolean }): void {
  if (opts.json) {
    const body = err instanceof LeadKitError ? err.toJSON() : { code: 'INTERNAL', message: String(err) };
    io.err.write(JSON.stringify({ error: body }) + '\n');
  } else if (err instanceof LeadKitError) {
    const hint = err.hint ? ` — ${err.hint}` : '';
    io.err.write(`${io.errColor.red('lead-kit:')} ${err.message}${hint}\n`);
  } else {
    const msg = err instanceof Error ? err.message : String(err);
    io.err.write(
      `${io.errColor.red('lead-kit: internal error:')} ${msg} — this is a bug in lead-kit; run again with --debug and report it\n`,
    );
  }
  if (opts.debug && err instanceof Error && err.stack) io.err.write(err.stack + '\n');
}
