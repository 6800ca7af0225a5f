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

const examples = `Examples:
  $ lead-kit page status --token "$PAGE_TOKEN"
  $ lead-kit page owner --psid 24680135792468013 --json
  $ lead-kit page subscriptions --app-id 1234567890
  $ lead-kit page permissions --app-token "$APP_TOKEN"
  $ LEAD_KIT_GRAPH_URL=http://127.0.0.1:4010 lead-kit page status   # against lead-kit mock`;

/** `lead-kit page status|owner|subscriptions|permissions`: how Meta has the Page configured. */
export function registerPage(program: Command, ctx: CommandContext): void {
  const page = program
    .command('page')
    .description("show how Meta has your Page configured: routing status, thread owner, webhook subscriptions, token permissions")
    .addHelpText('after', `\n${examples}`);

  const status = page
    .command('status')
    .description('GET /{page-id}?fields=messaging_feature_status: hop_v2, msgr_multi_app, ig_multi_app and what they suggest')
    .addOption(crFlagOption());
  addGraphFlags(status).action(
    graphAction(ctx, [], async (v, deps, config) => (await import('../../commands/page-status.js')).runPageStatus(v, deps, config)),
  );

  const owner = page
    .command('owner')
    .description('GET /{page-id}/thread_owner: which app controls the conversation with a person, and until when')
    .option('--psid <psid>', "the person's Page-scoped id (required)")
    .addOption(expirationUnitOption());
  addGraphFlags(owner).action(
    graphAction(ctx, [], async (v, deps, config) => (await import('../../commands/page-owner.js')).runPageOwner(v, deps, config)),
  );

  const subs = page
    .command('subscriptions')
    .description("GET /{page-id}/subscribed_apps: each app's webhook fields and which lead-ad fields are missing")
    .option('--app-id <id>', 'your app: also report when it is not subscribed at all (config appId)');
  addGraphFlags(subs).action(
    graphAction(ctx, [appIdSetting], async (v, deps, config) => (await import('../../commands/page-subscriptions.js')).runPageSubscriptions(v, deps, config)),
  );

  const perms = page
    .command('permissions')
    .description('GET /debug_token (or /me/permissions): token validity, expiry, pages_messaging and pages_manage_metadata')
    .addOption(sourceOption())
    .addOption(appTokenOption());
  addGraphFlags(perms).action(
    graphAction(ctx, [appTokenSetting], async (v, deps, config) => (await import('../../commands/page-permissions.js')).runPagePermissions(v, deps, config)),
  );
}
