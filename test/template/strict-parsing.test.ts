import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

// `template validate` must not accept what Meta's parser would not, nor hide what JSON.parse silently resolves:
// invalid UTF-8, duplicate keys, a "__proto__" key, message text beyond the Send API's limit.
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lead-kit-strict-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, content: string | Buffer): string => {
  writeFileSync(join(dir, name), content);
  return name;
};
const validate = (args: string[]) => runCli(['template', 'validate', ...args], { cwd: dir });
const message = (inner: string): string => `{\n  "message": {\n${inner}\n  }\n}\n`;
const ROUTING = '    "receiving_app_id": 1278416343931139,';

describe('invalid UTF-8 is an error with its byte offset', () => {
  // each case: the bytes inside "text", and what is wrong with them
  const cases: Array<[string, number[]]> = [
    ['a lone 0xFF byte', [0xff]],
    ['a truncated 2-byte sequence', [0xc3, 0x20]],
    ['an overlong encoding of "/"', [0xc0, 0xaf]],
    ['an encoded UTF-16 surrogate', [0xed, 0xa0, 0x80]],
    ['a stray continuation byte', [0x80]],
  ];
  it.each(cases)('%s', async (_name, bad) => {
    const head = Buffer.from(
      message(`${ROUTING}\n    "receiving_app_control_expiration": 4,\n    "text": "Grüße `).replace(/\n  }\n}\n$/, ''),
    );
    const tail = Buffer.from(' there"\n  }\n}\n');
    const file = write('utf8.json', Buffer.concat([head, Buffer.from(bad), tail]));
    const r = await validate([file]);
    expect(r.code).toBe(1);
    // line 5; the column counts characters ("Grüße " is 6 characters but 8 bytes)
    const col = '    "text": "Grüße '.length + 1;
    expect(r.stdout).toContain(`${file}:5:${col}: error: invalid UTF-8 at byte offset ${head.length}`);
    expect(r.stdout).toMatch(/save the file as UTF-8/);
  });

  it('valid multi-byte text and a UTF-8 BOM still pass', async () => {
    const file = write(
      'bom.json',
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(message(`${ROUTING}\n    "receiving_app_control_expiration": 4,\n    "text": "Grüße 👋 こんにちは"`)),
      ]),
    );
    const r = await validate([file]);
    expect(r.stdout).not.toContain('error');
    expect(r.code).toBe(0);
  });

  it('from stdin too', async () => {
    const { Readable } = await import('node:stream');
    const stdin = Object.assign(Readable.from([Buffer.from('{"message": {"text": "a'), Buffer.from([0xff]), Buffer.from('"}}')]), {
      isTTY: false,
    });
    const r = await runCli(['template', 'validate', '-'], { cwd: dir, stdin });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('<stdin>:1:24: error: invalid UTF-8 at byte offset 23 (byte 0xff)');
  });
});

describe('duplicate keys are reported with both positions and the value that wins', () => {
  const dup = (first: number, second: number): string =>
    message(
      `    "text": "Hi",\n${ROUTING}\n    "receiving_app_control_expiration": ${first},\n    "receiving_app_control_expiration": ${second}`,
    );

  it('8 then 4: a warning (the last value, 4, is the one read), exit 1 with --strict', async () => {
    const file = write('dup-8-4.json', dup(8, 4));
    const r = await validate([file]);
    expect(r.stdout).toContain(
      `${file}:6:5: warning: $.message.receiving_app_control_expiration: duplicate key "receiving_app_control_expiration" (first at 5:5, again at 6:5): a JSON parser keeps the last value, 4`,
    );
    expect(r.code).toBe(0);
    expect((await validate([file, '--strict'])).code).toBe(1);
  });

  it('4 then 8: the same warning, and the error on 8', async () => {
    const file = write('dup-4-8.json', dup(4, 8));
    const r = await validate([file]);
    expect(r.stdout).toContain(
      `${file}:6:5: warning: $.message.receiving_app_control_expiration: duplicate key "receiving_app_control_expiration" (first at 5:5, again at 6:5)`,
    );
    expect(r.stdout).toContain(
      `${file}:6:41: error: $.message.receiving_app_control_expiration: "receiving_app_control_expiration" is 8 (above 7)`,
    );
    expect(r.code).toBe(1);
  });

  it('a duplicate nested in a button, and one written with an escape, are found too', async () => {
    const file = write(
      'dup-nested.json',
      '{"message": {"attachment": {"type": "template", "payload": {"template_type": "button", "text": "Hi", "buttons": [{"type": "postback", "title": "A", "payload": "X", "\\u0074itle": "B"}]}}, "receiving_app_id": 1278416343931139, "receiving_app_control_expiration": 4}}',
    );
    const r = await validate([file, '--json']);
    const doc = JSON.parse(r.stdout) as {
      files: Array<{ problems: Array<{ severity: string; path: string; line: number; column: number; message: string }> }>;
    };
    const w = doc.files[0]!.problems.find((p) => p.message.startsWith('duplicate key'));
    expect(w).toMatchObject({ severity: 'warning', path: '$.message.attachment.payload.buttons[0].title', line: 1 });
    expect(w!.message).toContain('keeps the last value, "B"');
  });
});

describe('"__proto__" is an ordinary key: it neither passes as a template nor pollutes anything', () => {
  const valid = `{"text": "Hi", "receiving_app_id": 1278416343931139, "receiving_app_control_expiration": 4}`;

  it('{"__proto__": {"message": …}} is not a valid template', async () => {
    const file = write('proto-root.json', `{"__proto__": {"message": ${valid}}}`);
    const r = await validate([file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/proto-root\.json:1:\d+: error: .*"message" is missing/);
    expect(r.stdout).toContain('unknown key "__proto__"');
  });

  it('{"message": {"__proto__": {…}}} does not lend the message its keys', async () => {
    const file = write('proto-message.json', `{"message": {"__proto__": ${valid}}}`);
    const r = await validate([file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('neither "text" nor "attachment"');
  });

  it('nothing outside the file changes', async () => {
    const file = write(
      'proto-pollute.json',
      `{"message": {"text": "Hi", "__proto__": {"polluted": "yes"}, "receiving_app_id": 1, "receiving_app_control_expiration": 4}, "constructor": {"prototype": {"polluted": "yes"}}}`,
    );
    await validate([file]);
    await validate([file, '--json']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});

describe("message text is held to the Send API's 2000-character limit", () => {
  const text = (n: number): string => message(`    "text": "${'é'.repeat(n)}",\n${ROUTING}\n    "receiving_app_control_expiration": 4`);
  it('2000 characters pass', async () => {
    const r = await validate([write('text-2000.json', text(2000))]);
    expect(r.code).toBe(0);
  });
  it.each([2001, 5_000_000])('%i characters are an error at the text', async (n) => {
    const file = write(`text-${n}.json`, text(n));
    const r = await validate([file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${file}:3:13: error: $.message.text: "text" is ${n} characters; Meta's limit is 2000`);
  });
});
