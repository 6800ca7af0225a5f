import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { registerSimulate } from './simulate.js';
import { registerWebhook } from './webhook.js';

export type Register = (program: Command, ctx: CommandContext) => void;

/** Every top-level command, in help order. Each module only declares flags; its action imports the logic lazily. */
export const commandRegistry: Register[] = [registerSimulate, registerWebhook];
