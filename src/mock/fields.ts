import { graphErrors } from './errors.js';
import { parseLenientJson } from './lenient-json.js';

/** A parsed Graph `fields` parameter: field name → its sub-fields (null when none were given). */
export type FieldTree = Map<string, FieldTree | null>;

/**
 * Parses Graph's field syntax, e.g. `participants,messages{message,created_time}`. Modifiers such as
 * `.limit(10)` are accepted and ignored. A malformed list is Graph error 100.
 */
export function parseFields(raw: unknown): FieldTree | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  if (typeof raw !== 'string') throw graphErrors.param('param fields must be a comma-separated string');
  const text = raw.replace(/\.\w+\([^()]*\)/g, '');
  let i = 0;
  const list = (depth: number): FieldTree => {
    if (depth > 8) throw graphErrors.param('fields are nested too deeply');
    const out: FieldTree = new Map();
    for (;;) {
      const m = /^\s*([A-Za-z_][\w]*)\s*/.exec(text.slice(i));
      if (!m) throw graphErrors.param(`Syntax error in fields near "${text.slice(i, i + 20)}"`);
      i += m[0].length;
      let sub: FieldTree | null = null;
      if (text[i] === '{') {
        i++;
        sub = list(depth + 1);
        if (text[i] !== '}') throw graphErrors.param('Syntax error in fields: missing }');
        i++;
      }
      out.set(m[1]!, sub);
      while (text[i] === ' ') i++;
      if (text[i] === ',') {
        i++;
        continue;
      }
      return out;
    }
  };
  const tree = list(0);
  if (i < text.length) throw graphErrors.param(`Syntax error in fields near "${text.slice(i, i + 20)}"`);
  return tree;
}

/** Picks the requested fields from `available`; an unknown field is error 100 naming the node type. */
export function pick(
  available: Record<string, () => unknown>,
  fields: FieldTree | undefined,
  defaults: readonly string[],
  node: string,
): Record<string, unknown> {
  const names = fields === undefined ? defaults : [...fields.keys()];
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const get = available[name];
    if (get === undefined || !Object.hasOwn(available, name)) throw graphErrors.noField(name, node);
    out[name] = get();
  }
  // Graph answers a node's id even when `fields` does not name it, after the fields asked for (https://developers.facebook.com/docs/messenger-platform/conversation-routing's
  // `{"messaging_feature_status": {…}, "id": "<page_id>"}`).
  if (!Object.hasOwn(out, 'id') && Object.hasOwn(available, 'id')) out.id = available.id!();
  return out;
}

/** Graph's time format, e.g. `2026-11-21T10:00:00+0000`. */
export function graphTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');
}

/** A list parameter (`subscribed_fields`, `fields` of messenger_profile): a comma list, a JSON(-ish) array, or an array in a JSON body. */
export function listParam(raw: unknown, param: string): unknown[] {
  let list: unknown = raw;
  if (typeof raw === 'string') {
    const s = raw.trim();
    try {
      list = s.startsWith('[')
        ? parseLenientJson(s)
        : s
            .split(',')
            .map((x) => x.trim())
            .filter((x) => x !== '');
    } catch {
      throw graphErrors.param(`param ${param} must be a comma-separated list or a JSON array`);
    }
  }
  if (!Array.isArray(list) || list.length === 0) throw graphErrors.param(`The parameter ${param} is required`);
  return list;
}
