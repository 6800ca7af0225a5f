import type { MockConfig } from '../schemas/mock-config.js';
import type { CallLog } from './calls.js';
import type { VirtualClock } from './clock.js';
import type { ParsedRequest } from './request.js';
import type { Rules } from './rules.js';
import type { MockPage, MockState, TokenInfo } from './state.js';
import type { WebhookSender } from './webhooks.js';

/** Everything a handler may use: state, clock, webhooks, the call log and the validated config. */
export interface MockRuntime extends Rules {
  state: MockState;
  clock: VirtualClock;
  webhooks: WebhookSender;
  calls: CallLog;
  config: MockConfig;
  /** every token and app secret the config holds, longest first, for redaction */
  secrets: readonly string[];
}

export interface HandlerContext {
  rt: MockRuntime;
  req: ParsedRequest;
  params: Record<string, unknown>;
  /** the app and Page the access token stands for */
  caller: TokenInfo;
  /** the Page named in the path (`me` = the token's Page) */
  page: MockPage;
}

export type Handler = (ctx: HandlerContext) => unknown;

/** What dispatch learnt about a call, for the call log. */
export interface Trace {
  route?: string;
  caller?: TokenInfo;
  /** what the call log records instead of the answer (an answer that carries the caller's token in a URL) */
  recorded?: unknown;
}
