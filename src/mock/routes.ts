import { createHmac, timingSafeEqual } from 'node:crypto';
import { graphErrors } from './errors.js';
import * as events from './handlers-events.js';
import { leadgenRoute } from './handlers-leadgen.js';
import * as page from './handlers-page.js';
import * as profile from './handlers-profile.js';
import { postAppActivities } from './handlers-app-events.js';
import { runBatch } from './batch.js';
import * as thread from './handlers-thread.js';
import { stringParam, type ParsedRequest } from './request.js';
import type { TokenInfo } from './state.js';
import type { Handler, HandlerContext, MockRuntime, Trace } from './context.js';

export type { Handler, HandlerContext, MockRuntime, Trace };

type Method = 'GET' | 'POST' | 'DELETE';

/** The Page edges the mock serves, by name and method. `''` is the Page node itself. */
export const pageRoutes: Readonly<Record<string, Partial<Record<Method, Handler>>>> = {
  '': { GET: page.getPage },
  thread_owner: { GET: thread.getThreadOwner },
  messages: { POST: thread.postMessages },
  pass_thread_control: { POST: thread.postPass },
  release_thread_control: { POST: thread.postRelease },
  take_thread_control: { POST: thread.postTake },
  request_thread_control: { POST: thread.postRequest },
  extend_thread_control: { POST: thread.postExtend },
  secondary_receivers: { GET: page.getSecondaryReceivers },
  subscribed_apps: { GET: page.getSubscribedApps, POST: page.postSubscribedApps, DELETE: page.deleteSubscribedApps },
  conversations: { GET: page.getConversations },
  dataset: { GET: events.getDataset },
  permissions: { GET: page.getPermissions },
  messenger_profile: { GET: profile.getMessengerProfile, POST: profile.postMessengerProfile, DELETE: profile.deleteMessengerProfile },
  messaging_feature_review: { GET: profile.getFeatureReview },
};

/** What dispatch found so far, for the call log: filled in as it goes, so a refused call still names its route and app. */
/** Resolves the token to an app and Page, checking `appsecret_proof` when the app's secret is known. */
export function authenticate(rt: MockRuntime, req: ParsedRequest): TokenInfo {
  if (req.token === undefined) throw graphErrors.invalidToken('An access token is required to request this resource.');
  const info = rt.state.tokens.get(req.token);
  if (info === undefined) throw graphErrors.invalidToken('Invalid OAuth access token - Cannot parse access token');
  const app = rt.state.apps.get(info.appId);
  const proof = stringParam(req.params, 'appsecret_proof');
  if (app?.secret !== undefined && proof !== undefined) {
    // appsecret_proof = hex HMAC-SHA256 of the access token keyed with the app secret (Graph "Securing Requests").
    const want = Buffer.from(createHmac('sha256', app.secret).update(req.token).digest('hex'));
    const got = Buffer.from(proof.toLowerCase());
    if (got.length !== want.length || !timingSafeEqual(got, want)) throw graphErrors.badProof();
  } else if (app?.requireProof && proof === undefined) {
    throw graphErrors.proofRequired();
  }
  return info;
}

const routeNames = new Map<string, [Map<string, string>, Map<string, string>]>();
/** `GET /me/thread_owner`, `POST /{page-id}/messages`…, built once per combination (the hot path). */
function routeName(method: string, me: boolean, edge: string | undefined): string {
  let byMethod = routeNames.get(method);
  if (byMethod === undefined) routeNames.set(method, (byMethod = [new Map(), new Map()]));
  const names = byMethod[me ? 1 : 0];
  const e = edge ?? '';
  let name = names.get(e);
  if (name === undefined) names.set(e, (name = `${method} ${me ? '/me' : '/{page-id}'}${e === '' ? '' : `/${e}`}`));
  return name;
}

