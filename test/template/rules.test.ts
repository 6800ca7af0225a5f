import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { templateExamples } from '../../src/template/examples.js';
import { validateTemplateText } from '../../src/template/validate.js';
import { FIXTURES, loadFixtures } from './fixtures.js';

const fixtures = loadFixtures();
const loud = (p: { severity: string }): boolean => p.severity !== 'note';

describe('template fixtures', () => {
  it('there is a fixture for every kind of rule, and every invalid fixture says what it must produce', () => {
    expect(fixtures.filter((f) => f.kind === 'valid').length).toBeGreaterThanOrEqual(10);
    expect(fixtures.filter((f) => f.kind === 'invalid').length).toBeGreaterThanOrEqual(40);
    const missing = fixtures.filter((f) => f.kind === 'invalid' && f.expected === undefined).map((f) => f.name);
    expect(missing).toEqual([]);
    // no orphan sidecars
    for (const kind of ['valid', 'invalid']) {
      const dir = `${FIXTURES}${kind}/`;
      for (const f of readdirSync(dir).filter((x) => x.endsWith('.expected.json'))) {
        expect(readdirSync(dir)).toContain(f.replace('.expected.json', '.json'));
      }
    }
  });

  it("the seed's template (Meta's sample, https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing/messenger-lead-ads) is a valid fixture and the button example, unchanged", () => {
    const seed = JSON.parse(readFileSync(new URL('../../fixtures/seeds/001-template.json', import.meta.url), 'utf8')) as { body: unknown };
    const fixture = fixtures.find((f) => f.name === 'seed-001-button')!;
    expect(JSON.parse(fixture.text)).toEqual(seed.body);
    expect(templateExamples.button).toEqual(seed.body);
    const { problems } = validateTemplateText(fixture.text);
    expect(problems.filter(loud)).toEqual([]);
  });

  for (const f of fixtures) {
    it(`${f.kind}/${f.name}`, () => {
      const { problems } = validateTemplateText(f.text);
      if (f.kind === 'valid') expect(problems.filter(loud), 'a valid fixture has no errors or warnings').toEqual([]);
      else expect(problems.filter(loud).length, 'an invalid fixture has an error or a warning').toBeGreaterThan(0);
      const expected = f.expected ?? [];
      for (const e of expected) {
        const match = problems.find((p) => p.severity === e.severity && p.path === e.path && p.message.includes(e.includes));
        expect(
          match,
          `expected ${e.severity} at ${e.path} containing ${JSON.stringify(e.includes)}; got ${JSON.stringify(problems, null, 1)}`,
        ).toBeDefined();
        expect({ line: match!.line, column: match!.column }).toEqual({ line: e.line, column: e.column });
      }
      // the listed errors and warnings are all there are
      expect(problems.filter(loud).length).toBe(expected.filter(loud).length);
    });
  }
});

