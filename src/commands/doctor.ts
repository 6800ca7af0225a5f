import type { ChalkInstance } from 'chalk';
import { AuthError, GraphApiError } from '../errors.js';
import { noTokenError } from '../graph/client.js';
import { getFeatureStatus, getSubscribedApps, getThreadOwner } from '../graph/endpoints.js';
import { NEWEST_GRAPH_VERSION, versionVerdict } from '../graph/versions.js';
import type { Outcome } from '../io/outcome.js';
import { emit, reportError } from '../io/output.js';
import { interpretOwner, ownerMeaning, type ExpirationUnit } from '../page/owner.js';
import { checkPermissions, type PermissionSource } from '../page/permissions.js';
import { interpretStatus, type CrFlag } from '../page/status.js';
import { interpretSubscriptions, REQUIRED_FIELDS, subscribeFix } from '../page/subscriptions.js';
import { relative } from '../text/time-format.js';
import type { Check } from './doctor-check.js';
import { appLabel, graphContext, type GraphDeps, type GraphOptions } from './shared/graph.js';

export interface DoctorOptions extends GraphOptions {
  /** also check who controls the conversation with this person */
  psid: string | undefined;
  /** your app: must be subscribed, and own the thread when psid is given */
  appId: string | undefined;
  crFlag: CrFlag;
  source: PermissionSource;
  appToken: string | undefined;
  expirationUnit: ExpirationUnit;
  /** also check Instant Form lead ads */
  leadgen: boolean;
  /** with leadgen: check that a lead of this form can be read */
  form: string | undefined;
}

export type { Check };

export interface DoctorResult {
  page_id: string;
  graph_url: string;
  api_version: string;
  checks: Check[];
  ok: boolean;
}

const pass = (id: string, detail: string): Check => ({ id, ok: true, detail, fix: null });
const fail = (id: string, detail: string, fix: string): Check => ({ id, ok: false, detail, fix });

/** Runs one Graph-backed check; a Graph error becomes a failed check, auth and connection errors stop the doctor. */
async function guarded(id: string, run: () => Promise<Check[]>): Promise<Check[]> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof GraphApiError) return [fail(id, err.message, err.hint ?? 'run the matching `lead-kit page` command with --debug')];
    throw err;
  }
}

