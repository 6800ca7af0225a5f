/**
 * The only error types commands throw. Each carries a stable `code`, the process exit code it maps to,
 * and an optional one-line `hint` that tells the user what to do. `src/cli/exit-codes.ts` is the one place
 * that turns them into exit codes.
 */
export interface ErrorDetails {
  [key: string]: unknown;
}

export class LeadKitError extends Error {
  readonly code: string;
  readonly exitCode: number;
  readonly hint: string | undefined;
  readonly details: ErrorDetails | undefined;

  constructor(message: string, opts: { code: string; exitCode: number; hint?: string; details?: ErrorDetails; cause?: unknown }) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.code = opts.code;
    this.exitCode = opts.exitCode;
    this.hint = opts.hint;
    this.details = opts.details;
  }

  toJSON(): Record<string, unknown> {
    return { code: this.code, message: this.message, hint: this.hint, details: this.details };
  }
}

/** A check ran and failed (exit 1): a rejected delivery, an invalid template, a failed expectation. */
export class CheckFailedError extends LeadKitError {
  constructor(message: string, opts: { hint?: string; details?: ErrorDetails } = {}) {
    super(message, { code: 'CHECK_FAILED', exitCode: 1, ...opts });
  }
}

/** Bad flags, arguments or input files (exit 2). */
export class UsageError extends LeadKitError {
  constructor(message: string, opts: { hint?: string; details?: ErrorDetails; code?: string } = {}) {
    super(message, { code: opts.code ?? 'USAGE', exitCode: 2, hint: opts.hint, details: opts.details });
  }
}

/** A file that cannot be read or parsed; the message names file:line:column (exit 2). */
export class InputError extends LeadKitError {
  constructor(message: string, opts: { hint?: string; details?: ErrorDetails; cause?: unknown } = {}) {
    super(message, { code: 'INPUT', exitCode: 2, ...opts });
  }
}

/** The endpoint or the Graph API could not be reached, or never answered (exit 3). */
export class ConnectError extends LeadKitError {
  constructor(message: string, opts: { hint?: string; details?: ErrorDetails; cause?: unknown } = {}) {
    super(message, { code: 'CONNECT', exitCode: 3, ...opts });
  }
}

/** A secret or token is missing, or Graph rejected it (OAuthException / code 190) (exit 4). */
export class AuthError extends LeadKitError {
  constructor(message: string, opts: { hint?: string; details?: ErrorDetails; code?: string } = {}) {
    super(message, { code: opts.code ?? 'AUTH', exitCode: 4, hint: opts.hint, details: opts.details });
  }
}

/** Any other Graph API error envelope (exit 5). */
export class GraphApiError extends LeadKitError {
  constructor(message: string, opts: { hint?: string; details?: ErrorDetails; code?: string } = {}) {
    super(message, { code: opts.code ?? 'GRAPH_API', exitCode: 5, hint: opts.hint, details: opts.details });
  }
}

/** Ctrl-C or a cancelled prompt (exit 130). */
export class InterruptedError extends LeadKitError {
  constructor(message = 'interrupted') {
    super(message, { code: 'INTERRUPTED', exitCode: 130 });
  }
}

/** Returns the message of anything thrown, for wrapping. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
