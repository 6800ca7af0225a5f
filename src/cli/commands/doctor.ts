import type { Command } from 'commander';
import type { DoctorOptions } from '../../commands/doctor.js';
import type { CommandContext } from '../context.js';
import { addGraphOptions, appIdSetting, appTokenSetting, graphAction } from '../graph-options.js';
import { examples } from '../help.js';
import { appIdOption, appTokenOption, digits, option, psidOption } from '../options.js';
import type { Runners } from '../runners.js';
import { crFlagOption, expirationUnitOption, sourceOption } from './page.js';
import { summaryOf } from './summaries.js';

const intro = `Checks, in order: graph-version, token, permissions (pages_messaging, pages_manage_metadata),
conversation-routing (messaging_feature_status), subscriptions (messages, messaging_postbacks,
messaging_referrals, messaging_handovers, standby for every app), and thread-owner when --psid is given. With --leadgen: leadgen:subscription, leadgen:permissions,
leadgen:appsecret-proof, and leadgen:form when --form is given.
Each failed check prints the one thing to fix. Exit 1 when a check fails, 4 when Graph rejects the token.`;

type DoctorValues = Pick<DoctorOptions, 'crFlag' | 'source' | 'expirationUnit'> & {
  psid?: string;
  appId?: string;
  appToken?: string;
  leadgen?: boolean;
  form?: string;
};

/** `lead-kit doctor`: every page check as one checklist. */
export function registerDoctor(program: Command, ctx: CommandContext, run: Runners): void {
  const cmd = program
    .command('doctor')
    .description(summaryOf('doctor').description)
    .addOption(psidOption('also check who controls the conversation with this person'))
    .addOption(appIdOption('your app: must be subscribed, and own the thread when --psid is given (config appId)'))
    .addOption(crFlagOption())
    .addOption(sourceOption())
    .addOption(appTokenOption())
    .addOption(expirationUnitOption())
    .addOption(
      option(
        '--leadgen',
        'also check Instant Form lead ads: leadgen subscription, leads_retrieval / pages_manage_ads / pages_read_engagement, token type and expiry, appsecret_proof',
      ),
    )
    .addOption(
      option('--form <id>', 'also check that a lead of this Instant Form can be read (implies --leadgen)', {
        parse: digits('--form', '1048557243911820'),
      }).implies({ leadgen: true }),
    )
    .addHelpText(
      'after',
      examples(
        [
          'lead-kit doctor --token "$PAGE_TOKEN" --app-id 1234567890',
          'lead-kit doctor --psid 24680135792468013 --json',
          'lead-kit doctor --leadgen --form 1048557243911820 --graph-url http://127.0.0.1:4010 --token lead-kit-demo-page-token',
        ],
        intro,
      ),
    );
  addGraphOptions(cmd).action(
    graphAction<DoctorValues>(ctx, [appIdSetting, appTokenSetting], (g, v) =>
      run.doctor(
        {
          ...g,
          psid: v.psid,
          appId: v.appId,
          crFlag: v.crFlag,
          source: v.source,
          appToken: v.appToken === '' ? undefined : v.appToken,
          expirationUnit: v.expirationUnit,
          leadgen: v.leadgen === true,
          form: v.form,
        },
        ctx.deps,
      ),
    ),
  );
}
