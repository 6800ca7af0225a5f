import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import {
  addGraphFlags,
  appIdSetting,
  appTokenOption,
  appTokenSetting,
  crFlagOption,
  expirationUnitOption,
  graphAction,
  sourceOption,
} from '../graph-flags.js';

const help = `Checks, in order: graph-version, token, permissions (pages_messaging, pages_manage_metadata),
conversation-routing (messaging_feature_status), subscriptions (messages, messaging_postbacks,
messaging_referrals, messaging_handovers, standby for every app), and thread-owner when --psid is given. With --leadgen: leadgen:subscription, leadgen:permissions,
leadgen:appsecret-proof, and leadgen:form when --form is given.
Each failed check prints the one thing to fix. Exit 1 when a check fails, 4 when Graph rejects the token.

Examples:
  $ lead-kit doctor --token "$PAGE_TOKEN" --app-id 1234567890
  $ lead-kit doctor --psid 24680135792468013 --json
  $ lead-kit doctor --leadgen --form 1048557243911820 --graph-url http://127.0.0.1:4010 --token lead-kit-demo-page-token`;

/** `lead-kit doctor`: every page check as one checklist. */
export function registerDoctor(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('doctor')
    .description("check your Page's setup for a lead-ad integration and print what to fix")
    .option('--psid <psid>', 'also check who controls the conversation with this person')
    .option('--app-id <id>', 'your app: must be subscribed, and own the thread when --psid is given (config appId)')
    .addOption(crFlagOption())
    .addOption(sourceOption())
    .addOption(appTokenOption())
    .addOption(expirationUnitOption())
    .option('--leadgen', 'also check Instant Form lead ads: leadgen subscription, leads_retrieval / pages_manage_ads / pages_read_engagement, token type and expiry, appsecret_proof')
    .option('--form <id>', 'with --leadgen: also check that a lead of this Instant Form can be read')
    .addHelpText('after', `\n${help}`);
  addGraphFlags(cmd).action(
    graphAction(ctx, [appIdSetting, appTokenSetting], async (v, deps, config) => (await import('../../commands/doctor.js')).runDoctor(v, deps, config)),
  );
}
