import { graphErrors } from './errors.js';
import { listParam, parseFields, pick } from './fields.js';
import { parseLenientJson } from './lenient-json.js';
import type { HandlerContext } from './context.js';
import type { MockPage, Thread } from './state.js';

/**
 * The Messenger identity and Page-settings calls bot frameworks make on start-up:
 * the User Profile API (https://developers.facebook.com/docs/messenger-platform/identity/user-profile), the
 * Messenger Profile API (https://developers.facebook.com/docs/messenger-platform/reference/messenger-profile-api)
 * and the Messaging Feature Review API
 * (https://developers.facebook.com/docs/messenger-platform/reference/messaging-feature-review-api).
 */

/**
 * Profile fields that need a permission beyond pages_messaging (User Profile API, "Permissions"): without the
 * scope the field is left out of the answer, as Graph leaves out user fields a token may not read.
 */
const GATED: Readonly<Record<string, string>> = {
  locale: 'pages_user_locale',
  timezone: 'pages_user_timezone',
  gender: 'pages_user_gender',
};

/** GET /{psid}?fields=…: id, name, first_name, last_name, profile_pic, and locale/timezone/gender when the token may read them. */
export function getUserProfile(ctx: HandlerContext, t: Thread): unknown {
  const person = ctx.rt.config.pages.find((p) => p.id === ctx.page.id)?.persons.find((p) => p.psid === t.psid);
  const name = t.name ?? `Person ${t.psid}`;
  const [first, ...rest] = name.split(' ');
  const scopes = ctx.caller.connection.scopes;
  const gated = (field: string, value: unknown) => () => (scopes.includes(GATED[field]!) ? value : undefined);
  return pick(
    {
      id: () => t.psid,
      name: () => name,
      first_name: () => first ?? name,
      last_name: () => rest.join(' '),
      // Meta serves profile pictures from platform-lookaside.fbsbx.com; the URL expires (User Profile API).
      profile_pic: () =>
        person?.profile_pic ?? `https://platform-lookaside.fbsbx.com/platform/profilepic/?psid=${t.psid}&width=1024&ext=1&hash=lead-kit`,
      locale: gated('locale', person?.locale ?? 'en_US'),
      timezone: gated('timezone', person?.timezone ?? 0),
      gender: gated('gender', person?.gender),
    },
    parseFields(ctx.params.fields),
    ['first_name', 'last_name', 'profile_pic', 'id'],
    'User',
  );
}

/** The Messenger Profile properties Graph accepts (Messenger Profile API, "Profile properties"). */
export const PROFILE_PROPERTIES = [
  'account_linking_url',
  'commands',
  'description',
  'get_started',
  'greeting',
  'ice_breakers',
  'persistent_menu',
  'title',
  'whitelisted_domains',
] as const;
type Property = (typeof PROFILE_PROPERTIES)[number];

/** Each Page's Messenger Profile, kept for the life of the mock (a set is read back by the next GET). */
const profiles = new WeakMap<MockPage, Map<Property, unknown>>();
function profileOf(page: MockPage): Map<Property, unknown> {
  let p = profiles.get(page);
  if (p === undefined) profiles.set(page, (p = new Map()));
  return p;
}

/** A Page's Messenger Profile as `GET /__lead-kit/state` could show it. */
export function messengerProfileOf(page: MockPage): Record<string, unknown> {
  return Object.fromEntries(profileOf(page));
}

function property(name: unknown, where: string): Property {
  if (typeof name !== 'string' || !(PROFILE_PROPERTIES as readonly string[]).includes(name)) {
    throw graphErrors.param(`${where} must be one of {${PROFILE_PROPERTIES.join(', ')}} - got "${String(name)}"`);
  }
  return name as Property;
}

/** `fields` as a comma list, a JSON array string, or an array (DELETE sends it in a JSON body). */
function propertyList(raw: unknown, param: string): Property[] {
  return listParam(raw, param).map((f, i) => property(f, `Param ${param}[${i}]`));
}

