// A small lead-ad app, written the way the README describes: it checks X-Hub-Signature-256 over the raw bytes,
// answers 200 at once, and once a lead is complete AND the Leadgen app has passed it the thread (the two can
// arrive in either order), it thanks the person and passes the thread on.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

const { PORT = '3000', GRAPH_API_URL = 'https://graph.facebook.com', PAGE_TOKEN, APP_SECRET, VERIFY_TOKEN } = process.env;
const HANDOFF_APP = '498721317747541';
const leads = new Map(); // psid → { complete, owned, done }

async function graph(edge, body) {
  const res = await fetch(`${GRAPH_API_URL}/v26.0/me/${edge}?access_token=${encodeURIComponent(PAGE_TOKEN)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) console.error(`Graph ${edge}: ${res.status} ${await res.text()}`);
}

function signed(raw, header) {
  const want = Buffer.from(`sha256=${createHmac('sha256', APP_SECRET).update(raw).digest('hex')}`);
  const got = Buffer.from(String(header ?? ''));
  return got.length === want.length && timingSafeEqual(got, want);
}

createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (req.method === 'GET') {
    const ok = url.searchParams.get('hub.mode') === 'subscribe' && url.searchParams.get('hub.verify_token') === VERIFY_TOKEN;
    res.writeHead(ok ? 200 : 403).end(ok ? url.searchParams.get('hub.challenge') : '');
    return;
  }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const raw = Buffer.concat(chunks);
    if (!signed(raw, req.headers['x-hub-signature-256'])) return void res.writeHead(403).end();
    res.writeHead(200).end('EVENT_RECEIVED');
    for (const entry of JSON.parse(raw.toString('utf8')).entry ?? []) {
      // Instant Form lead ads: the leadgen webhook carries ids only; fetch the answers with the leadgen_id.
      for (const change of entry.changes ?? []) {
        if (change.field !== 'leadgen') continue;
        const id = String(change.value.leadgen_id); // a number in Meta's doc sample, a string in real deliveries
        void fetch(`${GRAPH_API_URL}/v26.0/${id}?fields=created_time,form_id,ad_id,field_data&access_token=${encodeURIComponent(PAGE_TOKEN)}`)
          .then(async (r) => (r.ok ? console.log(`lead ${id}: ${JSON.stringify((await r.json()).field_data)}`) : console.error(`Graph GET ${id}: ${r.status} ${await r.text()}`)));
      }
      for (const event of entry.messaging ?? []) {
        const psid = event.sender?.id;
        const lead = leads.get(psid) ?? { complete: false, owned: false, done: false };
        if (event.referral?.type === 'LEAD_COMPLETE') lead.complete = true;
        if (event.pass_thread_control) lead.owned = true;
        leads.set(psid, lead);
        if (!lead.complete || !lead.owned || lead.done) continue;
        lead.done = true; // Meta retries: answer a lead once
        const recipient = { id: psid };
        void graph('messages', { messaging_type: 'RESPONSE', recipient, message: { text: 'Thanks! Someone will call you soon.' } })
          .then(() => graph('pass_thread_control', { recipient, target_app_id: HANDOFF_APP, metadata: 'lead complete' }));
      }
    }
  });
}).listen(Number(PORT), '127.0.0.1');
