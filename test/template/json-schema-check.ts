/**
 * A small JSON Schema (draft 2020-12) checker for exactly the keywords lead-kit's generated template schema uses.
 * Written independently of zod, so "zod and the JSON Schema agree" is a real comparison. Any keyword it does not
 * know makes it throw: a schema change can never be silently ignored.
 */
type Schema = Record<string, unknown> | boolean;

const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', 'examples', 'default']);
const KNOWN = new Set([
  ...ANNOTATIONS,
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'minItems',
  'maxItems',
  'const',
  'enum',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'anyOf',
  'oneOf',
  'allOf',
  'not',
  'if',
  'then',
  'else',
]);

const typeOf = (v: unknown): string => {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
};

const deepEqual = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

const codePoints = (s: string): number => [...s].length;

/** Every place where `value` fails `schema`, as "pointer: keyword" strings; [] when it is valid. */
export function checkJsonSchema(schema: Schema, value: unknown, at = ''): string[] {
  if (schema === true) return [];
  if (schema === false) return [`${at}: false schema`];
  for (const k of Object.keys(schema)) if (!KNOWN.has(k)) throw new Error(`checker does not support keyword "${k}" (at ${at || '/'})`);
  const errs: string[] = [];
  const fail = (kw: string): void => void errs.push(`${at || '/'}: ${kw}`);
  const s = schema as Record<string, unknown>;
  const t = typeOf(value);

  if (s.format !== undefined && s.format !== 'uri') throw new Error(`checker does not support format ${String(s.format)}`);
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
    const ok = types.some((ty) => ty === t || (ty === 'number' && t === 'integer'));
    if (!ok) return [`${at || '/'}: type ${types.join('|')}`];
  }
  if ('const' in s && !deepEqual(s.const, value)) fail('const');
  if (Array.isArray(s.enum) && !s.enum.some((e) => deepEqual(e, value))) fail('enum');

  if (typeof value === 'string') {
    if (typeof s.minLength === 'number' && codePoints(value) < s.minLength) fail('minLength');
    if (typeof s.maxLength === 'number' && codePoints(value) > s.maxLength) fail('maxLength');
    if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(value)) fail('pattern');
  }
  if (typeof value === 'number') {
    if (typeof s.minimum === 'number' && value < s.minimum) fail('minimum');
    if (typeof s.maximum === 'number' && value > s.maximum) fail('maximum');
    if (typeof s.exclusiveMinimum === 'number' && value <= s.exclusiveMinimum) fail('exclusiveMinimum');
    if (typeof s.exclusiveMaximum === 'number' && value >= s.exclusiveMaximum) fail('exclusiveMaximum');
  }
  if (Array.isArray(value)) {
    if (typeof s.minItems === 'number' && value.length < s.minItems) fail('minItems');
    if (typeof s.maxItems === 'number' && value.length > s.maxItems) fail('maxItems');
    if (s.items !== undefined) value.forEach((v, i) => errs.push(...checkJsonSchema(s.items as Schema, v, `${at}/${i}`)));
  }
  if (t === 'object') {
    const obj = value as Record<string, unknown>;
    const props = (s.properties ?? {}) as Record<string, Schema>;
    for (const r of (s.required ?? []) as string[]) if (!Object.hasOwn(obj, r)) fail(`required ${r}`);
    for (const [k, v] of Object.entries(obj)) {
      if (Object.hasOwn(props, k)) errs.push(...checkJsonSchema(props[k]!, v, `${at}/${k}`));
      else if (s.additionalProperties !== undefined) errs.push(...checkJsonSchema(s.additionalProperties as Schema, v, `${at}/${k}`));
    }
  }
  const passes = (sub: Schema): boolean => checkJsonSchema(sub, value, at).length === 0;
  if (Array.isArray(s.allOf)) for (const sub of s.allOf as Schema[]) errs.push(...checkJsonSchema(sub, value, at));
  if (Array.isArray(s.anyOf) && !(s.anyOf as Schema[]).some(passes)) fail('anyOf');
  if (Array.isArray(s.oneOf) && (s.oneOf as Schema[]).filter(passes).length !== 1) fail('oneOf');
  if (s.not !== undefined && passes(s.not as Schema)) fail('not');
  if (s.if !== undefined) {
    const branch = passes(s.if as Schema) ? s.then : s.else;
    if (branch !== undefined) errs.push(...checkJsonSchema(branch as Schema, value, at));
  }
  return errs;
}
