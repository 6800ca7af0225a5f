import { escapePointerToken } from '../json/locate.js';

/** Keys that look like they hold a secret: lead-kit.config.json is meant to be committed, so none may appear. */
export const SECRET_KEY = /secret|token|password/i;

/** Where a secret belongs instead of the config file, by the kind of key. */
export function secretAdvice(key: string): string {
  const k = key.toLowerCase();
  if (k.includes('verify')) return 'set LEAD_KIT_VERIFY_TOKEN or pass --verify-token';
  if (k.includes('apptoken') || k.includes('app_token')) return 'set LEAD_KIT_APP_TOKEN or pass --app-token';
  if (k.includes('token')) return 'set LEAD_KIT_PAGE_TOKEN or pass --token';
  if (k.includes('secret')) return 'set LEAD_KIT_APP_SECRET or pass --app-secret';
  return 'lead-kit needs no password; keep credentials in environment variables';
}

/** JSON pointers of every secret-looking key in `value`, in document order. */
export function findSecretKeys(value: unknown, prefix = ''): Array<{ pointer: string; key: string }> {
  const out: Array<{ pointer: string; key: string }> = [];
  if (Array.isArray(value)) {
    value.forEach((v, i) => out.push(...findSecretKeys(v, `${prefix}/${i}`)));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const pointer = `${prefix}/${escapePointerToken(k)}`;
      if (SECRET_KEY.test(k)) out.push({ pointer, key: k });
      out.push(...findSecretKeys(v, pointer));
    }
  }
  return out;
}
