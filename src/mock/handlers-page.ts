import { fieldAliases, webhookFields, type WebhookField } from '../schemas/mock-config.js';
import { graphErrors, pageError } from './errors.js';
import { graphTime, listParam, parseFields, pick, type FieldTree } from './fields.js';
import { stringParam } from './request.js';
import type { HandlerContext } from './context.js';
import type { Thread } from './state.js';

/**
 * GET /{page} and /me: `id`, `name` and `messaging_feature_status` (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing). The flags' meanings
 * are unconfirmed (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing); the defaults follow the doc sample for a Conversation Routing Page.
 */
export function getPage(ctx: HandlerContext): unknown {
  const { page } = ctx;
  const cr = page.rules === 'conversation-routing';
  return pick(
    {
      id: () => page.id,
      name: () => page.name,
      messaging_feature_status: () => ({ hop_v2: !cr, msgr_multi_app: cr, ig_multi_app: false, ...page.featureStatus }),
    },
    parseFields(ctx.params.fields),
    ['name', 'id'],
    'Page',
  );
}

/** GET /{page}/subscribed_apps (https://developers.facebook.com/docs/graph-api/reference/page/subscribed_apps): apps with at least one subscribed field. */
export function getSubscribedApps(ctx: HandlerContext): unknown {
  const data = [];
  for (const c of ctx.page.connections.values()) {
    if (c.fields.size === 0) continue;
    const app = ctx.rt.state.apps.get(c.appId);
    data.push({
      category: app?.category ?? 'Business',
      name: ctx.rt.state.appName(c.appId),
      id: c.appId,
      subscribed_fields: [...c.fields],
    });
  }
  return { data };
}

/** `subscribed_fields` as a comma list, a JSON(-ish) array, or an array in a JSON body. */
function subscribedFields(raw: unknown): WebhookField[] {
  const list = listParam(raw, 'subscribed_fields');
  return list.map((f, i) => {
    const name = typeof f === 'string' ? (fieldAliases[f] ?? f) : '';
    if (!webhookFields.includes(name))
      throw graphErrors.param(`Param subscribed_fields[${i}] must be one of {${webhookFields.join(', ')}} - got "${String(f)}"`);
    return name as WebhookField;
  });
}

/** POST /{page}/subscribed_apps?subscribed_fields=…: sets the calling app's fields → {success: true}. */
export function postSubscribedApps(ctx: HandlerContext): unknown {
  ctx.caller.connection.fields = new Set(subscribedFields(ctx.params.subscribed_fields));
  return { success: true };
}

/** DELETE /{page}/subscribed_apps: unsubscribes the calling app → {success: true, messaging_success: true}. */
export function deleteSubscribedApps(ctx: HandlerContext): unknown {
  ctx.caller.connection.fields = new Set();
  return { success: true, messaging_success: true };
}

/** GET /{page}/secondary_receivers?fields=id,name (legacy HOP, https://developers.facebook.com/docs/messenger-platform/reference/handover-protocol/secondary-receivers). */
export function getSecondaryReceivers(ctx: HandlerContext): unknown {
  const { page } = ctx;
  if (page.rules === 'conversation-routing' && page.unconfirmed.hop_calls === 'disabled' && page.defaultAppId !== null)
    throw pageError('hop_disabled', page.unconfirmed);
  // HOP: only the primary receiver may list secondary receivers (2018171 / 2018234).
  if (page.rules === 'handover-protocol' && ctx.caller.appId !== page.defaultAppId) throw graphErrors.receiversOnly();
  const fields = parseFields(ctx.params.fields);
  const data = [...page.connections.keys()]
    .filter((id) => id !== page.defaultAppId)
    .map((id) => pick({ id: () => id, name: () => ctx.rt.state.appName(id) }, fields, ['id', 'name'], 'Application'));
  return { data };
}

/** GET /me/permissions with a Page token: unconfirmed (https://developers.facebook.com/docs/graph-api/reference/user/permissions/), so the Page chooses scopes or error 100. */
export function getPermissions(ctx: HandlerContext): unknown {
  if (ctx.page.unconfirmed.me_permissions === 'error') throw graphErrors.noField('permissions', 'Page');
  return { data: ctx.caller.connection.scopes.map((permission) => ({ permission, status: 'granted' })) };
}

/**
 * GET /{page}/conversations?fields=participants,messages{message,created_time}[&user_id=PSID] (https://developers.facebook.com/docs/graph-api/reference/page/conversations): each
 * person's thread with its history, newest message first, the lead flow's questions and answers included.
 */
export function getConversations(ctx: HandlerContext): unknown {
  const { page } = ctx;
  const platform = stringParam(ctx.params, 'platform') ?? 'messenger';
  if (platform !== 'messenger' && platform !== 'instagram') throw graphErrors.param('param platform must be one of {messenger, instagram}');
  const userId = stringParam(ctx.params, 'user_id');
  const fields = parseFields(ctx.params.fields);
  const threads =
    platform === 'instagram'
      ? []
      : [...page.threads.values()].filter((t) => t.messages.length > 0 && (userId === undefined || t.psid === userId));
  threads.sort((a, b) => last(b) - last(a));
  const data = threads.map((t) => conversation(ctx, t, fields));
  return { data, paging: { cursors: { before: cursor(0), after: cursor(Math.max(0, data.length - 1)) } } };
}

const last = (t: Thread): number => t.messages[t.messages.length - 1]?.createdAt ?? 0;
const cursor = (n: number): string => Buffer.from(`lead-kit:${n}`).toString('base64url');

function conversation(ctx: HandlerContext, t: Thread, fields: FieldTree | undefined): Record<string, unknown> {
  const { page } = ctx;
  const person = { name: t.name ?? `Person ${t.psid}`, email: `${t.psid}@facebook.com`, id: t.psid };
  const pageParty = { name: page.name, email: `${page.id}@facebook.com`, id: page.id };
  return pick(
    {
      id: () => `t_${t.psid}`,
      updated_time: () => graphTime(last(t)),
      message_count: () => t.messages.length,
      participants: () => ({ data: [person, pageParty] }),
      messages: () => {
        const sub = fields?.get('messages') ?? undefined;
        const data = [...t.messages].reverse().map((m) =>
          pick(
            {
              id: () => m.id,
              message: () => m.text,
              created_time: () => graphTime(m.createdAt),
              from: () => (m.from === 'person' ? person : pageParty),
              to: () => ({ data: [m.from === 'person' ? pageParty : person] }),
            },
            sub,
            ['id', 'created_time'],
            'Message',
          ),
        );
        return { data, paging: { cursors: { before: cursor(0), after: cursor(Math.max(0, data.length - 1)) } } };
      },
    },
    fields,
    ['id', 'updated_time'],
    'Conversation',
  );
}
