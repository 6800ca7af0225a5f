import type { z } from 'zod';

type AnySchema = z.ZodType;
type Def = {
  type: string;
  shape?: Record<string, AnySchema>;
  innerType?: AnySchema;
  element?: AnySchema;
  options?: AnySchema[];
  discriminator?: string;
  in?: AnySchema;
};

const defOf = (s: AnySchema): Def => (s as unknown as { def: Def }).def;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Unwraps optional/nullable/default/pipe wrappers. */
function unwrap(s: AnySchema): AnySchema {
  let cur = s;
  for (let i = 0; i < 10; i++) {
    const d = defOf(cur);
    if ((d.type === 'optional' || d.type === 'nullable' || d.type === 'default') && d.innerType) cur = d.innerType;
    else if (d.type === 'pipe' && d.in) cur = d.in;
    else break;
  }
  return cur;
}

/** The object schema that describes `data`: for a (discriminated) union, the option whose discriminator matches. */
function objectFor(s: AnySchema, data: unknown): AnySchema | undefined {
  const u = unwrap(s);
  const d = defOf(u);
  if (d.type === 'object') return u;
  if (d.type === 'union' && d.options) {
    const objects = d.options.map(unwrap).filter((o) => defOf(o).type === 'object');
    if (d.discriminator !== undefined && isRecord(data)) {
      const key = d.discriminator;
      const match = objects.find((o) => defOf(o).shape?.[key]?.safeParse(data[key]).success === true);
      return match;
    }
    return objects.length === 1 ? objects[0] : undefined;
  }
  return undefined;
}

/**
 * The keys the schema allows in the object found at `path` inside `data` (for typo help), or undefined when the
 * schema does not pin one object there (e.g. an unknown template_type).
 */
export function keysAt(schema: AnySchema, data: unknown, path: readonly PropertyKey[]): string[] | undefined {
  let s: AnySchema | undefined = schema;
  let node: unknown = data;
  for (const seg of path) {
    if (s === undefined) return undefined;
    const u = unwrap(s);
    const d = defOf(u);
    if (d.type === 'array' && d.element && Array.isArray(node)) {
      s = d.element;
      node = node[Number(seg)];
      continue;
    }
    const obj = objectFor(u, node);
    if (obj === undefined || !isRecord(node)) return undefined;
    s = defOf(obj).shape?.[String(seg)];
    node = node[String(seg)];
  }
  if (s === undefined) return undefined;
  const obj = objectFor(s, node);
  return obj === undefined ? undefined : Object.keys(defOf(obj).shape ?? {});
}