/** GET /{page}/messenger_profile?fields=…: `{data: [{<property>: value, …}]}`, or `{data: []}` when none is set. */
export function getMessengerProfile(ctx: HandlerContext): unknown {
  const wanted = propertyList(ctx.params.fields, 'fields');
  const profile = profileOf(ctx.page);
  const set = wanted.filter((p) => profile.has(p));
  return { data: set.length === 0 ? [] : [Object.fromEntries(set.map((p) => [p, profile.get(p)]))] };
}

const decode = (name: string, v: unknown): unknown => {
  if (typeof v !== 'string') return v;
  const s = v.trim();
  if (!s.startsWith('{') && !s.startsWith('[')) return v;
  try {
    return parseLenientJson(s);
  } catch {
    throw graphErrors.param(`param ${name} must be valid JSON`);
  }
};

/** The checks the reference states for each property; the messages are Meta's where it documents one. */
function checkProperty(name: Property, value: unknown, profile: Map<Property, unknown>): void {
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  switch (name) {
    case 'get_started':
      if (!isObject(value) || typeof value.payload !== 'string' || value.payload === '')
        throw graphErrors.param('param get_started must be {"payload": "<string>"}');
      return;
    case 'greeting':
      if (!Array.isArray(value) || !value.every((g) => isObject(g) && typeof g.locale === 'string' && typeof g.text === 'string'))
        throw graphErrors.param('param greeting must be an array of {"locale", "text"}');
      if (value.some((g) => (g as { text: string }).text.length > 160))
        throw graphErrors.param('greeting text must be at most 160 characters');
      return;
    case 'persistent_menu':
      if (!Array.isArray(value) || !value.every((m) => isObject(m) && typeof m.locale === 'string'))
        throw graphErrors.param('param persistent_menu must be an array of {"locale", "call_to_actions", …}');
      // Reference: "You must set up a Get Started button if you also wish to use persistent menu."
      if (!profile.has('get_started'))
        throw graphErrors.param('You must set a Get Started button if you also wish to use persistent menu.');
      return;
    case 'ice_breakers':
      if (!Array.isArray(value)) throw graphErrors.param('param ice_breakers must be an array');
      return;
    case 'whitelisted_domains':
      if (!Array.isArray(value) || value.length > 50 || !value.every((d) => typeof d === 'string' && d.startsWith('https://'))) {
        throw graphErrors.param('param whitelisted_domains must be an array of at most 50 https:// URLs');
      }
      return;
    case 'account_linking_url':
      if (typeof value !== 'string' || !value.startsWith('https://'))
        throw graphErrors.param('param account_linking_url must be an https:// URL');
      return;
    default:
      return;
  }
}

/** POST /{page}/messenger_profile {property: value, …}: only the properties sent are overwritten → `{result: "success"}`. */
export function postMessengerProfile(ctx: HandlerContext): unknown {
  const profile = profileOf(ctx.page);
  const updates = Object.keys(ctx.params)
    .filter((k) => (PROFILE_PROPERTIES as readonly string[]).includes(k))
    .map((k) => [k as Property, decode(k, ctx.params[k])] as const);
  if (updates.length === 0) throw graphErrors.param(`Requires one of the params: ${PROFILE_PROPERTIES.join(', ')}`);
  // Check everything first, so a refused request changes nothing; get_started in the same request counts.
  const next = new Map(profile);
  for (const [k, v] of updates) next.set(k, v);
  for (const [k, v] of updates) checkProperty(k, v, next);
  for (const [k, v] of updates) profile.set(k, v);
  return { result: 'success' };
}

/** DELETE /{page}/messenger_profile {fields: [...]}: removes the properties named → `{result: "success"}`. */
export function deleteMessengerProfile(ctx: HandlerContext): unknown {
  const profile = profileOf(ctx.page);
  for (const p of propertyList(ctx.params.fields, 'fields')) profile.delete(p);
  return { result: 'success' };
}

/**
 * GET /{page}/messaging_feature_review: `{data: [{feature, status}]}` (pending | rejected | approved | limited),
 * from the Page's `feature_review` setting; a Page that never asked for a feature has none.
 */
export function getFeatureReview(ctx: HandlerContext): unknown {
  const page = ctx.rt.config.pages.find((p) => p.id === ctx.page.id);
  return { data: (page?.feature_review ?? []).map((f) => ({ feature: f.feature, status: f.status })) };
}
