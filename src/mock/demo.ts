import { DEFAULT_SCOPES, type MockConfigInput } from '../schemas/mock-config.js';
import { DEFAULTS } from '../webhooks/defaults.js';
import { LEADGEN_DEFAULTS } from '../webhooks/defaults.js';

/** Instant Form lead ads in the demo: one form, its ad, one lead (ids fake; answers non-ASCII on purpose). */
export const DEMO_LEADGEN = {
  formId: LEADGEN_DEFAULTS.formId,
  adId: DEFAULTS.adId,
  leadId: '1296540418205310',
  /** what an app needs to read leads and their ad fields (Retrieving Leads, "Before You Start") */
  scopes: ['leads_retrieval', 'pages_manage_ads', 'ads_management'],
} as const;

/**
 * The demo setup `lead-kit mock` starts without `--config`: one Page under Conversation Routing, its default
 * app, a connected app (the app under test) that owns the one person's thread, and an open 24-hour window. The ids are those of
 * Meta's lead-ad examples (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing/messenger-lead-ads, 002); the tokens are fake and only this mock accepts them.
 */
export const DEMO = {
  pageId: DEFAULTS.pageId,
  pageName: 'Lead-kit Demo Page',
  /** the connected app's Page token: the one token lead-kit prints (it is fake and local) */
  token: 'lead-kit-demo-page-token',
  appId: DEFAULTS.appId,
  appName: DEFAULTS.appName,
  /** the `hop_context.app_id` of https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing/messenger-lead-ads's summary example, used here as the Page's default app */
  defaultAppId: '498721317747541',
  defaultAppName: 'Default app',
  /** the default app's token (fake); documented, not printed */
  defaultAppToken: 'lead-kit-demo-default-app-token',
  psid: DEFAULTS.psid,
  personName: 'Sam Lead',
} as const;

export interface DemoOverrides {
  pageId?: string;
  psid?: string;
  appId?: string;
  appName?: string;
  /** where the connected app receives webhooks */
  webhookUrl?: string;
  /** the connected app's secret: signs its webhooks, checks its appsecret_proof */
  appSecret?: string;
  /** more connected apps (standby receivers), without webhook URLs */
  otherApps?: ReadonlyArray<{ id: string; name: string }>;
}

/** The demo configuration, with the lead's ids when simulate drives it. */
export function demoConfig(o: DemoOverrides = {}): MockConfigInput {
  const appId = o.appId ?? DEMO.appId;
  const others = (o.otherApps ?? []).filter((a) => a.id !== appId && a.id !== DEMO.defaultAppId);
  const app: MockConfigInput['apps'][number] = { id: appId, name: o.appName ?? DEMO.appName };
  if (o.appSecret !== undefined) app.secret = o.appSecret;
  if (o.webhookUrl !== undefined) app.webhook_url = o.webhookUrl;
  return {
    apps: [app, { id: DEMO.defaultAppId, name: DEMO.defaultAppName }, ...others.map((a) => ({ id: a.id, name: a.name }))],
    pages: [
      {
        id: o.pageId ?? DEMO.pageId,
        name: DEMO.pageName,
        rules: 'conversation-routing',
        default_app_id: DEMO.defaultAppId,
        connected_apps: [
          { app_id: appId, token: DEMO.token, scopes: [...DEFAULT_SCOPES, ...DEMO_LEADGEN.scopes] },
          { app_id: DEMO.defaultAppId, token: DEMO.defaultAppToken },
          ...others.map((a, i) => ({ app_id: a.id, token: `lead-kit-demo-standby-token-${i + 1}` })),
        ],
        // As after a lead flow: the connected app owns the thread for 24 h and the window is open.
        persons: [{ psid: o.psid ?? DEMO.psid, name: DEMO.personName, owner_app_id: appId }],
        leadgen: {
          forms: [{ id: DEMO_LEADGEN.formId, name: 'Lead-kit demo form' }],
          ads: [{ id: DEMO_LEADGEN.adId, name: DEFAULTS.adTitle, form_id: DEMO_LEADGEN.formId }],
          leads: [
            {
              id: DEMO_LEADGEN.leadId,
              form_id: DEMO_LEADGEN.formId,
              ad_id: DEMO_LEADGEN.adId,
              field_data: { full_name: 'Zoë Müller', email: 'zoe@example.com', phone_number: '+41 44 000 00 00', city: 'Zürich' },
            },
          ],
        },
      },
    ],
  };
}