/** `lead-kit doctor`: every page check as a checklist: `checkFailed` when a check fails, `auth` when the token is rejected. */
export async function runDoctor(o: DoctorOptions, deps: GraphDeps): Promise<Outcome> {
  const { crFlag, source, expirationUnit: unit, appId, psid } = o;
  const g = graphContext(o, deps);
  if (g.token === undefined) throw noTokenError();
  const now = deps.now();
  const checks: Check[] = [];
  // names learnt from Graph (debug_token's application, subscribed_apps' names) label the owner later
  const names: Record<string, string> = { ...g.names };
  const learn = (id: string | null, name: string | null | undefined): void => {
    if (id !== null && name && names[id] === undefined) names[id] = name;
  };

  const verdict = versionVerdict(g.client.version, now);
  if (verdict.state === 'current')
    checks.push(pass('graph-version', `${g.client.version} is the newest version lead-kit knows (released ${verdict.info.released})`));
  else if (verdict.state === 'deprecating')
    checks.push(pass('graph-version', `${g.client.version} answers until ${verdict.until}; the newest is ${NEWEST_GRAPH_VERSION}`));
  else if (verdict.state === 'unknown')
    checks.push(pass('graph-version', `${g.client.version} is newer than lead-kit's table (newest known ${NEWEST_GRAPH_VERSION})`));
  else
    checks.push(
      fail(
        'graph-version',
        `${g.client.version} has expired${verdict.until ? ` (available until ${verdict.until})` : ''}`,
        `use --api-version ${NEWEST_GRAPH_VERSION}`,
      ),
    );

  let authError: AuthError | undefined;
  try {
    checks.push(
      ...(await guarded('token', async () => {
        const p = await checkPermissions(g.client, g.token, { source, ...(o.appToken === undefined ? {} : { appToken: o.appToken }) });
        if (!p.valid) {
          authError = new AuthError(`the Page access token is not valid: ${p.invalid_reason ?? ''}`, { code: 'TOKEN_INVALID' });
          return [
            fail(
              'token',
              `not valid: ${p.invalid_reason ?? 'debug_token says is_valid: false'}`,
              'get a new Page access token and pass it with --token or LEAD_KIT_PAGE_TOKEN',
            ),
          ];
        }
        learn(p.app_id, p.application);
        const expired = p.expires_at !== null && p.expires_at !== 0 && p.expires_at * 1000 < now.getTime();
        const token = expired
          ? fail('token', `expired ${p.expires}`, 'get a new Page access token (a Page token from a long-lived user token does not expire)')
          : pass(
              'token',
              `valid${p.type ? ` ${p.type} token` : ''}${p.app_id ? ` of app ${appLabel(p.app_id, names)}` : ''}; expires ${p.expires}${p.note ? `. Note: ${p.note}` : ''}`,
            );
        const perms =
          p.missing.length === 0
            ? pass(
                'permissions',
                `${p.permissions
                  .filter((x) => x.required)
                  .map((x) => x.permission)
                  .join(' and ')} granted`,
              )
            : fail(
                'permissions',
                `${p.missing.join(' and ')} ${p.missing.length > 1 ? 'are' : 'is'} not granted`,
                `grant ${p.missing.join(', ')} to the app and get a new Page token (App Dashboard → Use cases → Messenger; App Review for people without a role on the app)`,
              );
        return [token, perms];
      })),
    );
  } catch (err) {
    if (!(err instanceof AuthError)) throw err;
    authError = err;
    checks.push(fail('token', err.message, err.hint ?? 'pass a valid Page access token'));
  }

  if (authError !== undefined) {
    for (const id of ['conversation-routing', 'subscriptions', ...(psid ? ['thread-owner'] : [])]) {
      checks.push({ id, ok: false, detail: 'skipped: the token was rejected', fix: 'fix the token first', skipped: true });
    }
    return finish(deps, g, checks, 'auth');
  }

  checks.push(
    ...(await guarded('conversation-routing', async () => {
      const s = interpretStatus(await getFeatureStatus(g.client, g.pageId), g.pageId, crFlag);
      const flags = `hop_v2=${String(s.flags.hop_v2)}, msgr_multi_app=${String(s.flags.msgr_multi_app)}`;
      const reading = `lead-kit reads ${crFlag === 'either' ? 'hop_v2 or msgr_multi_app' : crFlag} as "Conversation Routing on", which Meta does not document; --cr-flag changes it`;
      if (s.conversation_routing === false) {
        return [
          fail(
            'conversation-routing',
            `${flags}: Conversation Routing looks off (${reading})`,
            'set a default app under Page settings → Page setup → Messenger conversation routing (facebook.com/settings?tab=msgr_conversation_routing)',
          ),
        ];
      }
      if (s.conversation_routing === null && crFlag !== 'ignore') {
        return [
          fail(
            'conversation-routing',
            'Graph returned no messaging_feature_status',
            'check that --page-id is a Page and the token has pages_messaging',
          ),
        ];
      }
      return [pass('conversation-routing', `${flags}${s.conversation_routing ? ': Conversation Routing looks on' : ''} (${reading})`)];
    })),
  );

  checks.push(
    ...(await guarded('subscriptions', async () => {
      const r = interpretSubscriptions(await getSubscribedApps(g.client, g.pageId), g.pageId, appId, g.names);
      for (const a of r.apps) learn(a.id, a.name);
      const fix = subscribeFix(g.pageId, g.client.baseUrl, g.client.version);
      const out: Check[] = [];
      if (r.apps.length === 0)
        out.push(fail('subscriptions', "no app is subscribed to this Page's webhooks, so no app receives anything", fix));
      if (r.app_missing !== null)
        out.push(fail(`subscriptions:${r.app_missing}`, `${appLabel(r.app_missing, names)} is not subscribed to this Page`, fix));
      for (const a of r.apps) {
        const label = a.name ? `${a.name} (${a.id})` : a.id;
        out.push(
          a.missing.length === 0
            ? pass(`subscriptions:${a.id}`, `${label} subscribes to ${REQUIRED_FIELDS.join(', ')}`)
            : fail(
                `subscriptions:${a.id}`,
                `${label} is missing ${a.missing.join(', ')}`,
                fix.replace(REQUIRED_FIELDS.join(','), [...new Set([...a.subscribed_fields, ...REQUIRED_FIELDS])].join(',')),
              ),
        );
      }
      return out;
    })),
  );

  if (psid !== undefined) {
    checks.push(
      ...(await guarded('thread-owner', async () => {
        const o = interpretOwner(await getThreadOwner(g.client, g.pageId, psid), { pageId: g.pageId, psid, unit, now, names });
        const who = o.state === 'idle' ? 'idle' : o.state === 'owned-hidden' ? 'another app' : appLabel(o.app_id ?? '', names);
        const when = o.expires_in_seconds === null ? '' : `, control expires ${relative(o.expires_in_seconds)}`;
        const detail = `PSID ${psid}: ${who}${when} — ${ownerMeaning(o)}`;
        if (appId !== undefined && o.state !== 'idle' && o.app_id !== appId) {
          return [
            fail(
              'thread-owner',
              detail,
              `your app ${appLabel(appId, names)} does not control this thread: wait for the owner to pass or release it, or for control to expire`,
            ),
          ];
        }
        return [pass('thread-owner', detail)];
      })),
    );
  }
  // Instant Form lead ads (src/commands/doctor-leadgen.ts).
  if (o.leadgen) {
    const { leadgenChecks } = await import('./doctor-leadgen.js');
    checks.push(
      ...(await leadgenChecks(g, {
        ...(appId === undefined ? {} : { appId }),
        ...(o.form === undefined ? {} : { formId: o.form }),
        source,
        ...(o.appToken === undefined ? {} : { appToken: o.appToken }),
        ...(o.appSecret === undefined ? {} : { appSecret: o.appSecret }),
        now,
        deps,
      })),
    );
  }
  return finish(deps, g, checks, checks.every((c) => c.ok) ? 'ok' : 'checkFailed');
}

