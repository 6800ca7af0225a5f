import type { MockConfig, MockPageConfig, Unconfirmed, WebhookField } from '../schemas/mock-config.js';
import { KNOWN_APPS, LEADGEN_APP_ID, messageId } from '../webhooks/ids.js';
import { DAY_MS, parseInstant, type VirtualClock } from './clock.js';

/** An app the mock knows: its secret signs its webhooks and checks its `appsecret_proof`. */
export interface MockApp {
  id: string;
  name: string;
  secret?: string;
  webhookUrl?: string;
  requireProof: boolean;
  category: string;
}

/** An app connected to a Page: the token it calls with and the webhook fields it subscribed to. */
export interface Connection {
  appId: string;
  token: string;
  scopes: string[];
  fields: Set<WebhookField>;
  /** Page settings → Advanced messaging → Connected apps → "Take control of conversations" (https://developers.facebook.com/docs/messenger-platform/conversation-routing) */
  mayTakeControl: boolean;
}

/** One message in a conversation's history (`GET /{page}/conversations`). */
export interface StoredMessage {
  id: string;
  from: 'person' | 'page';
  /** the app that sent a Page message */
  appId?: string | undefined;
  text: string;
  /** epoch ms, virtual clock */
  createdAt: number;
}

/** A lead flow in progress (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing/messenger-lead-ads; https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing/messenger-lead-ads). */
export interface LeadFlowState {
  /** the ad's "Block Send API" setting (on by default): apps get no webhooks and may not send */
  blockSendApi: boolean;
  /** the connected app the ad passes control to; null = none (control is released) */
  appId: string | null;
  startedAt: number;
}

/** One person's conversation with a Page: who controls it, until when, and what was said. */
export interface Thread {
  psid: string;
  name?: string;
  /** the app in control; null = idle */
  ownerAppId: string | null;
  /** epoch ms when the owner's control ends; null = no expiry (the default app, an idle thread, a lead flow) */
  expiresAt: number | null;
  /** how many days control lasts from the person's last message (receiving_app_control_expiration; 1 after any routing action) */
  controlDays: number;
  /** epoch ms of the person's last message; opens the 24-hour standard messaging window */
  lastPersonMessageAt: number | null;
  /** set while the Messenger Leadgen app asks the lead ad's questions */
  leadFlow: LeadFlowState | null;
  messages: StoredMessage[];
}

export interface MockPage {
  id: string;
  name: string;
  rules: MockPageConfig['rules'];
  defaultAppId: string | null;
  featureStatus: MockPageConfig['feature_status'];
  connections: Map<string, Connection>;
  threads: Map<string, Thread>;
  unconfirmed: Unconfirmed;
  /** the Conversions API dataset lead events are sent to */
  datasetId: string;
}

/**
 * A stored message. Its id is derived from the Page, the person, the time and a counter, so it is worked out when
 * read rather than kept: a history holds every message sent while the mock runs.
 */
class Message implements StoredMessage {
  constructor(
    private readonly pageId: string,
    private readonly psid: string,
    private readonly n: number,
    readonly from: 'person' | 'page',
    readonly text: string,
    readonly createdAt: number,
    readonly appId: string | undefined,
  ) {}

  get id(): string {
    return messageId(this.pageId, this.psid, this.createdAt, this.n);
  }
}

/** What an access token stands for: one app acting for one Page. */
export interface TokenInfo {
  page: MockPage;
  appId: string;
  connection: Connection;
}

/**
 * The mock's whole state: apps, Pages, tokens and conversations. Control windows expire lazily: every read
 * through `thread()` first applies the virtual clock, so advancing the clock is enough to expire control.
 */
export class MockState {
  readonly apps = new Map<string, MockApp>();
  readonly pages = new Map<string, MockPage>();
  readonly tokens = new Map<string, TokenInfo>();
  private messageCount = 0;

