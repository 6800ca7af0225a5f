import type { Deps } from '../cli/deps.js';
import { choiceFlag, intFlag } from '../cli/parse.js';
import { AuthError, ConnectError, UsageError } from '../errors.js';
import { deliver, webhookHeaders } from '../webhooks/deliver.js';
import type { WebhookKind } from '../webhooks/flow.js';
import { bodyEncodings, serializeBody } from '../webhooks/serialize.js';
import { parseEndpoint, resolveLeadInput, type LeadFlags } from './lead-input.js';
import { apiVersion } from './simulate-run.js';
import { applySets, buildWebhook, DEFAULT_MESSAGE_TEXT, envelopeProblems, renderSend, webhookKinds, type SendReport } from './webhook.js';
import { buildLeadgenWebhook, isLeadgenKind, leadgenKinds, leadgenProblems, leadgenWebhookOptions } from './webhook-leadgen.js';

/** `lead-kit webhook <kind>`: print one payload, or deliver it signed with --send. Returns the exit code. */
export async function runWebhook(kindArg: string, v: Record<string, unknown>, deps: Deps): Promise<number> {
  if (!(webhookKinds as readonly string[]).includes(kindArg) && !isLeadgenKind(kindArg)) {
    throw new UsageError(`unknown webhook kind "${kindArg}"`, { hint: `use one of ${[...webhookKinds, ...leadgenKinds].join(', ')}` });
  }
  const kind = kindArg as WebhookKind;
  const lead = await resolveLeadInput(v as LeadFlags, deps.cwd, deps.now().getTime());
  // Instant Form kinds (the Page `leadgen` field) have their own builder and schema: src/commands/webhook-leadgen.ts.
  const leadgen = isLeadgenKind(kindArg);
  const body = leadgen ? buildLeadgenWebhook(kindArg, lead, leadgenWebhookOptions(v)) : buildWebhook(kind, lead, {
    outcome: choiceFlag('--outcome', v.outcome ?? 'complete', ['complete', 'incomplete'] as const),
    text: typeof v.text === 'string' ? v.text : DEFAULT_MESSAGE_TEXT,
    ...(typeof v.quickReply === 'string' ? { quickReply: v.quickReply } : {}),
    title: typeof v.title === 'string' ? v.title : 'Get Started',
    payload: typeof v.payload === 'string' ? v.payload : 'GET_STARTED',
    ...(typeof v.ref === 'string' ? { ref: v.ref } : {}),
    of: choiceFlag('--of', v.of ?? 'message', ['message', 'postback'] as const),
    set: (v.set as string[] | undefined) ?? [],
  });
  if (leadgen) applySets(body, (v.set as string[] | undefined) ?? []);
  // Overrides may build a payload Meta would never send, on purpose; say so instead of refusing.
  for (const p of leadgen ? leadgenProblems(body) : envelopeProblems(body)) deps.io.err.write(deps.io.errColor.yellow(`warning: the payload no longer matches Meta's webhook shape: ${p}\n`));
  const encoding = choiceFlag('--body-encoding', v.bodyEncoding, bodyEncodings);
  const bytes = serializeBody(body, encoding);

  if (v.send === undefined) {
    deps.io.out.write(v.raw === true ? bytes.toString('utf8') + '\n' : JSON.stringify(body, null, 2) + '\n');
    return 0;
  }
  const url = parseEndpoint('--send', String(v.send)).toString();
  if (typeof v.appSecret !== 'string' || v.appSecret === '') {
    throw new AuthError('an app secret is needed to sign the delivery', { hint: 'pass --app-secret or set LEAD_KIT_APP_SECRET' });
  }
  const headers = webhookHeaders(bytes, v.appSecret, { legacySignature: v.legacySignature !== false, apiVersion: apiVersion(v.apiVersion) });
  const o = await deliver({ url, body: bytes, headers, timeoutMs: intFlag('--timeout', v.timeout, 1), dispatcher: deps.dispatcher, signal: deps.signal });
  if (o.failure === 'connect') throw new ConnectError(`cannot reach ${url} (${o.reason ?? ''})`, { hint: 'start your app first, or check the host and port in --send' });
  if (o.failure === 'aborted') return 130;
  const report: SendReport = { kind, url, status: o.status, ms: o.ms, ok: o.ok, response: o.bodySnippet, ...(o.reason !== undefined ? { reason: o.reason } : {}) };
  deps.io.out.write(v.json === true ? JSON.stringify(report, null, 2) + '\n' : renderSend(report, deps.io.color) + '\n');
  return o.ok ? 0 : o.failure === 'timeout' ? 3 : 1;
}
