import { CommanderError } from 'commander';
import { LeadKitError } from '../errors.js';
import type { Outcome } from '../io/outcome.js';

/** The exit-code contract shared by every command (README "Exit codes"). */
export const ExitCode = {
  ok: 0,
  checkFailed: 1,
  usage: 2,
  connect: 3,
  auth: 4,
  graph: 5,
  internal: 70,
  interrupted: 130,
} as const satisfies Record<Outcome | 'graph' | 'internal', number>;

export const exitCodeHelp = `Exit codes:
  0    success
  1    a check failed (delivery rejected or too slow, invalid template, failed expectation)
  2    usage or input error
  3    could not connect (endpoint or Graph API unreachable, timeout)
  4    auth: secret or token missing, or rejected by Graph (code 190)
  5    other Graph API error
  70   internal error (run with --debug for the stack trace)
  130  interrupted (Ctrl-C)`;

/** The single place where a thrown value becomes a process exit code. */
export function exitCodeFor(err: unknown): number {
  if (err instanceof LeadKitError) return err.exitCode;
  if (err instanceof CommanderError) {
    // --help and --version succeed; help shown because a command group got no sub-command is a usage error
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return ExitCode.ok;
    if (err.code === 'commander.help') return err.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    return ExitCode.usage;
  }
  return ExitCode.internal;
}
