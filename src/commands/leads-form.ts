import { resolve } from 'node:path';
import type { ChalkInstance } from 'chalk';
import type { Deps } from '../io/deps.js';
import type { Outcome } from '../io/outcome.js';
import { writeOutput } from '../fs/atomic.js';
import { fetchFormLeads, fieldColumns, FORM_LEAD_HEADER, formLeadRow, formLeadsToCsv, type FormLead } from '../leads/forms.js';
import { graphContext, type GraphOptions } from './shared/graph.js';

export interface InstantFormLeads {
  form?: string;
  ad?: string;
  /** unix seconds: created at or after */
  since: number | undefined;
  /** unix seconds: created before */
  until: number | undefined;
}

/** What an Instant Form read needs of `lead-kit leads`' options. */
export interface FormLeadsOptions extends GraphOptions {
  format: 'table' | 'json' | 'csv';
  out: string | undefined;
  rate: number;
  limit: number | undefined;
}

export interface FormLeadsResult {
  form_id?: string;
  ad_id?: string;
  leads: FormLead[];
}

/** `lead-kit leads --form <id>` / `--ad <id>`: Instant Form leads as a table, JSON or CSV. */
export async function runFormLeads(o: FormLeadsOptions, f: InstantFormLeads, deps: Deps): Promise<Outcome> {
  const node = f.form ?? f.ad ?? '';
  const ctx = graphContext(o, deps);
  const { format, rate, limit } = o;
  const { since, until } = f;
  const leads = await fetchFormLeads(ctx.client, {
    node,
    ratePerSecond: rate,
    signal: deps.signal,
    ...(since === undefined ? {} : { since }),
    ...(until === undefined ? {} : { until }),
    ...(limit === undefined ? {} : { limit }),
  });
  const result: FormLeadsResult = { ...(f.form !== undefined ? { form_id: node } : { ad_id: node }), leads };
  if (leads.length === 0)
    deps.io.err.write(
      `no leads on ${f.form !== undefined ? 'form' : 'ad'} ${node}${since !== undefined || until !== undefined ? ' in that time range' : ''}\n`,
    );
  const text =
    format === 'json'
      ? JSON.stringify(result, null, 2) + '\n'
      : format === 'csv'
        ? formLeadsToCsv(leads)
        : renderFormLeads(result, deps.io.color) + '\n';
  // `--out -` and `--out /dev/stdout` mean stdout itself.
  if (o.out !== undefined && o.out !== '-' && o.out !== '/dev/stdout') {
    await writeOutput(resolve(deps.cwd, o.out), format === 'table' ? text.replace(/\x1b\[[0-9;]*m/g, '') : text, '--out', o.out);
    deps.io.err.write(`wrote ${leads.length} lead${leads.length === 1 ? '' : 's'} to ${o.out}\n`);
  } else deps.io.out.write(text);
  return deps.signal.aborted ? 'interrupted' : 'ok';
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
