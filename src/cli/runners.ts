import type { ConfigShowOptions } from '../commands/config.js';
import type { DoctorOptions } from '../commands/doctor.js';
import type { LeadSubmittedOptions } from '../commands/events/lead-submitted.js';
import type { InitOptions } from '../commands/init.js';
import type { LeadsOptions } from '../commands/leads.js';
import type { ListenCommandOptions } from '../commands/listen-run.js';
import type { MockOptions } from '../commands/mock-run.js';
import type { PageOwnerOptions } from '../commands/page/owner.js';
import type { PagePermissionsOptions } from '../commands/page/permissions.js';
import type { PageStatusOptions } from '../commands/page/status.js';
import type { PageSubscriptionsOptions } from '../commands/page/subscriptions.js';
import type { ReplayOptions } from '../commands/replay-run.js';
import type { SimulateCommandOptions } from '../commands/simulate-run.js';
import type { TemplateValidateOptions } from '../commands/template/validate.js';
import type { TestOptions } from '../commands/test.js';
import type { ThreadOptions } from '../commands/thread/control.js';
import type { VerifyOptions } from '../commands/verify-run.js';
import type { WebhookOptions } from '../commands/webhook.js';
import type { Deps } from '../io/deps.js';
import type { Outcome } from '../io/outcome.js';
import type { ExampleName } from '../template/examples.js';

type Run<O> = (opts: O, deps: Deps) => Promise<Outcome>;

/**
 * The run function of every command, by name: what the wiring calls once it has built the command's typed options.
 * createProgram(ctx, run) takes this map, so a test can parse argv into options without running anything
 * (changesets' cli test seam).
 */
export interface Runners {
  simulate: Run<SimulateCommandOptions>;
  webhook: Run<WebhookOptions>;
  pageStatus: Run<PageStatusOptions>;
  pageOwner: Run<PageOwnerOptions>;
  pageSubscriptions: Run<PageSubscriptionsOptions>;
  pagePermissions: Run<PagePermissionsOptions>;
  doctor: Run<DoctorOptions>;
  thread: Run<ThreadOptions>;
  mock: Run<MockOptions>;
  templateValidate: Run<TemplateValidateOptions>;
  templateSchema: (deps: Deps) => Promise<Outcome>;
  templateExample: Run<{ kind: ExampleName }>;
  config: Run<ConfigShowOptions>;
  init: Run<InitOptions>;
  listen: Run<ListenCommandOptions>;
  replay: Run<ReplayOptions>;
  verify: Run<VerifyOptions>;
  leads: Run<LeadsOptions>;
  eventsLeadSubmitted: Run<LeadSubmittedOptions>;
  test: Run<TestOptions>;
}

/** The real run functions, each imported only when its command runs (start-up stays light). */
export const lazyRunners: Runners = {
  simulate: async (o, d) => (await import('../commands/simulate-run.js')).runSimulate(o, d),
  webhook: async (o, d) => (await import('../commands/webhook.js')).runWebhook(o, d),
  pageStatus: async (o, d) => (await import('../commands/page/status.js')).runPageStatus(o, d),
  pageOwner: async (o, d) => (await import('../commands/page/owner.js')).runPageOwner(o, d),
  pageSubscriptions: async (o, d) => (await import('../commands/page/subscriptions.js')).runPageSubscriptions(o, d),
  pagePermissions: async (o, d) => (await import('../commands/page/permissions.js')).runPagePermissions(o, d),
  doctor: async (o, d) => (await import('../commands/doctor.js')).runDoctor(o, d),
  thread: async (o, d) => (await import('../commands/thread/control.js')).runThread(o, d),
  mock: async (o, d) => (await import('../commands/mock-run.js')).runMock(o, d),
  templateValidate: async (o, d) => (await import('../commands/template/validate.js')).runTemplateValidate(o, d),
  templateSchema: async (d) => (await import('../commands/template/schema.js')).runTemplateSchema(d),
  templateExample: async (o, d) => (await import('../commands/template/example.js')).runTemplateExample(o, d),
  config: async (o, d) => (await import('../commands/config.js')).runConfigShow(o, d),
  init: async (o, d) => {
    const [{ runInit }, { createPrompter }] = await Promise.all([import('../commands/init.js'), import('./prompter.js')]);
    return runInit(o, d, () => createPrompter(d));
  },
  listen: async (o, d) => (await import('../commands/listen-run.js')).runListen(o, d),
  replay: async (o, d) => (await import('../commands/replay-run.js')).runReplay(o, d),
  verify: async (o, d) => (await import('../commands/verify-run.js')).runVerify(o, d),
  leads: async (o, d) => (await import('../commands/leads.js')).runLeads(o, d),
  eventsLeadSubmitted: async (o, d) => (await import('../commands/events/lead-submitted.js')).runLeadSubmitted(o, d),
  test: async (o, d) => (await import('../commands/test.js')).runTest(o, d),
};
