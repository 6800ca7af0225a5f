import type { Dispatcher } from 'undici';
import type { WebhookField } from '../schemas/mock-config.js';
import { buildHandover, buildMessage, toStandby, type Envelope } from '../webhooks/build.js';
import { deliver, webhookHeaders } from '../webhooks/deliver.js';
import { describeEvent } from '../webhooks/describe.js';
import { appIdValue } from '../webhooks/ids.js';
import { serializeBody } from '../webhooks/serialize.js';
import type { MockPage, MockState, StoredMessage, Thread } from './state.js';

/** One webhook the mock sent (or could not send) to an app. */
export interface SentWebhook {
  seq: number;
  /** ISO time on the virtual clock */
  at: string;
  page_id: string;
  app_id: string;
  app_name: string;
  field: WebhookField;
  /** one readable line (describeEvent) */
  event: string;
  url: string | null;
  /** the receiving app's HTTP status; null when nothing was sent or no answer came */
  status: number | null;
  ok: boolean;
  /** why it failed or was not sent */
  reason?: string;
}

export interface WebhookSenderOptions {
  state: MockState;
  /** Facebook-API-Version header @default v26.0 */
  apiVersion: string;
  dispatcher?: Dispatcher;
  /** Meta's 5-second answer limit @default 5000 */
  timeoutMs?: number;
  onWebhook?: (w: SentWebhook) => void;
}

/**
 * Sends the webhooks that changes of control and a person's messages cause, each signed with the receiving
 * app's secret (X-Hub-Signature-256 + legacy sha1) over Meta's escaped body. Deliveries go out one at a time,
 * in the order they were caused, after the Graph call that caused them has been answered.
 */
export class WebhookSender {
  readonly sent: SentWebhook[] = [];
  private chain: Promise<void> = Promise.resolve();
  private readonly stop = new AbortController();
  private seq = 0;

  constructor(private readonly opts: WebhookSenderOptions) {}

  /**
   * Queues `envelope` for `appId` when the app is connected to `page` and subscribed to `field`
   * (an app receives only the fields it subscribed to). Returns true when it was queued.
   */
  send(page: MockPage, appId: string, field: WebhookField, envelope: Envelope): boolean {
    const connection = page.connections.get(appId);
    if (connection === undefined || !connection.fields.has(field) || this.stop.signal.aborted) return false;
    const app = this.opts.state.apps.get(appId);
    const record: SentWebhook = {
      seq: ++this.seq,
      at: new Date(this.opts.state.clock.now()).toISOString(),
      page_id: page.id,
      app_id: appId,
      app_name: this.opts.state.appName(appId),
      field,
      event: describeEvent(envelope),
      url: app?.webhookUrl ?? null,
      status: null,
      ok: false,
    };
    this.chain = this.chain.then(async () => {
      if (app?.webhookUrl === undefined) record.reason = 'not sent: the app has no webhook_url';
      else if (app.secret === undefined) record.reason = 'not sent: the app has no secret to sign with';
      else {
        const body = serializeBody(envelope, 'meta');
        const headers = webhookHeaders(body, app.secret, { apiVersion: this.opts.apiVersion });
        const o = await deliver({
          url: app.webhookUrl,
          body,
          headers,
          timeoutMs: this.opts.timeoutMs,
          dispatcher: this.opts.dispatcher,
          signal: this.stop.signal,
        });
        record.status = o.status;
        record.ok = o.ok;
        if (o.reason !== undefined) record.reason = o.reason;
      }
      this.sent.push(record);
      this.opts.onWebhook?.(record);
    });
    return true;
  }

  /** Resolves when every queued webhook has been answered (or failed). */
  flush(): Promise<void> {
    return this.chain;
  }

  /** Stops sending; queued webhooks are abandoned. */
  close(): Promise<void> {
    this.stop.abort();
    return this.chain;
  }

  /** pass_thread_control to the new owner (messaging_handovers reference). */
  pass(page: MockPage, t: Thread, previous: string | null, next: string, metadata?: string): void {
    this.handover(page, t, 'pass_thread_control', previous, next, metadata, next);
  }

  /** take_thread_control to the app that lost control (messaging_handovers reference). */
  take(page: MockPage, t: Thread, previous: string, next: string, metadata?: string): void {
    this.handover(page, t, 'take_thread_control', previous, next, metadata, previous);
  }

  /** request_thread_control to the owner (legacy HOP; messaging_handovers reference, https://developers.facebook.com/documentation/business-messaging/messenger-platform/webhooks/webhook-events/messaging_handovers). */
  request(page: MockPage, t: Thread, owner: string, requester: string, metadata?: string): void {
    const now = this.opts.state.clock.now();
    const change: Record<string, unknown> = { requested_owner_app_id: appIdValue(requester, page.unconfirmed.webhook_app_id) };
    if (metadata !== undefined) change.metadata = metadata;
    // build.ts has no builder for this legacy event; the shape is the reference's, like buildHandover's.
    const envelope: Envelope = {
      object: 'page',
      entry: [
        {
          id: page.id,
          time: now,
          messaging: [{ recipient: { id: page.id }, timestamp: now, sender: { id: t.psid }, request_thread_control: change }],
        },
      ],
    };
    this.send(page, owner, 'messaging_handovers', envelope);
  }

  /**
   * A person's message: `messages` on `messaging[]` to the owner (to every subscribed app when nobody owns
   * the thread and the Page has no default app) and `standby[]` copies to the other subscribed apps
   * (standby reference; https://developers.facebook.com/docs/messenger-platform/conversation-routing routing table).
   */
  personMessage(page: MockPage, t: Thread, m: StoredMessage, receivers: readonly string[]): void {
    const envelope = buildMessage({ pageId: page.id, psid: t.psid, time: m.createdAt, timestamp: m.createdAt, mid: m.id, text: m.text });
    for (const appId of page.connections.keys()) {
      if (receivers.includes(appId)) this.send(page, appId, 'messages', envelope);
      else this.send(page, appId, 'standby', toStandby(envelope));
    }
  }

  private handover(
    page: MockPage,
    t: Thread,
    action: 'pass_thread_control' | 'take_thread_control',
    previous: string | null,
    next: string,
    metadata: string | undefined,
    to: string,
  ): void {
    const now = this.opts.state.clock.now();
    const input = {
      pageId: page.id,
      psid: t.psid,
      time: now,
      timestamp: now,
      action,
      previousOwnerAppId: previous,
      newOwnerAppId: next,
      appIdType: page.unconfirmed.webhook_app_id,
    };
    this.send(page, to, 'messaging_handovers', buildHandover(metadata === undefined ? input : { ...input, metadata }));
  }
}