describe('template rules', () => {
  const seed = (): Record<string, Record<string, unknown>> =>
    structuredClone(templateExamples.button) as unknown as Record<string, Record<string, unknown>>;
  const check = (v: unknown, opts = {}) => validateTemplateText(JSON.stringify(v, null, 2), opts).problems;

  it.each([
    [0, 'instead of 0 days'],
    [8, 'instead of 8 days'],
    [2.5, 'instead of 2.5 days'],
    ['4', 'instead of 4 days'],
    [null, 'Meta will silently use 1 day'],
    [true, 'Meta will silently use 1 day'],
    [[4], 'Meta will silently use 1 day'],
  ])('receiving_app_control_expiration %j is an error: Meta silently uses 1 day', (value, text) => {
    const t = seed();
    t.message!.receiving_app_control_expiration = value;
    const errors = check(t).filter((p) => p.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path).toBe('$.message.receiving_app_control_expiration');
    expect(errors[0]!.message).toContain(text);
    expect(errors[0]!.message).toMatch(/ — /); // says how to fix it
  });

  it.each([1, 2, 3, 4, 5, 6, 7])('receiving_app_control_expiration %i is fine', (days) => {
    const t = seed();
    t.message!.receiving_app_control_expiration = days;
    expect(check(t).filter(loud)).toEqual([]);
  });

  it('--lenient-strings turns "4" into a warning, since Meta does not document whether strings are accepted', () => {
    const t = seed();
    t.message!.receiving_app_control_expiration = '4';
    const problems = check(t, { lenientStrings: true });
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(problems.find((p) => p.severity === 'warning')?.message).toContain('instead of 4 days');
    // but not 8 or "8"
    t.message!.receiving_app_control_expiration = '8';
    expect(check(t, { lenientStrings: true }).some((p) => p.severity === 'error')).toBe(true);
  });

  it('a missing expiration is a note: control lasts 1 day', () => {
    const t = seed();
    delete t.message!.receiving_app_control_expiration;
    const notes = check(t).filter((p) => p.severity === 'note' && p.path === '$.message');
    expect(notes.map((n) => n.message).join()).toContain('1 day (24 hours)');
    expect(check(t).filter(loud)).toEqual([]);
  });

  it('receiving_app_id: not connected to the Page → error (Graph), warning (config list), note (nothing to check against)', () => {
    const t = seed();
    const graph = check(t, { connected: { source: 'graph', pageId: '42', apps: [{ id: '999', name: 'Other app' }] } });
    expect(graph.find((p) => p.severity === 'error')?.message).toMatch(
      /app 1278416343931139 is not connected to Page 42: .*Other app \(999\)/,
    );
    const ok = check(t, { connected: { source: 'graph', pageId: '42', apps: [{ id: '1278416343931139' }] } });
    expect(ok.filter(loud)).toEqual([]);
    const config = check(t, { connected: { source: 'config', apps: [{ id: '999' }] } });
    expect(config.find((p) => p.path === '$.message.receiving_app_id')?.severity).toBe('warning');
    const none = check(t);
    expect(none.find((p) => p.path === '$.message.receiving_app_id')).toMatchObject({ severity: 'note' });
    expect(none.find((p) => p.path === '$.message.receiving_app_id')!.message).toContain('--page-id and --token');
  });

  it('unknown keys anywhere are warnings naming the nearest valid key', () => {
    const t = seed();
    (t.message!.attachment as { payload: Record<string, unknown> }).payload.txet = 'x';
    t.message!.receving_app_id = 1;
    const w = check(t).filter((p) => p.severity === 'warning');
    expect(w.map((p) => [p.path, p.message.match(/did you mean "([^"]+)"/)?.[1]])).toEqual([
      ['$.message.attachment.payload.txet', 'text'],
      ['$.message.receving_app_id', 'receiving_app_id'],
    ]);
  });

  it('an unknown key nothing resembles lists the valid keys instead of guessing', () => {
    const t = seed();
    t.message!.zzz = 1;
    const w = check(t).find((p) => p.path === '$.message.zzz')!;
    expect(w.severity).toBe('warning');
    expect(w.message).not.toContain('did you mean');
    expect(w.message).toContain('"receiving_app_control_expiration"');
  });

  it('lengths count characters (code points), so 20 emoji fit a button title and 21 do not', () => {
    const t = seed();
    const buttons = (t.message!.attachment as { payload: { buttons: Array<{ title: string }> } }).payload.buttons;
    buttons[0]!.title = '👍'.repeat(20);
    expect(check(t).filter(loud)).toEqual([]);
    buttons[0]!.title = '👍'.repeat(21);
    expect(check(t).filter(loud)[0]!.message).toContain('is 21 characters');
  });

  it('invalid JSON is reported at the line and column of the syntax error', () => {
    const problems = validateTemplateText('{\n  "message": {\n    "text": "hi"\n    "receiving_app_id": 1\n  }\n}\n').problems;
    expect(problems).toEqual([
      { severity: 'error', path: '$', line: 4, column: 5, message: expect.stringContaining("expected ',' or '}'") as string },
    ]);
  });
});