/** Routes a Graph request (the inspection routes are handled before this) and returns the answer. Throws MockGraphError. */
export function dispatch(rt: MockRuntime, req: ParsedRequest, trace: Trace): unknown {
  const node = req.segments[0];
  const edge = req.segments[1];
  // A POST with `batch=[…]` (to `/` or any node) is a Graph batch request (batch.ts).
  if (req.method === 'POST' && req.params.batch !== undefined) return runBatch(rt, req, trace, dispatch);
  if (node === undefined) throw graphErrors.unknownPath('/');
  if (node === 'debug_token' && edge === undefined) {
    trace.route = 'GET /debug_token';
    return debugToken(rt, req);
  }
  if (node !== 'me' && !/^\d+$/.test(node)) throw graphErrors.unknownPath(`/${req.segments.join('/')}`);
  if (req.segments.length > 2) throw graphErrors.unknownPath(`/${req.segments.slice(1).join('/')}`);
  if (node !== 'me' && (edge === 'page_activities' || edge === 'events')) return leadEvent(rt, req, trace, node, edge);
  if (node !== 'me' && edge === 'activities') return appEvents(rt, req, trace, node);
  // Instant Form forms, ads and leads (src/mock/handlers-leadgen.ts).
  const leadgen = leadgenRoute(rt, req);
  if (leadgen !== undefined) {
    trace.route = leadgen.route;
    const caller = authenticate(rt, req);
    trace.caller = caller;
    const answer = leadgen.handler({ rt, req, params: req.params, caller, page: caller.page });
    // paging.next carries the access token as Graph's does; the call log must not.
    if (req.token !== undefined && JSON.stringify(answer).includes(req.token))
      trace.recorded = JSON.parse(
        JSON.stringify(answer)
          .split(encodeURIComponent(req.token))
          .join('<PAGE_ACCESS_TOKEN>')
          .split(req.token)
          .join('<PAGE_ACCESS_TOKEN>'),
      );
    return answer;
  }
  // Unknown edges answer 100 before the token is looked at, so a typo is never reported as an auth problem.
  const route = Object.hasOwn(pageRoutes, edge ?? '') && !(edge === 'permissions' && node !== 'me') ? pageRoutes[edge ?? ''] : undefined;
  if (route === undefined) throw graphErrors.unknownPath(`/${edge}`);
  trace.route = routeName(req.method, node === 'me', edge);
  const caller = authenticate(rt, req);
  trace.caller = caller;
  const ctx: HandlerContext = { rt, req, params: req.params, caller, page: caller.page };
  if (node !== 'me' && node !== caller.page.id) {
    const person = edge === undefined && req.method === 'GET' ? rt.state.thread(caller.page, node) : undefined;
    if (person === undefined) throw graphErrors.noSuchObject(req.method, node);
    trace.route = 'GET /{psid}';
    return profile.getUserProfile(ctx, person);
  }
  const handler = route[req.method as Method];
  if (handler === undefined) throw graphErrors.wrongMethod(req.method);
  return handler(ctx);
}

/** Lead events on an app node (page_activities) or a dataset node (events): POST only, with a Page token. */
function leadEvent(rt: MockRuntime, req: ParsedRequest, trace: Trace, node: string, edge: 'page_activities' | 'events'): unknown {
  trace.route = edge === 'page_activities' ? 'POST /{app-id}/page_activities' : 'POST /{dataset-id}/events';
  const caller = authenticate(rt, req);
  trace.caller = caller;
  if (req.method !== 'POST') throw graphErrors.wrongMethod(req.method);
  const ctx: HandlerContext = { rt, req, params: req.params, caller, page: caller.page };
  return edge === 'page_activities' ? events.postPageActivities(ctx, node) : events.postDatasetEvents(ctx, node);
}

/** App Events from a bot (handlers-app-events.ts): POST only; Meta's example carries no token, so one is optional. */
function appEvents(rt: MockRuntime, req: ParsedRequest, trace: Trace, appId: string): unknown {
  trace.route = 'POST /{app-id}/activities';
  const caller = req.token === undefined ? undefined : authenticate(rt, req);
  if (caller !== undefined) trace.caller = caller;
  if (req.method !== 'POST') throw graphErrors.wrongMethod(req.method);
  const out = postAppActivities(rt, req.params, appId, caller);
  if (out.caller !== undefined) trace.caller = out.caller;
  return out.result;
}

/**
 * GET /debug_token?input_token=…&access_token=… (https://developers.facebook.com/docs/graph-api/reference/debug_token). The access token may be any Page token
 * the mock knows or an app token `APP_ID|APP_SECRET`; an unknown input token is `is_valid: false`, not an error.
 */
function debugToken(rt: MockRuntime, req: ParsedRequest): unknown {
  if (req.method !== 'GET') throw graphErrors.wrongMethod(req.method);
  const access = req.token;
  const isAppToken =
    access !== undefined && [...rt.state.apps.values()].some((a) => a.secret !== undefined && access === `${a.id}|${a.secret}`);
  if (!isAppToken) authenticate(rt, req);
  const input = stringParam(req.params, 'input_token');
  if (input === undefined) throw graphErrors.param('The parameter input_token is required');
  const info = rt.state.tokens.get(input);
  if (info === undefined) return { data: { error: { code: 190, message: 'Invalid OAuth access token.' }, is_valid: false, scopes: [] } };
  const scopes = info.connection.scopes;
  return {
    data: {
      app_id: info.appId,
      type: 'PAGE',
      application: rt.state.appName(info.appId),
      data_access_expires_at: 0,
      expires_at: 0,
      is_valid: true,
      profile_id: info.page.id,
      scopes,
      granular_scopes: scopes.map((scope) => ({ scope, target_ids: [info.page.id] })),
    },
  };
}
