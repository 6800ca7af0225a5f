import { randomBytes } from 'node:crypto';
import { webhookHeaders } from '../webhooks/deliver.js';
import type { Envelope } from '../webhooks/build.js';
import { serializeBody } from '../webhooks/serialize.js';
import { signSha1, signSha256 } from '../webhooks/sign.js';

/** The POST cases of `lead-kit verify`, in the order they are sent. */
export const deliveryCaseIds = ['signed', 'tampered', 'wrong-secret', 'no-signature', 'sha1-only', 'reserialized'] as const;
export type DeliveryCaseId = (typeof deliveryCaseIds)[number];

/** One request of the matrix: what is sent and what a careful endpoint does with it. */
export interface DeliveryCase {
  id: DeliveryCaseId;
  title: string;
  /** `accept`: must answer 2xx; `reject`: must not */
  expect: 'accept' | 'reject';
  body: Buffer;
  headers: Record<string, string>;
  /** why accepting it is a problem (reject cases) */
  ifAccepted: string;
  /** accepting it is a warning, not a failure */
  warnOnly?: boolean;
}

const without = (h: Record<string, string>, ...names: string[]): Record<string, string> =>
  Object.fromEntries(Object.entries(h).filter(([k]) => !names.includes(k)));

/** Changes the first lead answer, keeping the JSON valid: a forger editing a lead after Meta signed it. */
function tamper(value: Envelope): Envelope {
  const copy = JSON.parse(JSON.stringify(value)) as Envelope;
  const ev = (copy.entry[0]?.messaging as Array<{ lead?: { data?: Array<{ answer: string }> } }> | undefined)?.[0];
  const first = ev?.lead?.data?.[0];
  if (first) first.answer = first.answer === 'No' ? 'Yes' : 'No';
  else copy.entry.push({ id: '0', time: 0, messaging: [] });
  return copy;
}

/**
 * Builds the deliveries of the matrix from one Meta-shaped webhook `value` (a lead referral whose answers carry
 * non-ASCII text). The valid one is Meta's escaped form signed over its exact bytes (https://developers.facebook.com/documentation/business-messaging/messenger-platform/webhooks); each
 * forgery differs from it in one way.
 */
export function buildDeliveryCases(value: Envelope, appSecret: string, apiVersion: string): DeliveryCase[] {
  const body = serializeBody(value, 'meta');
  const signed = webhookHeaders(body, appSecret, { apiVersion });
  const tampered = serializeBody(tamper(value), 'meta');
  const otherSecret = randomBytes(16).toString('hex');
  // What a receiver that hashes JSON.stringify(JSON.parse(raw)) would compute: the plain UTF-8 form.
  const utf8 = serializeBody(value, 'utf8');
  return [
    {
      id: 'signed',
      title: "signed delivery (Meta's escaped body, non-ASCII answers)",
      expect: 'accept',
      body,
      headers: signed,
      ifAccepted: '',
    },
    {
      id: 'tampered',
      title: 'tampered body (an answer changed after signing)',
      expect: 'reject',
      body: tampered,
      headers: signed,
      ifAccepted: 'accepted a body changed after signing: the signature is not compared with the bytes received',
    },
    {
      id: 'wrong-secret',
      title: 'signed with a wrong app secret',
      expect: 'reject',
      body,
      headers: webhookHeaders(body, otherSecret, { apiVersion }),
      ifAccepted: 'accepted a signature made with another secret: X-Hub-Signature-256 is not checked',
    },
    {
      id: 'no-signature',
      title: 'no signature header',
      expect: 'reject',
      body,
      headers: without(signed, 'x-hub-signature-256', 'x-hub-signature'),
      ifAccepted: 'accepted a delivery without X-Hub-Signature-256: anyone who knows the URL can post fake leads',
    },
    {
      id: 'sha1-only',
      title: 'only the legacy X-Hub-Signature (sha1)',
      expect: 'reject',
      body,
      headers: without(signed, 'x-hub-signature-256'),
      warnOnly: true,
      ifAccepted:
        "accepted a delivery signed only with the legacy HMAC-SHA1 header; Meta's current docs describe only X-Hub-Signature-256 " +
        '(whether Meta still sends sha1 is unconfirmed) — require sha256 and treat sha1 as extra at most',
    },
    {
      id: 'reserialized',
      title: 'signature over the re-serialized UTF-8 body',
      expect: 'reject',
      body,
      headers: {
        ...without(signed, 'x-hub-signature-256', 'x-hub-signature'),
        'x-hub-signature-256': signSha256(utf8, appSecret),
        'x-hub-signature': signSha1(utf8, appSecret),
      },
      ifAccepted:
        'accepted a signature computed over JSON.stringify(JSON.parse(body)): the endpoint hashes a re-serialized body, ' +
        'not the raw bytes, so real deliveries with non-ASCII text (Meta escapes it as \\u00fc) fail their check',
    },
  ];
}
