// A floor for the mock benchmark: the least work `lead-kit mock`'s contract asks of GET /me/thread_owner and
// POST /me/messages, on the same node:http. Not a mock: a reference for how close to a bare server any mock that
// keeps that contract can come. Per request it
//   - takes the access token (and for GET the recipient) from the query and checks it;
//   - POST: reads the body, JSON.parse's it, checks recipient and text, and keeps the message (text, time and
//     a number) for the life of the process, as the mock keeps a conversation;
//   - keeps a record of the call (method, URL, status, time), the last 1,000, as the mock's call log does;
//   - answers with JSON built for the request (POST: a sequential message id);
//   - logs one line per request on stdout, written once per turn of the event loop, as the mock does.
// It skips the rest of what the mock does: routing by version and node, Meta's validation rules and error
// envelopes, control state and its expiry, hashed message ids, token redaction, webhooks.
// argv[2]: JSON { token, psid, appId, expiration }, so its answers have the mock's bytes (GET) and shape (POST).
// Prints its URL on stdout; binds 127.0.0.1 on a free port; exits on SIGINT.
import { writeSync } from 'node:fs';
import { createServer } from 'node:http';

const { token, psid, appId, expiration } = JSON.parse(process.argv[2]);
const TYPE = 'application/json; charset=UTF-8';
const messages = [];
const calls = new Array(1000);
let callCount = 0;
let log = '';
let logScheduled = false;
const flushLog = () => {
  logScheduled = false;
  const text = log;
  log = '';
  writeSync(1, text);
};

/** The value of one query parameter, taken as is (the least parsing the check needs: no decoding, no other names). */
function param(url, name) {
  const at = url.indexOf(`${name}=`, url.indexOf('?'));
  if (at === -1) return undefined;
  const end = url.indexOf('&', at);
  return url.slice(at + name.length + 1, end === -1 ? url.length : end);
}

function answer(req, res, status, text, started) {
  res.writeHead(status, { 'content-type': TYPE, 'content-length': Buffer.byteLength(text) }).end(text);
  calls[callCount++ % calls.length] = { method: req.method, url: req.url, status, at: Date.now() };
  log += `  ${status} ${req.method} ${req.url} ${Math.round((performance.now() - started) * 10) / 10} ms\n`;
  if (!logScheduled) {
    logScheduled = true;
    setImmediate(flushLog);
  }
}

const server = createServer((req, res) => {
  const started = performance.now();
  const url = req.url;
  if (param(url, 'access_token') !== token) {
    req.resume();
    return answer(req, res, 400, '{"error":{"message":"Invalid OAuth access token.","code":190}}', started);
  }
  if (req.method === 'GET') {
    if (param(url, 'recipient') !== psid) return answer(req, res, 400, '{"error":{"code":100}}', started);
    return answer(req, res, 200, `{"data":[{"thread_owner":{"app_id":"${appId}","expiration":${expiration}}}]}`, started);
  }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return answer(req, res, 400, '{"error":{"code":100}}', started);
    }
    const to = body.recipient?.id;
    const text = body.message?.text;
    if (to !== psid || typeof text !== 'string') return answer(req, res, 400, '{"error":{"code":100}}', started);
    // Kept as the mock keeps it: the text, the time and a number; the id is made from the number for the answer.
    messages.push({ n: messages.length + 1, text, at: Date.now() });
    answer(req, res, 200, `{"recipient_id":"${psid}","message_id":"m_${messages.length.toString(36).padStart(12, '0')}"}`, started);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => writeSync(1, `graph floor on http://127.0.0.1:${server.address().port}\n`));
process.on('SIGINT', () => server.close(() => process.exit(0)) && server.closeAllConnections());
