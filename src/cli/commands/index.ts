import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import type { Runners } from '../runners.js';
import type { CommandName } from './summaries.js';

export type Register = (program: Command, ctx: CommandContext, run: Runners) => void;

/**
 * The wiring of every top-level command, each imported only when that command is run or its help is shown: a run
 * of `lead-kit simulate` never loads the flags of the other fourteen. Order and descriptions: ./summaries.ts.
 */
export const wiring: Record<CommandName, () => Promise<Register>> = {
  simulate: async () => (await import('./simulate.js')).registerSimulate,
  webhook: async () => (await import('./webhook.js')).registerWebhook,
  page: async () => (await import('./page.js')).registerPage,
  doctor: async () => (await import('./doctor.js')).registerDoctor,
  thread: async () => (await import('./thread.js')).registerThread,
  mock: async () => (await import('./mock.js')).registerMock,
  template: async () => (await import('./template.js')).registerTemplate,
  config: async () => (await import('./config.js')).registerConfig,
  init: async () => (await import('./init.js')).registerInit,
  listen: async () => (await import('./listen.js')).registerListen,
  replay: async () => (await import('./replay.js')).registerReplay,
  verify: async () => (await import('./verify.js')).registerVerify,
  leads: async () => (await import('./leads.js')).registerLeads,
  events: async () => (await import('./events.js')).registerEvents,
  test: async () => (await import('./test.js')).registerTest,
};
