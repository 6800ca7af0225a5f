// Writes a `lead-kit listen --record` file of `lines` distinct deliveries: the three webhooks of a complete lead
// flow in turn (handover, lead summary, LEAD_COMPLETE referral), each for its own person (PSID), time and message
// id, so no two bodies are alike and every one must be signed on its own. Bodies are in Meta's wire form
// (\uXXXX, \/) and carry the signatures of `secret`. Returns { lines, bytes, bodies: sample of (index → body) }.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createHmac } from 'node:crypto';
import { dist } from './lib.js';

const { buildHandover, buildLeadReferral, buildSummary } = await dist('webhooks/build.js');
const { serializeJson } = await dist('webhooks/serialize.js');

const answers = [
  { question: 'Are you interested in becoming a reseller?', answer: 'Yes' },
  { question: 'What city is your store located?', answer: 'Zürich' },
  { question: 'Where do you ship from?', answer: 'São Paulo' },
  { question: 'Which products are you interested in?', answer: 'Espresso machines, grinders and the barista starter kit' },
];
// Templates built once by lead-kit's own builders; the placeholders are then replaced per line.
const PSID = '5794982867209999';
const MS = 1795243782811;
const base = { pageId: '542998526103632', psid: PSID, appIdType: 'number' };
const templates = [
  serializeJson(
    buildHandover({
      ...base,
      time: MS,
      timestamp: MS,
      newOwnerAppId: '2262510160704936',
      metadata: 'messenger_lead_gen_complete',
      hopContext: true,
    }),
    'meta',
  ),
  serializeJson(
    buildSummary({ ...base, time: MS, timestamp: 1795243782, answers, mid: 'm_MIDPLACEHOLDER', hopAppId: '2262510160704936' }),
    'meta',
  ),
  serializeJson(
    buildLeadReferral({
      ...base,
      time: MS,
      timestamp: 1795243782,
      type: 'LEAD_COMPLETE',
      adId: '6302572858686',
      adTitle: 'Find Wholesalers Ad',
      postId: '559217392549680',
      photoUrl: 'https://scontent.xx.fbcdn.net/v/t45.1600-4/lead_ad_sample.jpg',
      answers,
    }),
    'meta',
  ),
].map((t) => t.split(PSID).map((part) => part.split(String(MS))));

/** The body of delivery i (a string of ASCII: Meta's form escapes everything else). */
export function bodyOf(i) {
  const t = templates[i % 3];
  const psid = String(5794982867200000n + BigInt(i));
  const ms = String(MS + i);
  return t
    .map((parts) => parts.join(ms))
    .join(psid)
    .replace('MIDPLACEHOLDER', `${i.toString(36)}x${(i * 7919).toString(36)}`);
}

export const sign = (body, secret, algo = 'sha256') => `${algo}=` + createHmac(algo, secret).update(body).digest('hex');

export async function writeRecording(file, lines, secret) {
  const out = createWriteStream(file);
  let bytes = 0;
  let chunk = '';
  for (let i = 0; i < lines; i++) {
    const body = bodyOf(i);
    const headers = {
      host: '127.0.0.1:3000',
      'user-agent': 'facebookexternalua',
      'content-length': String(body.length),
      accept: '*/*',
      'content-type': 'application/json',
      'facebook-api-version': 'v26.0',
      'x-hub-signature': sign(body, secret, 'sha1'),
      'x-hub-signature-256': sign(body, secret),
    };
    chunk +=
      JSON.stringify({
        received_at: new Date(MS + i).toISOString(),
        method: 'POST',
        path: '/webhook',
        signature_ok: true,
        sha256: 'valid',
        sha1: 'valid',
        headers,
        body_encoding: 'utf8',
        body,
      }) + '\n';
    if (chunk.length > 1 << 20 || i === lines - 1) {
      bytes += chunk.length;
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end();
  await once(out, 'finish');
  return { lines, bytes };
}
