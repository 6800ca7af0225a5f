import type * as Crypto from 'node:crypto';
import type * as Http from 'node:http';
import type * as Https from 'node:https';
import type * as Tty from 'node:tty';

// Loaded on first use with process.getBuiltinModule (Node 20.16+), which is synchronous and, unlike a
// createRequire, does not load node:module (and with it the ES module loader, ≈2 ms).

/**
 * node:crypto, loaded on first use. Modules on the start-up path of every command (the CLI wiring, the secret
 * redaction, `--psid new`) use this instead of a static import: loading node:crypto costs a short command such as
 * `lead-kit --help` about 5 ms, and most runs of that path never need it.
 */
export const nodeCrypto = (): typeof Crypto => process.getBuiltinModule('node:crypto');

/** node:tty, loaded on first use: it loads node:net (≈5 ms), which a run writing to a pipe or file never needs. */
export const nodeTty = (): typeof Tty => process.getBuiltinModule('node:tty');

/** node:http and node:https, loaded when a command sends its first request (simulate, webhook, verify). */
export const nodeHttp = (): typeof Http => process.getBuiltinModule('node:http');
export const nodeHttps = (): typeof Https => process.getBuiltinModule('node:https');
