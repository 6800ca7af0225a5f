import { Option, type Command } from 'commander';
import type { ExpirationUnit } from '../../page/owner.js';
import type { PermissionSource } from '../../page/permissions.js';
import type { CrFlag } from '../../page/status.js';
import type { CommandContext } from '../context.js';
import { examples } from '../help.js';
import { addGraphOptions, appIdSetting, appTokenSetting, graphAction } from '../graph-options.js';
import { appIdOption, appTokenOption, psidOption } from '../options.js';
import type { Runners } from '../runners.js';
import { summaryOf } from './summaries.js';

/** --cr-flag: which messaging_feature_status flag means "Conversation Routing on" (Meta does not document them). */
export const crFlagOption = (): Option =>
  new Option('--cr-flag <flag>', 'the messaging_feature_status flag read as "Conversation Routing on" (Meta does not document them)')
    .choices(['msgr_multi_app', 'hop_v2', 'either', 'ignore'] satisfies CrFlag[])
    .default('msgr_multi_app');

/** --source of permission checks. */
export const sourceOption = (): Option =>
  new Option(
    '--source <source>',
    "debug-token (Meta's way for Page tokens), permissions (/me/permissions), or auto: debug_token, then /me/permissions if refused",
  )
    .choices(['auto', 'debug-token', 'permissions'] satisfies PermissionSource[])
    .default('auto');

/** --expiration-unit of thread_owner reads (unconfirmed). */
export const expirationUnitOption = (): Option =>
  new Option('--expiration-unit <unit>', 'unit of thread_owner.expiration (unconfirmed): auto reads ≥ 10^11 as ms')
    .choices(['auto', 's', 'ms'] satisfies ExpirationUnit[])
    .default('auto');

/** `lead-kit page status|owner|subscriptions|permissions`: how Meta has the Page configured. */
export function registerPage(program: Command, ctx: CommandContext, run: Runners): void {
  const page = program
    .command('page')
    .description(summaryOf('page').description)
    .addHelpText(
      'after',
      examples([
        'lead-kit page status --token "$PAGE_TOKEN"',
        'lead-kit page owner --psid 24680135792468013 --json',
        'LEAD_KIT_GRAPH_URL=http://127.0.0.1:4010 lead-kit page status   # against lead-kit mock',
      ]),
    );

  const status = page
    .command('status')
    .description('GET /{page-id}?fields=messaging_feature_status: hop_v2, msgr_multi_app, ig_multi_app and what they suggest')
    .addOption(crFlagOption())
    .addHelpText('after', examples(['lead-kit page status --token "$PAGE_TOKEN"', 'lead-kit page status --cr-flag either --json']));
  addGraphOptions(status).action(graphAction<{ crFlag: CrFlag }>(ctx, [], (g, v) => run.pageStatus({ ...g, crFlag: v.crFlag }, ctx.deps)));

  const owner = page
    .command('owner')
    .description('GET /{page-id}/thread_owner: which app controls the conversation with a person, and until when')
    .addOption(psidOption().makeOptionMandatory())
    .addOption(expirationUnitOption())
    .addHelpText(
      'after',
      examples(['lead-kit page owner --psid 24680135792468013', 'lead-kit page owner --psid 24680135792468013 --expiration-unit s --json']),
    );
  addGraphOptions(owner).action(
    graphAction<{ psid: string; expirationUnit: ExpirationUnit }>(ctx, [], (g, v) =>
      run.pageOwner({ ...g, psid: v.psid, expirationUnit: v.expirationUnit }, ctx.deps),
    ),
  );

  const subs = page
    .command('subscriptions')
    .description("GET /{page-id}/subscribed_apps: each app's webhook fields and which lead-ad fields are missing")
    .addOption(appIdOption('your app: also report when it is not subscribed at all (config appId)'))
    .addHelpText('after', examples(['lead-kit page subscriptions --app-id 1234567890', 'lead-kit page subscriptions --json']));
  addGraphOptions(subs).action(
    graphAction<{ appId?: string }>(ctx, [appIdSetting], (g, v) => run.pageSubscriptions({ ...g, appId: v.appId }, ctx.deps)),
  );

  const perms = page
    .command('permissions')
    .description('GET /debug_token (or /me/permissions): token validity, expiry, pages_messaging and pages_manage_metadata')
    .addOption(sourceOption())
    .addOption(appTokenOption())
    .addHelpText(
      'after',
      examples(['lead-kit page permissions --app-token "$APP_TOKEN"', 'lead-kit page permissions --source permissions --json']),
    );
  addGraphOptions(perms).action(
    graphAction<{ source: PermissionSource; appToken?: string }>(ctx, [appTokenSetting], (g, v) =>
      run.pagePermissions({ ...g, source: v.source, appToken: v.appToken === '' ? undefined : v.appToken }, ctx.deps),
    ),
  );
}
