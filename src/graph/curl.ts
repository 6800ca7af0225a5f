import type { PreparedRequest } from './client.js';

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * The request as a curl command a user can paste, with the token shown as `<PAGE_ACCESS_TOKEN>` (and the proof as
 * `<APPSECRET_PROOF>`): `--dry-run` prints this and sends nothing.
 */
export function toCurl(req: PreparedRequest): string {
  const lines = [`curl -X ${req.method} ${quote(req.displayUrl)}`];
  const type = req.headers['content-type'];
  if (type !== undefined) lines.push(`-H ${quote(`Content-Type: ${type}`)}`);
  if (req.body !== undefined) {
    const shown = type === 'application/json' ? JSON.stringify(JSON.parse(req.body) as unknown, null, 2) : req.body;
    lines.push(`-d ${quote(shown)}`);
  }
  return lines.join(' \\\n  ');
}
