import { resolve } from 'node:path';
import type { ChalkInstance } from 'chalk';
import type { Deps } from '../cli/deps.js';
import { choiceFlag, intFlag } from '../cli/parse.js';
import { InputError, UsageError } from '../errors.js';
import { writeFileAtomic } from '../fs/atomic.js';
import { fetchFormLeads, fieldColumns, FORM_LEAD_HEADER, formLeadRow, formLeadsToCsv, type FormLead } from '../leads/forms.js';
import { graphContext } from './graph-context.js';

export interface FormLeadsResult {
  form_id?: string;
  ad_id?: string;
  leads: FormLead[];
}

/** `--since` / `--until`: unix seconds, or an ISO 8601 date. */
export function timeFlag(flag: string, raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  const s = String(raw).trim();
  if (/^\d{9,11}$/.test(s)) return Number(s);
  const ms = /^\d{4}-\d{2}-\d{2}/.test(s) ? Date.parse(s) : NaN;
  if (Number.isNaN(ms))
    throw new UsageError(`${flag} "${s}" is not a date`, { hint: `write it as 2026-11-01, 2026-11-01T10:00:00Z or unix seconds` });
  return Math.floor(ms / 1000);
}

/** `lead-kit leads --form <id>` / `--ad <id>`: Instant Form leads as a table, JSON or CSV. */
export async function runFormLeads(v: Record<string, unknown>, deps: Deps, config?: Readonly<Record<string, unknown>>): Promise<number> {
  if (v.form !== undefined && v.ad !== undefined)
    throw new UsageError('--form and --ad are two ways to choose leads: pass one', {
      hint: 'a form holds every lead of the ads that use it',
    });
  const node = String(v.form ?? v.ad);
  if (!/^\d+$/.test(node)) throw new UsageError(`${v.form !== undefined ? '--form' : '--ad'} "${node}" is not a numeric id`);
  if (v.psid !== undefined) throw new UsageError('--psid reads Messenger conversations; it does not apply to --form / --ad');
  const ctx = graphContext(v, deps, config);
  const format = v.json === true ? 'json' : choiceFlag('--format', v.format ?? 'table', ['table', 'json', 'csv'] as const);
  const rate = Number(v.rate ?? 2);
  if (!(rate > 0 && rate <= 100)) throw new InputError(`--rate "${String(v.rate)}" must be a number of calls per second from 0.1 to 100`);
  const since = timeFlag('--since', v.since);
  const until = timeFlag('--until', v.until);
  if (since !== undefined && until !== undefined && since >= until) throw new UsageError('--since must be before --until');
  const limit = v.limit === undefined ? undefined : intFlag('--limit', v.limit, 1);
  const leads = await fetchFormLeads(ctx.client, {
    node,
    ratePerSecond: rate,
    signal: deps.signal,
    ...(since === undefined ? {} : { since }),
    ...(until === undefined ? {} : { until }),
    ...(limit === undefined ? {} : { limit }),
  });
  const result: FormLeadsResult = { ...(v.form !== undefined ? { form_id: node } : { ad_id: node }), leads };
  if (leads.length === 0)
    deps.io.err.write(
      `no leads on ${v.form !== undefined ? 'form' : 'ad'} ${node}${since !== undefined || until !== undefined ? ' in that time range' : ''}\n`,
    );
  const text =
    format === 'json'
      ? JSON.stringify(result, null, 2) + '\n'
      : format === 'csv'
        ? formLeadsToCsv(leads)
        : renderFormLeads(result, deps.io.color) + '\n';
  if (typeof v.out === 'string') {
    await writeFileAtomic(resolve(deps.cwd, v.out), format === 'table' ? text.replace(/\x1b\[[0-9;]*m/g, '') : text);
    deps.io.err.write(`wrote ${leads.length} lead${leads.length === 1 ? '' : 's'} to ${v.out}\n`);
  } else deps.io.out.write(text);
  return deps.signal.aborted ? 130 : 0;
}

const cut = (s: string, w: number): string => (s.length > w ? s.slice(0, w - 1) + '…' : s);

/** One row per lead, one column per field name (cells cut at 28 characters; JSON and CSV keep everything). */
export function renderFormLeads(r: FormLeadsResult, c: ChalkInstance): string {
  const where = r.form_id !== undefined ? `form ${r.form_id}` : `ad ${r.ad_id ?? ''}`;
  if (r.leads.length === 0) return c.dim(`no leads on ${where}`);
  const columns = fieldColumns(r.leads);
  const header = [...FORM_LEAD_HEADER, ...columns];
  const rows = r.leads.map((l) => formLeadRow(l, columns));
  const widths = header.map((h, i) => Math.min(28, Math.max(h.length, ...rows.map((row) => cut(row[i] ?? '', 28).length))));
  const line = (cells: readonly string[]): string =>
    cells
      .map((x, i) => cut(x, 28).padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [c.bold(line(header)), ...rows.map(line), c.dim(`${r.leads.length} lead${r.leads.length === 1 ? '' : 's'} on ${where}`)].join(
    '\n',
  );
}