function finish(deps: GraphDeps, g: ReturnType<typeof graphContext>, checks: Check[], outcome: Outcome): Outcome {
  const result: DoctorResult = {
    page_id: g.pageId,
    graph_url: g.client.baseUrl,
    api_version: g.client.version,
    checks,
    ok: outcome === 'ok',
  };
  emit(deps.io, g.json, result, renderDoctor);
  if (outcome === 'auth')
    reportError(deps.io, {
      code: 'TOKEN_INVALID',
      message: 'Graph rejected the Page access token',
      hint: 'pass a valid one with --token or LEAD_KIT_PAGE_TOKEN',
    });
  return outcome;
}

export function renderDoctor(r: DoctorResult, c: ChalkInstance): string {
  const width = Math.max(...r.checks.map((k) => k.id.length));
  const lines = [c.bold(`lead-kit doctor — Page ${r.page_id} via ${r.graph_url} ${r.api_version}`)];
  for (const k of r.checks) {
    const mark = k.skipped ? c.dim('-') : k.ok ? c.green('✓') : c.red('✗');
    lines.push(` ${mark} ${k.id.padEnd(width)}  ${k.detail}`);
    if (!k.ok && !k.skipped && k.fix) lines.push(`   ${' '.repeat(width)}  ${c.yellow('fix:')} ${k.fix}`);
  }
  const failed = r.checks.filter((k) => !k.ok).length;
  lines.push(failed === 0 ? c.green(`all ${r.checks.length} checks passed`) : c.red(`${failed} of ${r.checks.length} checks failed`));
  return lines.join('\n');
}
