import type { ChalkInstance } from 'chalk';
import { AuthError } from '../../errors.js';
import type { Outcome } from '../../io/outcome.js';
import { emit } from '../../io/output.js';
import { checkPermissions, type PermissionSource, type PermissionsResult } from '../../page/permissions.js';
import { graphContext, type GraphDeps, type GraphOptions } from '../shared/graph.js';

export interface PagePermissionsOptions extends GraphOptions {
  source: PermissionSource;
  /** app access token for /debug_token; the Page token itself when undefined */
  appToken: string | undefined;
}

/** `lead-kit page permissions`: GET /debug_token (or /me/permissions). Exit 4 when the token is not valid. */
export async function runPagePermissions(o: PagePermissionsOptions, deps: GraphDeps): Promise<Outcome> {
  const g = graphContext(o, deps);
  const r = await checkPermissions(g.client, g.token, { source: o.source, ...(o.appToken === undefined ? {} : { appToken: o.appToken }) });
  if (!r.valid) {
    throw new AuthError(`the Page access token is not valid: ${r.invalid_reason ?? 'debug_token says is_valid: false'}`, {
      code: 'TOKEN_INVALID',
      hint: 'get a new Page access token (Graph API Explorer → your app → Get Page Access Token) and pass it with --token or LEAD_KIT_PAGE_TOKEN',
    });
  }
  emit(deps.io, g.json, r, renderPermissions);
  return 'ok';
}

export function renderPermissions(r: PermissionsResult, c: ChalkInstance): string {
  const app = r.app_id ? (r.application ? `${r.application} (${r.app_id})` : r.app_id) : r.application;
  const who = [r.type ? `${r.type} token` : '', app ? `of app ${app}` : ''].filter(Boolean).join(' ');
  const lines = [c.bold(`Access token (from ${r.source})`)];
  lines.push(`  valid      ${r.valid ? c.green('yes') : c.red(`no — ${r.invalid_reason ?? ''}`)}  ${c.dim(who)}`);
  lines.push(`  expires    ${r.expires}`);
  for (const p of r.permissions) {
    const state = p.granted ? c.green('granted') : p.required ? c.red('missing') : c.yellow('missing (optional: reading conversations)');
    lines.push(`  ${p.permission.padEnd(23)}${state}`);
  }
  if (r.note) lines.push(c.dim(`  note: ${r.note}`));
  return lines.join('\n');
}
