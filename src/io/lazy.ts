import type * as Crypto from 'node:crypto';
import { createRequire } from 'node:module';

let load: NodeJS.Require | undefined;

/**
 * node:crypto, loaded on first use. Modules on the start-up path of every command (the CLI wiring, the secret
 * redaction, `--psid new`) use this instead of a static import: loading node:crypto costs a short command such as
 * `lead-kit --help` about 5 ms, and most runs of that path never need it.
 */
export const nodeCrypto = (): typeof Crypto => (load ??= createRequire(import.meta.url))('node:crypto') as typeof Crypto;
