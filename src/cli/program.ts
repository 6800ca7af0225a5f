import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import type { CommandContext } from './context.js';
import { exitCodeHelp } from './exit-codes.js';
import { commandRegistry } from './commands/index.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

export const envHelp = `Environment:
  LEAD_KIT_APP_SECRET    app secret used to sign webhooks (instead of --app-secret)
  LEAD_KIT_PAGE_TOKEN    Page access token for Graph calls (instead of --token)
  LEAD_KIT_APP_TOKEN     app access token for /debug_token (instead of --app-token)
  LEAD_KIT_PAGE_ID       Page id (instead of --page-id)
  LEAD_KIT_GRAPH_URL     Graph API base URL, e.g. a local \`lead-kit mock\` (instead of --graph-url)
  LEAD_KIT_VERIFY_TOKEN  verify token for the webhook handshake (instead of --verify-token)
  NO_COLOR               disable colour (colour is only used on a terminal anyway)`;

/** Builds the command tree. Flag declarations only: each action lazily imports its command module. */
export function createProgram(ctx: CommandContext): Command {
  const { io } = ctx.deps;
  const program = new Command('lead-kit')
    .description("Plays Meta's side of a Messenger lead-ad integration, so you can test your app without real ads.")
    .version(pkg.version, '-v, --version')
    .option('--debug', 'print stack traces and request traces (secrets stay redacted)')
    .showSuggestionAfterError(true)
    .addHelpText('after', `\n${exitCodeHelp}\n\n${envHelp}\n`);
  program.exitOverride();
  program.configureOutput({
    writeOut: (s) => io.out.write(s),
    writeErr: (s) => io.err.write(s),
    // `--tokn=<token>`: the value of an unknown option may be a secret under a mistyped name, so it is never echoed.
    outputError: (s, write) => write(io.errColor.red(s.replace(/^error:/, 'lead-kit:').replace(/(unknown option '-[^'=\s]*=)[^\n]*'/, "$1<REDACTED>'"))),
  });
  for (const register of commandRegistry) register(program, ctx);
  // Sub-commands inherit output, exit handling and the exit-code help.
  const configure = (cmd: Command): void => {
    cmd.exitOverride();
    cmd.configureOutput(program.configureOutput());
    cmd.showSuggestionAfterError(true);
    cmd.commands.forEach(configure);
  };
  program.commands.forEach(configure);
  return program;
}
