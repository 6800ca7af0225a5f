import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import type { Runners } from '../runners.js';
import { registerDoctor } from './doctor.js';
import { registerPage } from './page.js';
import { registerThread } from './thread.js';
import { registerSimulate } from './simulate.js';
import { registerWebhook } from './webhook.js';
import { registerTemplate } from './template.js';
import { registerConfig } from './config.js';
import { registerInit } from './init.js';
import { registerListen } from './listen.js';
import { registerReplay } from './replay.js';
import { registerVerify } from './verify.js';
import { registerLeads } from './leads.js';
import { registerEvents } from './events.js';
import { registerMock } from './mock.js';
import { registerTest } from './test.js';

export type Register = (program: Command, ctx: CommandContext, run: Runners) => void;

/** Every top-level command, in help order. Each module only declares flags; its action imports the logic lazily. */
export const commandRegistry: Register[] = [
  registerSimulate,
  registerWebhook,
  registerPage,
  registerDoctor,
  registerThread,
  registerMock,
  registerTemplate,
  registerConfig,
  registerInit,
  registerListen,
  registerReplay,
  registerVerify,
  registerLeads,
  registerEvents,
  registerTest,
];
