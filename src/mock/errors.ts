import { randomBytes } from 'node:crypto';
import type { ErrorSpec, Unconfirmed } from '../schemas/mock-config.js';

/**
 * Meta's Graph error envelope (https://developers.facebook.com/docs/graph-api/guides/error-handling):
 * `{"error": {message, type, code, error_subcode?, error_user_title?, error_user_msg?, fbtrace_id}}`.
 * Handlers throw a MockGraphError; the server turns it into the envelope with the Page's HTTP status
 * (400 unless `unconfirmed.error_status` says otherwise; https://developers.facebook.com/docs/messenger-platform/error-codes).
 */
export class MockGraphError extends Error {
  constructor(
    message: string,
    readonly code: number,
    readonly subcode?: number,
    readonly type = 'OAuthException',
    /** overrides the Page's error status (413 for a body over the limit) */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'MockGraphError';
  }
}

export interface GraphErrorEnvelope {
  error: { message: string; type: string; code: number; error_subcode?: number; is_transient: boolean; fbtrace_id: string };
}

/** The JSON body of a Graph error. `fbtrace_id` is a random short id, as Meta's support ids are. */
export function envelope(err: MockGraphError): GraphErrorEnvelope {
  // Meta's key order: message, type, code, error_subcode, is_transient, fbtrace_id.
  const subcode = err.subcode === undefined ? {} : { error_subcode: err.subcode };
  return {
    error: {
      message: err.message,
      type: err.type,
      code: err.code,
      ...subcode,
      is_transient: false,
      fbtrace_id: randomBytes(8).toString('base64url'),
    },
  };
}

/** Every error the mock answers with, by name. Codes follow https://developers.facebook.com/docs/graph-api/guides/error-handling and Meta's error-codes page. */
export const graphErrors = {
  /** 190: an unknown, missing or malformed access token */
  invalidToken: (why = 'Invalid OAuth access token.') => new MockGraphError(why, 190),
  /** 100: a path the mock does not serve (issue 4: unknown routes answer code 100, never HTML) */
  unknownPath: (path: string) => new MockGraphError(`Unknown path components: ${path}`, 100),
  /** 100/33: an object that does not exist or is not reachable with this token */
  noSuchObject: (method: string, id: string) =>
    new MockGraphError(
      `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
      100,
      33,
      'GraphMethodException',
    ),
  /** 100: a known edge called with the wrong HTTP method */
  wrongMethod: (method: string) =>
    new MockGraphError(`Unsupported ${method.toLowerCase()} request.`, 100, undefined, 'GraphMethodException'),
  /** 100: a missing or malformed parameter */
  param: (message: string) => new MockGraphError(`(#100) ${message}`, 100),
  /** 100: a `fields` entry the node does not have */
  noField: (name: string, node: string) =>
    new MockGraphError(`(#100) Tried accessing nonexisting field (${name}) on node type (${node})`, 100),
  /** 100/2018001: the PSID is not a person who wrote to this Page (https://developers.facebook.com/docs/messenger-platform/error-codes) */
  noMatchingUser: () => new MockGraphError('(#100) No matching user found', 100, 2018001),
  /** 100/2018164: an app id that is not connected to the Page */
  badAppId: (id: string) => new MockGraphError(`(#100) Incorrect App ID: ${id} is not connected to this Page`, 100, 2018164),
  /** 100/2534037: a thread-control action by an app that does not own the thread */
  notOwner: () => new MockGraphError('(#100) This action is invalid because your app is not the thread owner', 100, 2534037),
  /** 10/2018278: Send API outside the 24-hour standard messaging window */
  outsideWindow: () => new MockGraphError('(#10) This message is sent outside of allowed window.', 10, 2018278),
  /** 100: appsecret_proof wrong or required */
  badProof: () => new MockGraphError('Invalid appsecret_proof provided in the API argument', 100, undefined, 'GraphMethodException'),
  proofRequired: () =>
    new MockGraphError('API calls from the server require an appsecret_proof argument', 100, undefined, 'GraphMethodException'),
  /** 2018171 (HOP): only available to the primary and secondary receivers */
  receiversOnly: () => new MockGraphError('(#2018171) This API is only available to Primary and Secondary Receivers of this Page', 2018171),
  /** 413 with code 100: a body over the configured limit */
  tooLarge: (limit: number) =>
    new MockGraphError(`(#100) The request body is larger than ${limit} bytes`, 100, undefined, 'OAuthException', 413),
  /** 1: a bug in the mock; it still answers with an envelope */
  unknown: () => new MockGraphError('An unknown error occurred', 1, undefined, 'OAuthException', 500),
};

/** Errors whose code or subcode is unconfirmed: the defaults below, overridable per Page. */
export type ConfigurableError = keyof NonNullable<Unconfirmed['errors']>;

const CONFIGURABLE: Record<ConfigurableError, Required<Pick<ErrorSpec, 'code' | 'message' | 'type'>> & { error_subcode?: number }> = {
  // Meta's error-codes page lists 2018300; third-party logs show it as code 10, subcode 2018300.
  another_app_controls: {
    code: 10,
    error_subcode: 2018300,
    message: '(#10) Message failed to send because another app is controlling this thread now.',
    type: 'OAuthException',
  },
  // Inferred: 2018321 "thread controlled by Messenger while the user is in an automated Q&A flow" (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing/messenger-lead-ads, https://developers.facebook.com/docs/messenger-platform/error-codes).
  lead_flow: {
    code: 10,
    error_subcode: 2018321,
    message: '(#10) Message failed to send because the thread is controlled by Messenger while the person is in an automated Q&A flow.',
    type: 'OAuthException',
  },
  // The text is https://developers.facebook.com/docs/messenger-platform/conversation-routing's; its numeric code is unconfirmed (https://developers.facebook.com/docs/messenger-platform/error-codes).
  hop_disabled: { code: 100, message: 'Handover Protocol APIs disabled for this page.', type: 'OAuthException' },
  // take_thread_control without the "Take control of conversations" toggle, or with no default app (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing).
  take_denied: { code: 10, message: '(#10) This app may not take control of this conversation.', type: 'OAuthException' },
  // request_thread_control on a CR Page with a default app: the 2025 page supports it only without one; the code is unconfirmed.
  request_unsupported: {
    code: 100,
    message: '(#100) request_thread_control is only supported when the Page has no Conversation Routing default app.',
    type: 'OAuthException',
  },
};

/** One of the configurable errors, with the Page's overrides applied. */
export function pageError(name: ConfigurableError, unconfirmed: Pick<Unconfirmed, 'errors'>, detail?: string): MockGraphError {
  const base = CONFIGURABLE[name];
  const over = unconfirmed.errors?.[name];
  const message = over?.message ?? (detail ? `${base.message} ${detail}` : base.message);
  const subcode = over ? over.error_subcode : base.error_subcode;
  return new MockGraphError(message, over?.code ?? base.code, subcode, over?.type ?? base.type);
}

/** The default code and subcode of each configurable error, for the README and `/__lead-kit/state`. */
export const configurableErrorDefaults = CONFIGURABLE;
