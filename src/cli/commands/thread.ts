import { Option, type Command } from 'commander';
import type { CommandContext } from '../context.js';
import { addGraphFlags, graphAction } from '../graph-flags.js';

const help = `--via (pass/release; take and extend only exist as handover):
  send-api  POST /{page-id}/messages with thread_control {app_id, control_type} (default; the current form)
  handover  POST /{page-id}/pass_thread_control (target_app_id, --metadata), /release_thread_control, …
  payload   POST /{page-id}/messages with thread_control {payload: pass_thread_control|release_thread_control}
            (older form; reaches the default app only, so it refuses --app-id)

Examples:
  $ lead-kit thread pass --psid 24680135792468013 --app-id 263902037430900 --text "An agent will reply"
  $ lead-kit thread release --psid 24680135792468013 --via handover --metadata done
  $ lead-kit thread take --psid 24680135792468013
  $ lead-kit thread extend --psid 24680135792468013 --duration 86400
  $ lead-kit thread pass --psid 24680135792468013 --dry-run     # prints curl, sends nothing`;

const actions = {
  pass: 'pass control to an app (--app-id; the default app when omitted)',
  release: 'release control (back to the default app; no webhook)',
  take: 'take control for your app (POST /take_thread_control)',
  extend: "extend your app's control (POST /extend_thread_control --duration <s>)",
} as const;

/** `lead-kit thread pass|release|take|extend`: send the thread-control calls your app will send. */
export function registerThread(program: Command, ctx: CommandContext): void {
  const thread = program.command('thread').description('send a test thread-control call (pass, release, take, extend)').addHelpText('after', `\n${help}`);
  for (const [action, description] of Object.entries(actions) as Array<[keyof typeof actions, string]>) {
    const cmd = thread
      .command(action)
      .description(description)
      .option('--psid <psid>', "the person's Page-scoped id (required)")
      .addOption(new Option('--via <form>', 'send-api | handover | payload (see `lead-kit thread --help`)').choices(['send-api', 'handover', 'payload']))
      .option('--dry-run', 'print the request as a curl command (token redacted) and send nothing')
      .option('--form', 'send the body as form fields, as Meta\'s lead-ads curl examples do (default JSON)');
    if (action === 'pass' || action === 'release') cmd.option('--app-id <id>', action === 'pass' ? 'the app that gets control (default: the Page\'s default app)' : 'thread_control.app_id of the Send API form');
    if (action === 'pass' || action === 'release') cmd.option('--text <message>', 'a message sent with the Send API forms');
    if (action !== 'extend') cmd.option('--metadata <text>', 'metadata of the handover call (--via handover)');
    if (action === 'extend') cmd.option('--duration <seconds>', 'how long to extend control, in seconds (up to 604800 = 7 days)');
    addGraphFlags(cmd).action(
      graphAction(ctx, [], async (v, deps, config) => (await import('../../commands/thread.js')).runThread(action, v, deps, config)),
    );
  }
}
