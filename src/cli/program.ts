import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { UsageError } from '../errors.js';
import type { CommandContext } from './context.js';
import { exitCodeHelp } from './exit-codes.js';
import { helpConfig } from './help.js';
import { applyAliases, friendlyChoices } from './options.js';
import { commandRegistry } from './commands/index.js';
import { lazyRunners, type Runners } from './runners.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

export const envHelp = `Environment:
  LEAD_KIT_APP_SECRET    app secret used to sign webhooks (instead of --app-secret)
  LEAD_KIT_PAGE_TOKEN    Page access token for Graph calls (instead of --token)
  LEAD_KIT_APP_TOKEN     app access token for /debug_token (instead of --app-token)
  LEAD_KIT_PAGE_ID       Page id (instead of --page-id)
  LEAD_KIT_GRAPH_URL     Graph API base URL, e.g. a local \`lead-kit mock\` (instead of --graph-url)
  LEAD_KIT_VERIFY_TOKEN  verify token for the webhook handshake (instead of --verify-token)
  NO_COLOR               disable colour (colour is only used on a terminal anyway)`;

const examples = `Examples:
  $ npx lead-kit simulate
  $ npx lead-kit mock
  $ npx lead-kit doctor --token "$PAGE_TOKEN" --app-id 1234567890`;

/** `lead-kit help [command…]`: the help of a command or sub-command; an unknown one is a usage error (exit 2). */
function addHelpCommand(program: Command): void {
  program.helpCommand(false);
  program
    .command('help')
    .description('display help for a command')
    .argument('[command...]', 'a command, and a sub-command of it')
    .action((names: string[]) => {
      let cmd = program;
      for (const name of names) {
        const next = cmd.commands.find((c) => c.name() === name || c.aliases().includes(name));
        if (next === undefined || next.name() === 'help') {
          const known = cmd.commands.map((c) => c.name()).filter((n) => n !== 'help');
          throw new UsageError(`unknown command "${[...names.slice(0, names.indexOf(name)), name].join(' ')}"`, {
            hint: `use one of ${known.join(', ')}`,
          });
        }
        cmd = next;
      }
      cmd.help();
    });
}

/**
 * Builds the command tree. The wiring of each command turns argv, environment and config file into the command's
 * typed options and hands them to `run` (the real run functions by default; tests pass recorders).
 */
export function createProgram(ctx: CommandContext, run: Runners = lazyRunners): Command {
  const { io } = ctx.deps;
  const program = new Command('lead-kit')
    .description("Plays Meta's side of a Messenger lead-ad integration, so you can test your app without real ads.")
    .version(pkg.version, '-v, --version')
    .option('--debug', 'print stack traces and request traces (secrets stay redacted)')
    .addHelpText('after', `\n${examples}\n\n${exitCodeHelp}\n\n${envHelp}\n`);
  // Set before the commands are added: every sub-command inherits output, exit handling and help style.
  program
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureHelp(helpConfig)
    .configureOutput({
      writeOut: (s) => io.out.write(s),
      writeErr: (s) => io.err.write(s),
      outputError: (s, write) => {
        // `--tokn=<token>`: the value of an unknown option may be a secret under a mistyped name, so it is never echoed.
        const message = s
          .replace(/^error: /, '')
          .trim()
          .replace(/(unknown option '-[^'=\s]*=)[^\n]*'/, "$1<REDACTED>'");
        write(
          io.jsonErrors === true
            ? JSON.stringify({ error: { code: 'USAGE', message } }) + '\n'
            : io.errColor.red(`lead-kit: ${message}`) + '\n',
        );
      },
    });
  program.hook('preAction', (_program, action) => applyAliases(action, io));
  for (const register of commandRegistry) register(program, ctx, run);
  addHelpCommand(program);
  friendlyChoices(program);
  return program;
}
