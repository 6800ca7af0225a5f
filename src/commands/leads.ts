import { resolve } from 'node:path';
import type { ChalkInstance } from 'chalk';
import type { Deps } from '../cli/deps.js';
import { choiceFlag, intFlag } from '../cli/parse.js';
import { CheckFailedError, InputError } from '../errors.js';
import { writeFileAtomic } from '../fs/atomic.js';
import { leadsToCsv } from '../leads/csv.js';
import { fetchConversations } from '../leads/fetch.js';
import { extractLead, questionColumns, type Lead } from '../leads/history.js';
import { graphContext, psidFlag } from './graph-context.js';

export interface LeadsResult {
  page_id: string;
  conversations: number;
  leads: Lead[];
}

export const leadFormats = ['table', 'json', 'csv'] as const;

/** `lead-kit leads`: the answers of every lead out of the Conversations API, as a table, JSON or CSV. */
export async function runLeads(v: Record<string, unknown>, deps: Deps, config?: Readonly<Record<string, unknown>>): Promise<number> {
  // Instant Form leads (GET /{form-id}/leads, /{ad-id}/leads): src/commands/leads-form.ts.
  if (v.form !== undefined || v.ad !== undefined) return (await import('./leads-form.js')).runFormLeads(v, deps, config);
  const ctx = graphContext(v, deps, config);
  const format = v.json === true ? 'json' : choiceFlag('--format', v.format ?? 'table', leadFormats);
  const psid = v.psid === undefined ? undefined : psidFlag(v.psid);
  const rate = Number(v.rate ?? 2);
  if (!(rate > 0 && rate <= 100)) throw new InputError(`--rate "${String(v.rate)}" must be a number of calls per second from 0.1 to 100`);
  const limit = v.limit === undefined ? undefined : intFlag('--limit', v.limit, 1);

  // The Page's own id tells its questions from the person's answers; `me` is resolved once.
  const pageId = ctx.pageId === 'me' ? String(((await ctx.client.get('me', { fields: 'id' })) as { id?: unknown }).id ?? 'me') : ctx.pageId;
  const conversations = await fetchConversations(ctx.client, pageId, { ...(psid ? { psid } : {}), ratePerSecond: rate, ...(limit ? { limit } : {}), signal: deps.signal });
  const leads = conversations.map((c) => extractLead(c, pageId)).filter((l): l is Lead => l !== undefined);
  if (psid !== undefined && conversations.length === 0) {
    throw new CheckFailedError(`no Messenger conversation with PSID ${psid} on Page ${pageId}`, { hint: 'check the PSID (sender.id of a webhook from this Page) and --page-id' });
  }
  if (conversations.length === 0) deps.io.err.write(`no conversations found on Page ${pageId}\n`);
  else if (leads.length === 0) deps.io.err.write(`${conversations.length} conversation${conversations.length === 1 ? '' : 's'}, none with answered questions\n`);

  const result: LeadsResult = { page_id: pageId, conversations: conversations.length, leads };
  const text = format === 'json' ? JSON.stringify(result, null, 2) + '\n' : format === 'csv' ? leadsToCsv(leads) : renderLeads(result, deps.io.color);
  if (typeof v.out === 'string') {
    const file = resolve(deps.cwd, v.out);
    await writeFileAtomic(file, format === 'table' ? stripAnsi(text) : text);
    deps.io.err.write(`wrote ${leads.length} lead${leads.length === 1 ? '' : 's'} to ${v.out}\n`);
  } else {
    deps.io.out.write(text.endsWith('\n') ? text : text + '\n');
  }
  return deps.signal.aborted ? 130 : 0;
}

const stripAnsi = (s: string): string => s.replace(/\x1b\[[0-9;]*m/g, '');
const cell = (s: string, width: number): string => {
  const flat = s.replace(/\r?\n/g, ' ⏎ ');
  return flat.length > width ? flat.slice(0, width - 1) + '…' : flat;
};

/** One row per lead, one column per question (cells cut at 28 characters; JSON and CSV keep everything). */
export function renderLeads(r: LeadsResult, c: ChalkInstance): string {
  if (r.leads.length === 0) return c.dim(`no leads (${r.conversations} conversation${r.conversations === 1 ? '' : 's'} read)`);
  const questions = questionColumns(r.leads);
  const header = ['psid', 'name', 'status', ...questions];
  const rows = r.leads.map((l) => {
    const by = new Map(l.answers.map((a) => [a.question, a.answer]));
    return [l.psid, l.name ?? '', l.complete ? 'complete' : 'incomplete', ...questions.map((q) => by.get(q) ?? '')];
  });
  const widths = header.map((h, i) => Math.min(28, Math.max(cell(h, 28).length, ...rows.map((row) => cell(row[i] ?? '', 28).length))));
  const line = (cells: string[]): string => cells.map((x, i) => cell(x, 28).padEnd(widths[i]!)).join('  ').trimEnd();
  return [c.bold(line(header)), ...rows.map(line), c.dim(`${r.leads.length} lead${r.leads.length === 1 ? '' : 's'} from ${r.conversations} conversation${r.conversations === 1 ? '' : 's'} on Page ${r.page_id}`)].join('\n');
}
