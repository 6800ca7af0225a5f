import { describe, expect, it } from 'vitest';
import { templateSchema } from '../../src/schemas/template.js';
import { templateExamples } from '../../src/template/examples.js';
import { templateJsonSchema } from '../../src/template/json-schema.js';
import { runCli } from '../helpers/cli.js';
import { loadFixtures } from './fixtures.js';
import { checkJsonSchema } from './json-schema-check.js';

const schema = templateJsonSchema();
const parsable = loadFixtures().filter((f) => {
  try {
    JSON.parse(f.text);
    return true;
  } catch {
    return false;
  }
});

describe('the published JSON Schema', () => {
  it('is draft 2020-12, generated from the zod schema, and says which rules it cannot express', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(String(schema.description)).toMatch(/receiving_app_control_expiration/);
    expect(String(schema.description)).toMatch(/connected to the Page/);
    expect(String(schema.description)).toMatch(/unknown keys/);
  });

  it('the checker used below really checks (sanity): it rejects what it should', () => {
    expect(checkJsonSchema(schema, templateExamples.button)).toEqual([]);
    expect(checkJsonSchema(schema, { message: { text: 'hi', extra: 1 } })).not.toEqual([]);
    expect(checkJsonSchema(schema, { message: { text: 'hi', receiving_app_control_expiration: 8 } })).not.toEqual([]);
    expect(checkJsonSchema({ type: 'string', maxLength: 2 }, '👍👍')).toEqual([]);
    expect(checkJsonSchema({ type: 'string', maxLength: 2 }, '👍👍👍')).not.toEqual([]);
    expect(() => checkJsonSchema({ $ref: '#/x' }, 1)).toThrow(/does not support/);
  });

  it(`agrees with zod on every fixture (${parsable.length} of them) and example`, () => {
    const cases = [
      ...parsable.map((f) => ({ name: f.file, value: JSON.parse(f.text) as unknown })),
      ...Object.entries(templateExamples).map(([name, value]) => ({ name, value })),
    ];
    const disagreements = cases
      .map((c) => ({
        name: c.name,
        zod: templateSchema.safeParse(c.value).success,
        jsonSchema: checkJsonSchema(schema, c.value).length === 0,
      }))
      .filter((r) => r.zod !== r.jsonSchema);
    expect(disagreements).toEqual([]);
    // both sides must have seen valid and invalid documents, or the comparison proves nothing
    const zodResults = cases.map((c) => templateSchema.safeParse(c.value).success);
    expect(zodResults.filter(Boolean).length).toBeGreaterThan(10);
    expect(zodResults.filter((x) => !x).length).toBeGreaterThan(30);
  });

  it('agrees with zod on the cross-field rules too (expressed as anyOf/oneOf/allOf)', () => {
    const generic = (element: unknown) => ({
      message: { attachment: { type: 'template', payload: { template_type: 'generic', elements: [element] } } },
    });
    const media = (element: unknown) => ({
      message: { attachment: { type: 'template', payload: { template_type: 'media', elements: [element] } } },
    });
    const qr = (reply: unknown) => ({ message: { text: 'pick', quick_replies: [reply] } });
    const cases = [
      generic({ title: 'only a title' }),
      generic({ title: 't', subtitle: 's' }),
      generic({ title: 't', buttons: [] }),
      media({ media_type: 'image' }),
      media({ media_type: 'image', url: 'https://www.facebook.com/x', attachment_id: '1' }),
      media({ media_type: 'image', attachment_id: '1' }),
      qr({ content_type: 'text', title: '', payload: 'x' }),
      qr({ content_type: 'text', title: '', payload: 'x', image_url: 'https://example.com/i.png' }),
      qr({ content_type: 'text', title: 'a', payload: '' }),
      qr({ content_type: 'text', title: 'a', payload: 7 }),
      qr({ content_type: 'user_email' }),
      { message: {} },
      { message: { text: 'hi' } },
    ];
    for (const c of cases) {
      expect(checkJsonSchema(schema, c).length === 0, JSON.stringify(c)).toBe(templateSchema.safeParse(c).success);
    }
  });

  it('`lead-kit template schema` prints exactly that schema', async () => {
    const r = await runCli(['template', 'schema']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(schema);
  });
});