  constructor(
    config: MockConfig,
    readonly clock: VirtualClock,
  ) {
    for (const a of config.apps) {
      const app: MockApp = { id: a.id, name: a.name, requireProof: a.require_appsecret_proof, category: a.category };
      if (a.secret !== undefined) app.secret = a.secret;
      if (a.webhook_url !== undefined) app.webhookUrl = a.webhook_url;
      this.apps.set(a.id, app);
    }
    const start = clock.now();
    for (const p of config.pages) {
      const page: MockPage = {
        id: p.id,
        name: p.name,
        rules: p.rules,
        defaultAppId: p.default_app_id,
        featureStatus: p.feature_status,
        connections: new Map(),
        threads: new Map(),
        unconfirmed: p.unconfirmed,
        datasetId: p.dataset_id ?? `9${p.id}`,
      };
      for (const c of p.connected_apps) {
        const connection: Connection = {
          appId: c.app_id,
          token: c.token,
          scopes: [...c.scopes],
          fields: new Set(c.subscribed_fields),
          mayTakeControl: c.may_take_control,
        };
        page.connections.set(c.app_id, connection);
        this.tokens.set(c.token, { page, appId: c.app_id, connection });
      }
      for (const person of p.persons) {
        const last = parseInstant(person.last_message_at) ?? start;
        const owner = person.owner_app_id === undefined ? page.defaultAppId : person.owner_app_id;
        const nonDefault = owner !== null && owner !== page.defaultAppId;
        const t: Thread = {
          psid: person.psid,
          ownerAppId: owner,
          expiresAt: null,
          controlDays: 1,
          lastPersonMessageAt: last,
          leadFlow: null,
          messages: [],
        };
        if (person.name !== undefined) t.name = person.name;
        const expires = parseInstant(person.control_expires_at);
        if (nonDefault) t.expiresAt = expires ?? last + DAY_MS;
        page.threads.set(person.psid, t);
      }
      this.pages.set(p.id, page);
    }
  }

  /** A display name for an app id: configured apps, then Meta's documented ids. */
  appName(id: string | null): string {
    if (id === null) return 'nobody (idle)';
    return this.apps.get(id)?.name ?? KNOWN_APPS[id] ?? `app ${id}`;
  }

  /** Who gets control when control ends: the default app, or nobody (idle) per the Page's rules. */
  fallbackOwner(page: MockPage): string | null {
    // HOP has an idle mode (https://developers.facebook.com/docs/messenger-platform/conversation-routing "Limitations"); under Conversation Routing the revisions disagree (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing).
    if (page.rules === 'handover-protocol' || page.unconfirmed.after_release === 'idle') return null;
    return page.defaultAppId;
  }

  /** The conversation with `psid`, with an expired control window already handed back. */
  thread(page: MockPage, psid: string): Thread | undefined {
    const t = page.threads.get(psid);
    if (t !== undefined) this.expire(page, t);
    return t;
  }

  /** The conversation with `psid`, created when the person writes for the first time. */
  ensureThread(page: MockPage, psid: string): Thread {
    const existing = this.thread(page, psid);
    if (existing) return existing;
    const t: Thread = {
      psid,
      ownerAppId: this.fallbackOwner(page),
      expiresAt: null,
      controlDays: 1,
      lastPersonMessageAt: null,
      leadFlow: null,
      messages: [],
    };
    page.threads.set(psid, t);
    return t;
  }

  private expire(page: MockPage, t: Thread): void {
    if (t.leadFlow !== null || t.ownerAppId === null || t.expiresAt === null) return;
    if (this.clock.now() < t.expiresAt) return;
    // Control expired: back to the default app (or idle); no webhooks are sent (https://developers.facebook.com/docs/messenger-platform/conversation-routing "becomes idle").
    t.ownerAppId = this.fallbackOwner(page);
    t.expiresAt = null;
    t.controlDays = 1;
  }

  /**
   * Hands control to `appId` (null = idle). A routing action resets the window to 1 day
   * (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing/messenger-lead-ads "Setup Thread Control Window"); the default app's control does not expire.
   */
  setOwner(page: MockPage, t: Thread, appId: string | null, days = 1, from = this.clock.now()): void {
    t.ownerAppId = appId;
    t.controlDays = days;
    t.expiresAt = appId === null || appId === page.defaultAppId ? null : from + days * DAY_MS;
  }

  /** True while the person's last message is less than `windowMs` old (24 h standard window; https://developers.facebook.com/documentation/business-messaging/messenger-platform/send-messages). */
  windowOpen(t: Thread, windowMs = DAY_MS): boolean {
    return t.lastPersonMessageAt !== null && this.clock.now() - t.lastPersonMessageAt < windowMs;
  }

  /** Appends a message to the history; a person's message restarts the owner's control window. */
  addMessage(page: MockPage, t: Thread, from: 'person' | 'page', text: string, appId?: string): StoredMessage {
    const now = this.clock.now();
    const m = new Message(page.id, t.psid, ++this.messageCount, from, text, now, appId);
    t.messages.push(m);
    if (from === 'person') {
      t.lastPersonMessageAt = now;
      // "1 day (24 hours) from the last user message", or receiving_app_control_expiration days (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing/messenger-lead-ads).
      if (t.ownerAppId !== null && t.expiresAt !== null) t.expiresAt = now + t.controlDays * DAY_MS;
    }
    return m;
  }

  /** True for the Messenger Leadgen app, which owns the thread during a lead flow (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing/messenger-lead-ads). */
  static isLeadgen(appId: string | null): boolean {
    return appId === LEADGEN_APP_ID;
  }
}
