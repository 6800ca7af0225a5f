import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, Help } from 'commander';
import { UsageError } from '../errors.js';
import type { CommandContext } from './context.js';
import { exitCodeHelp } from './exit-codes.js';
import { helpConfig } from './help.js';
import { applyAliases, friendlyChoices } from './options.js';
import { wiring } from './commands/index.js';
import { SUMMARIES, type CommandName, type Summary } from './commands/summaries.js';
import { lazyRunners, type Runners } from './runners.js';

const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string };

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

/** The top-level command `argv` runs or asks help for (`simulate …`, `help page status`), if it names one. */
export function commandNamed(argv: readonly string[]): CommandName | undefined {
  const words = argv.filter((a) => !a.startsWith('-'));
  const name = words[0] === 'help' ? words[1] : words[0];
  return SUMMARIES.find((s) => s.name === name)?.name;
}

/** Terms of the commands listed from ./commands/summaries.ts without their wiring. */
const listedTerms = new WeakMap<Command, string>();
const subcommandTerm = (cmd: Command): string => listedTerms.get(cmd) ?? Help.prototype.subcommandTerm.call(undefined, cmd);

/** A top-level command as `lead-kit --help` lists it, without its flags: what a run of another command needs of it. */
function addListed(program: Command, s: Summary): void {
  const cmd = program
    .command(s.name)
    .description(s.description)
    .action(() => {
      throw new Error(`the wiring of "${s.name}" was not loaded`);
    });
  listedTerms.set(cmd, s.term);
}

/**
 * Builds the command tree. The wiring of each command turns argv, environment and config file into the command's
 * typed options and hands them to `run` (the real run functions by default; tests pass recorders). Given `argv`
 * that names a command, only that command is added; given one that names none (`--help`, a mistyped command), every
 * command is listed by name and description without loading any wiring; without `argv`, every command is wired.
 */
export async function createProgram(ctx: CommandContext, run: Runners = lazyRunners, argv?: readonly string[]): Promise<Command> {
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
    .configureHelp({ ...helpConfig, subcommandTerm })
    .configureOutput({
      writeOut: (s) => io.out.write(s),
      writeErr: (s) => io.err.write(s),
      // From the IO rather than commander's default, which would build process.stdout (see stdio.ts).
      getOutHelpWidth: () => io.columns?.('out') ?? 80,
      getErrHelpWidth: () => io.columns?.('err') ?? 80,
      getOutHasColors: () => io.color.level > 0,
      getErrHasColors: () => io.errColor.level > 0,
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
  const wanted = argv === undefined ? undefined : commandNamed(argv);
  // A run of one command needs none of the others; one that names none (`--help`, a mistyped command) lists them all.
  if (wanted !== undefined) (await wiring[wanted]())(program, ctx, run);
  else if (argv !== undefined) for (const s of SUMMARIES) addListed(program, s);
  else for (const register of await Promise.all(SUMMARIES.map((s) => wiring[s.name]()))) register(program, ctx, run);
  addHelpCommand(program);
  friendlyChoices(program);
  return program;
}
