import { nodeCrypto } from '../io/lazy.js';
import { redact, type Secret } from '../text/redact.js';

/** Flags and environment variables whose values are secrets, with the placeholder shown instead. */
const SECRET_FLAGS: Record<string, string> = {
  '--app-secret': '<APP_SECRET>',
  '--token': '<PAGE_ACCESS_TOKEN>',
  '--app-token': '<APP_ACCESS_TOKEN>',
  '--verify-token': '<VERIFY_TOKEN>',
};
const SECRET_ENV: Record<string, string> = {
  LEAD_KIT_APP_SECRET: '<APP_SECRET>',
  LEAD_KIT_PAGE_TOKEN: '<PAGE_ACCESS_TOKEN>',
  LEAD_KIT_APP_TOKEN: '<APP_ACCESS_TOKEN>',
  LEAD_KIT_VERIFY_TOKEN: '<VERIFY_TOKEN>',
};

/** Collects the secrets given on the command line or in the environment. */
export function collectSecrets(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Secret[] {
  const found: Secret[] = [];
  argv.forEach((arg, i) => {
    const eq = arg.indexOf('=');
    const flag = eq === -1 ? arg : arg.slice(0, eq);
    const placeholder = SECRET_FLAGS[flag];
    if (placeholder === undefined) return;
    const value = eq === -1 ? argv[i + 1] : arg.slice(eq + 1);
    if (value !== undefined) found.push({ value, placeholder });
  });
  for (const [name, placeholder] of Object.entries(SECRET_ENV)) {
    const value = env[name];
    if (value !== undefined) found.push({ value, placeholder });
  }
  // appsecret_proof (HMAC-SHA256 of a token keyed by the app secret) travels in Graph URLs: redact it too.
  const appSecrets = found.filter((s) => s.placeholder === '<APP_SECRET>' && s.value !== '');
  const tokens = found.filter((s) => s.placeholder === '<PAGE_ACCESS_TOKEN>' || s.placeholder === '<APP_ACCESS_TOKEN>');
  for (const a of appSecrets)
    for (const t of tokens)
      found.push({ value: nodeCrypto().createHmac('sha256', a.value).update(t.value).digest('hex'), placeholder: '<APPSECRET_PROOF>' });
  // Very short values would redact ordinary text; they are weak secrets anyway.
  return found.filter((s) => s.value.length >= 4).sort((a, b) => b.value.length - a.value.length);
}

/** Wraps a writer so no secret reaches it: a last line of defence under every command's own care. */
export function redactingWriter<W extends { write(s: string): unknown }>(w: W, secrets: readonly Secret[]): W {
  if (secrets.length === 0) return w;
  return new Proxy(w, {
    get(target, prop, receiver) {
      if (prop === 'write') return (s: string) => target.write(redact(String(s), secrets));
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}
