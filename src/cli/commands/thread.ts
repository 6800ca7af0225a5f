import { Option, type Command } from 'commander';
import type { ThreadOptions } from '../../commands/thread/control.js';
import type { ThreadAction, ThreadVia } from '../../graph/thread-control.js';
import type { CommandContext } from '../context.js';
import { addGraphOptions, graphAction } from '../graph-options.js';
import { examples } from '../help.js';
import { alias, appIdOption, digits, int, option, psidOption } from '../options.js';
import type { Runners } from '../runners.js';
import { summaryOf } from './summaries.js';

const viaHelp = `--via of pass and release (take and extend only exist as Handover Protocol calls):
  send-api  POST /{page-id}/messages with thread_control {app_id, control_type} (default; the current form)
  handover  POST /{page-id}/pass_thread_control (target_app_id, --metadata), /release_thread_control
  payload   POST /{page-id}/messages with thread_control {payload: pass_thread_control|release_thread_control}
            (older form; reaches the default app only, so it refuses --target)`;

const PSID = '24680135792468013';
const actions: Record<ThreadAction, { description: string; examples: string[] }> = {
  pass: {
    description: "pass control to an app (--target; the Page's default app when omitted)",
    examples: [
      `lead-kit thread pass --psid ${PSID} --target 263902037430900 --text "An agent will reply"`,
      `lead-kit thread pass --psid ${PSID} --dry-run     # prints curl, sends nothing`,
    ],
  },
  release: {
    description: 'release control (back to the default app; no webhook)',
    examples: [
      `lead-kit thread release --psid ${PSID} --app-id 2262510160704936`,
      `lead-kit thread release --psid ${PSID} --via handover --metadata done`,
    ],
  },
  take: {
    description: 'take control for your app (POST /take_thread_control)',
    examples: [`lead-kit thread take --psid ${PSID}`, `lead-kit thread take --psid ${PSID} --metadata "agent took over" --json`],
  },
  extend: {
    description: "extend your app's control (POST /extend_thread_control --duration <s>)",
    examples: [`lead-kit thread extend --psid ${PSID} --duration 86400`],
  },
};

interface ThreadValues {
  psid: string;
  via?: ThreadVia;
  target?: string;
  appId?: string;
  text?: string;
  metadata?: string;
  duration?: number;
  dryRun?: boolean;
  form?: boolean;
}

/** `lead-kit thread pass|release|take|extend`: send the thread-control calls your app will send. */
export function registerThread(program: Command, ctx: CommandContext, run: Runners): void {
  const thread = program
    .command('thread')
    .description(summaryOf('thread').description)
    .addHelpText('after', examples([actions.pass.examples[0]!, actions.take.examples[0]!, actions.extend.examples[0]!], viaHelp));
  for (const [action, about] of Object.entries(actions) as Array<[ThreadAction, (typeof actions)[ThreadAction]]>) {
    const sendApi = action === 'pass' || action === 'release';
    const cmd = thread
      .command(action)
      .description(about.description)
      .addOption(psidOption().makeOptionMandatory())
      .addOption(option('--dry-run', 'print the request as a curl command (token redacted) and send nothing'))
      .addOption(option('--form', "send the body as form fields, as Meta's lead-ads curl examples do, instead of JSON"))
      .addHelpText('after', examples(about.examples, sendApi ? viaHelp : undefined));
    if (sendApi) {
      cmd.addOption(
        new Option('--via <form>', 'how the call is made (see below)')
          .choices(['send-api', 'handover', 'payload'] satisfies ThreadVia[])
          .default('send-api'),
      );
      cmd.addOption(option('--text <message>', 'a message sent with the Send API forms'));
    }
    if (action === 'pass') {
      const target = option('--target <app-id>', 'the app that gets control', {
        defaultText: "the Page's default app",
        parse: digits('--target', '263902037430900'),
      });
      cmd.addOption(target).addOption(alias('--app-id <id>', target));
    }
    if (action === 'release') cmd.addOption(appIdOption('your app, in thread_control.app_id of the Send API form'));
    if (action !== 'extend') cmd.addOption(option('--metadata <text>', 'metadata of the handover call (--via handover)'));
    if (action === 'extend')
      cmd.addOption(
        option('--duration <seconds>', 'how long to extend control, in seconds (up to 604800 = 7 days)', {
          parse: int('--duration', 1),
        }).makeOptionMandatory(),
      );
    addGraphOptions(cmd).action(
      graphAction<ThreadValues>(ctx, [], (g, v) => {
        const o: ThreadOptions = { ...g, action, psid: v.psid, via: v.via ?? 'handover', dryRun: v.dryRun === true, form: v.form === true };
        if (v.target !== undefined) o.target = v.target;
        if (v.appId !== undefined) o.appId = v.appId;
        if (v.text !== undefined) o.text = v.text;
        if (v.metadata !== undefined) o.metadata = v.metadata;
        if (v.duration !== undefined) o.durationSeconds = v.duration;
        return run.thread(o, ctx.deps);
      }),
    );
  }
}
