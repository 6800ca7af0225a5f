import type { LocatedJson } from '../json/locate.js';
import { LEADGEN_APP_ID } from '../webhooks/ids.js';
import { DOCS, LIMITS } from '../schemas/template-limits.js';
import { problemAt, type Problem } from './problems.js';
import { closest } from './typo.js';

/** Apps known to be connected to the Page, and where that knowledge comes from. */
export interface ConnectedApps {
  /** graph: GET /{page-id}/subscribed_apps answered; config: the `apps` list of lead-kit.config.json */
  source: 'graph' | 'config';
  pageId?: string;
  apps: Array<{ id: string; name?: string }>;
}

export interface RuleOptions {
  connected?: ConnectedApps;
  /** why the connected-app check could not run, shown in the note */
  connectedUnavailable?: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const appList = (apps: ConnectedApps['apps']): string =>
  apps.length === 0 ? 'no apps' : apps.map((a) => (a.name ? `${a.name} (${a.id})` : a.id)).join(', ');

/**
 * Rules beyond the schema, about what happens to the conversation after the lead flow (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing/messenger-lead-ads,
 * "Setup Thread Control Window", DOCS.leadAds): a missing expiration means 1 day; an app id that is not an app
 * connected to the Page cannot receive control.
 */
export function templateRules(located: LocatedJson, opts: RuleOptions = {}): Problem[] {
  const out: Problem[] = [];
  const root = located.value;
  if (!isRecord(root) || !isRecord(root.message)) return out;
  const message = root.message;
  const at = ['message'];
  const hasExpiration = Object.hasOwn(message, 'receiving_app_control_expiration');
  const appId = message.receiving_app_id;

  if (!hasExpiration) {
    const typo = Object.keys(message).find((k) => closest(k, ['receiving_app_control_expiration']) !== undefined);
    const typoHint = typo === undefined ? '' : ` ("${typo}" is not that key — see the warning on it)`;
    out.push(
      problemAt(
        located,
        'note',
        at,
        `"receiving_app_control_expiration" is not set${typoHint}: the receiving app keeps thread control for 1 day (24 hours) from the last user message — add "receiving_app_control_expiration": ${LIMITS.expirationMax} for up to ${LIMITS.expirationMax} days (${DOCS.leadAds})`,
      ),
    );
  }

  if (appId === undefined) {
    out.push(
      problemAt(
        located,
        hasExpiration ? 'warning' : 'note',
        at,
        hasExpiration
          ? '"receiving_app_control_expiration" has no effect without "receiving_app_id": with no app set, thread control is released after the lead flow — add the id of the app that follows up'
          : 'no "receiving_app_id": after the lead flow, thread control is released instead of passed to an app — add the id of the app that follows up on leads',
      ),
    );
    return out;
  }

  const id =
    typeof appId === 'number' && Number.isSafeInteger(appId) && appId > 0
      ? String(appId)
      : typeof appId === 'string' && /^\d+$/.test(appId)
        ? appId
        : undefined;
  if (id === undefined) return out; // the schema already reported it
  const idPath = [...at, 'receiving_app_id'];

  if (typeof appId === 'string') {
    out.push(
      problemAt(
        located,
        'note',
        idPath,
        `"receiving_app_id" is a string: Meta's sample writes it as a number and does not say whether a string is accepted — write ${id} without quotes to be safe`,
      ),
    );
  }
  if (id === LEADGEN_APP_ID) {
    out.push(
      problemAt(
        located,
        'error',
        idPath,
        `"receiving_app_id" ${id} is the Messenger Leadgen app itself, which holds the thread while the ad asks its questions — set the id of your app that follows up`,
      ),
    );
    return out;
  }

  const c = opts.connected;
  if (c === undefined) {
    out.push(
      problemAt(
        located,
        'note',
        idPath,
        `cannot check that app ${id} is connected to the Page${opts.connectedUnavailable ? ` (${opts.connectedUnavailable})` : ''} — pass --page-id and --token (or LEAD_KIT_PAGE_TOKEN) to check it through GET /{page-id}/subscribed_apps`,
      ),
    );
  } else if (!c.apps.some((a) => a.id === id)) {
    if (c.source === 'graph') {
      out.push(
        problemAt(
          located,
          'error',
          idPath,
          `app ${id} is not connected to Page ${c.pageId ?? ''}: GET /${c.pageId ?? '{page-id}'}/subscribed_apps lists ${appList(c.apps)} — fix the id, or authorize the app in the Page's Advanced Messaging settings and subscribe it to the Page (${DOCS.leadAds})`,
        ),
      );
    } else {
      out.push(
        problemAt(
          located,
          'warning',
          idPath,
          `app ${id} is not among the connected apps in lead-kit.config.json (${appList(c.apps)}) — fix the id or add the app to "apps"; pass --page-id and --token to ask the Page itself`,
        ),
      );
    }
  } else if (c.source === 'config') {
    const name = c.apps.find((a) => a.id === id)?.name;
    out.push(
      problemAt(
        located,
        'note',
        idPath,
        `app ${id}${name ? ` (${name})` : ''} is listed in lead-kit.config.json; that the Page really has it connected was not checked — pass --page-id and --token to check it`,
      ),
    );
  }
  return out;
}
