import { resolve } from 'node:path';
import type { ChalkInstance } from 'chalk';
import type { Deps } from '../io/deps.js';
import type { Outcome } from '../io/outcome.js';
import { CheckFailedError } from '../errors.js';
import { writeOutput } from '../fs/atomic.js';
import { leadsToCsv } from '../leads/csv.js';
import { fetchConversations } from '../leads/fetch.js';
import { extractLeads, questionColumns, type Lead } from '../leads/history.js';
import type { InstantFormLeads } from './leads-form.js';
import { graphContext, type GraphOptions } from './shared/graph.js';

export interface LeadsResult {
  page_id: string;
  conversations: number;
  leads: Lead[];
}

export const leadFormats = ['table', 'json', 'csv'] as const;
export type LeadFormat = (typeof leadFormats)[number];

export interface LeadsOptions extends GraphOptions {
  /** only the conversation with this person */
  psid: string | undefined;
  /** table, json or csv (--json is --format json) */
  format: LeadFormat;
  /** write here (atomically) instead of stdout */
  out: string | undefined;
  /** conversations calls per second */
  rate: number;
  /** stop after this many conversations (Instant Form: leads) */
  limit: number | undefined;
  /** Instant Form leads of a form or an ad instead of Messenger conversations */
  instantForm: InstantFormLeads | undefined;
}

/** `lead-kit leads`: the answers of every lead out of the Conversations API, as a table, JSON or CSV. */
export async function runLeads(o: LeadsOptions, deps: Deps): Promise<Outcome> {
  // Instant Form leads (GET /{form-id}/leads, /{ad-id}/leads): src/commands/leads-form.ts.
  if (o.instantForm !== undefined) return (await import('./leads-form.js')).runFormLeads(o, o.instantForm, deps);
  const ctx = graphContext(o, deps);
  const { format, psid, rate, limit } = o;

  // The Page's own id tells its questions from the person's answers; `me` is resolved once.
  const pageId = ctx.pageId === 'me' ? String(((await ctx.client.get('me', { fields: 'id' })) as { id?: unknown }).id ?? 'me') : ctx.pageId;
  const conversations = await fetchConversations(ctx.client, pageId, {
    ...(psid ? { psid } : {}),
    ratePerSecond: rate,
    ...(limit ? { limit } : {}),
    signal: deps.signal,
  });
  const leads = extractLeads(conversations, pageId);
  if (psid !== undefined && conversations.length === 0) {
    throw new CheckFailedError(`no Messenger conversation with PSID ${psid} on Page ${pageId}`, {
      hint: 'check the PSID (sender.id of a webhook from this Page) and --page-id',
    });
  }
  if (conversations.length === 0) deps.io.err.write(`no conversations found on Page ${pageId}\n`);
  else if (leads.length === 0)
    deps.io.err.write(`${conversations.length} conversation${conversations.length === 1 ? '' : 's'}, none with answered questions\n`);

  const result: LeadsResult = { page_id: pageId, conversations: conversations.length, leads };
  const text =
    format === 'json' ? JSON.stringify(result, null, 2) + '\n' : format === 'csv' ? leadsToCsv(leads) : renderLeads(result, deps.io.color);
  // `--out -` and `--out /dev/stdout` mean stdout itself (whatever it is: a terminal, a pipe or a socket).
  if (o.out !== undefined && o.out !== '-' && o.out !== '/dev/stdout') {
    const file = resolve(deps.cwd, o.out);
    await writeOutput(file, format === 'table' ? stripAnsi(text) : text, '--out', o.out);
    deps.io.err.write(`wrote ${leads.length} lead${leads.length === 1 ? '' : 's'} to ${o.out}\n`);
  } else {
    deps.io.out.write(text.endsWith('\n') ? text : text + '\n');
  }
  return deps.signal.aborted ? 'interrupted' : 'ok';
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
  const line = (cells: string[]): string =>
    cells
      .map((x, i) => cell(x, 28).padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [
    c.bold(line(header)),
    ...rows.map(line),
    c.dim(
      `${r.leads.length} lead${r.leads.length === 1 ? '' : 's'} from ${r.conversations} conversation${r.conversations === 1 ? '' : 's'} on Page ${r.page_id}`,
    ),
  ].join('\n');
}
