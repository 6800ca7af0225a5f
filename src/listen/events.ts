import type { ReceivedDelivery } from '../receiver/server.js';
import type { EventKind } from '../webhooks/kinds.js';
import type { SignatureCheck } from '../webhooks/sign.js';
import type { ForwardReport } from './forward.js';
import type { TornLine } from './recorder.js';

/** The NDJSON events of `lead-kit listen --json`, one per line; `ready` comes first, `stopped` last. */
export type ListenEvent =
  | {
      type: 'ready';
      url: string;
      port: number;
      path: string;
      signatures: 'checked' | 'unchecked';
      handshake: 'enabled' | 'refused';
      record?: string;
      forward_to?: string;
      torn_line?: TornLine;
    }
  | { type: 'handshake'; received_at: string; status: number; ok: boolean }
  | {
      type: 'delivery';
      received_at: string;
      status: number;
      bytes: number;
      signature_ok: boolean | null;
      sha256: SignatureCheck | 'unchecked';
      sha1: SignatureCheck | 'unchecked';
      kinds: EventKind[];
      event: string;
      recorded: boolean;
      forward?: ForwardReport;
    }
  | { type: 'request'; received_at: string; method: string; path: string; status: number }
  | { type: 'error'; received_at: string; message: string }
  | { type: 'stopped'; deliveries: number; recorded: number; rejected: number; handshakes: number };

export type DeliveryEvent = Extract<ListenEvent, { type: 'delivery' }>;

/** The `delivery` event of a request (one literal, fields in their documented order). */
export function deliveryEvent(
  d: ReceivedDelivery,
  bytes: number,
  status: number,
  kinds: EventKind[],
  event: string,
  recorded: boolean,
  forward?: ForwardReport,
): DeliveryEvent {
  const e: DeliveryEvent = {
    type: 'delivery',
    received_at: d.receivedAt,
    bytes,
    signature_ok: d.sha256 === 'unchecked' ? null : d.sha256 === 'valid',
    sha256: d.sha256,
    sha1: d.sha1,
    status,
    kinds,
    event,
    recorded,
  };
  if (forward) e.forward = forward;
  return e;
}
