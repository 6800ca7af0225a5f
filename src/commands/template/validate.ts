import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ChalkInstance } from 'chalk';
import type { Deps } from '../../io/deps.js';
import type { Outcome } from '../../io/outcome.js';
import { emit, reportError } from '../../io/output.js';
import { UsageError } from '../../errors.js';
import { countBySeverity, type Problem, type Severity } from '../../template/problems.js';
import type { ConnectedApps } from '../../template/rules.js';
import { validateTemplateBytes, type ValidateOptions } from '../../template/validate.js';

export interface FileReport {
  file: string;
  ok: boolean;
  problems: Problem[];
}

export interface ValidateReport {
  files: FileReport[];
}

/** `lead-kit template validate`, fully resolved by the wiring. */
export interface TemplateValidateOptions {
  /** template files; - is stdin */
  files: string[];
  json: boolean;
  /** warnings fail too */
  strict: boolean;
  lenientStrings: boolean;
  /** check receiving_app_id against the apps connected to this Page (with a token) */
  pageId: string | undefined;
  token: string | undefined;
  graphUrl: string;
  apiVersion: string;
  /** the config file's apps, checked against when there is no Page to ask */
  apps: Array<{ id: string; name?: string }> | undefined;
  debug: boolean;
}

const STDIN = '<stdin>';

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

const readError = (err: unknown): string => {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file — check the path';
  if (code === 'EISDIR') return 'is a directory — pass the JSON files inside it (e.g. dir/*.json)';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied — check the file permissions';
  return `${code ?? (err as Error).message} — check the path`;
};

/** Which apps the receiving_app_id is checked against: the Page (with a token), else the config's list. */
async function connectedApps(
  s: TemplateValidateOptions,
  deps: Pick<Deps, 'dispatcher' | 'signal' | 'io'>,
): Promise<Pick<ValidateOptions, 'connected' | 'connectedUnavailable'>> {
  if (s.pageId !== undefined && s.token !== undefined && s.token !== '') {
    // the Graph client (and undici) load only when the check runs
    const { fetchConnectedApps } = await import('../../template/connected.js');
    const connected = await fetchConnectedApps({
      pageId: s.pageId,
      token: s.token,
      graphUrl: s.graphUrl,
      apiVersion: s.apiVersion,
      ...(deps.dispatcher === undefined ? {} : { dispatcher: deps.dispatcher }),
      signal: deps.signal,
      ...(s.debug ? { debug: (line: string) => deps.io.err.write(line + '\n') } : {}),
    });
    return { connected };
  }
  if (s.apps !== undefined && s.apps.length > 0) return { connected: { source: 'config', apps: s.apps } satisfies ConnectedApps };
  return { connectedUnavailable: s.pageId === undefined ? 'no --page-id' : 'no token' };
}

/**
 * `lead-kit template validate <file…>`: validates each file (`-` is stdin), prints the problems and a summary.
 * ok: all valid (warnings allowed unless `strict`); checkFailed: any error; usage: a file that cannot be read
 * (said on stderr, one line per file) or is nested deeper than lead-kit reads.
 */
export async function runTemplateValidate(s: TemplateValidateOptions, deps: Deps): Promise<Outcome> {
  const { files } = s;
  if (files.length === 0) throw new UsageError('no template files given', { hint: 'pass one or more JSON files, or - to read stdin' });
  if (files.filter((f) => f === '-').length > 1) throw new UsageError('- (stdin) can be given only once');
  const opts: ValidateOptions = { lenientStrings: s.lenientStrings === true, ...(await connectedApps(s, deps)) };
  const report: ValidateReport = { files: [] };
  let unreadable = false;
  for (const file of files) {
    const name = file === '-' ? STDIN : file;
    let bytes: Buffer;
    try {
      if (file === '-' && deps.stdin.isTTY === true) deps.io.err.write('reading a template from stdin (end with Ctrl-D)…\n');
      // One file after another, synchronously: a promise-based read costs several times the CPU per small file.
      bytes = file === '-' ? await readAll(deps.stdin) : readFileSync(resolve(deps.cwd, file));
    } catch (err) {
      unreadable = true;
      reportError(deps.io, { code: 'INPUT', message: `cannot read ${name}: ${readError(err)}` });
      continue;
    }
    const { problems, refused } = validateTemplateBytes(bytes, opts);
    if (refused === true) unreadable = true;
    const c = countBySeverity(problems);
    report.files.push({ file: name, ok: c.error === 0 && (!s.strict || c.warning === 0), problems });
  }
  if (report.files.length > 0 || !unreadable) emit(deps.io, s.json, report, (r, color) => renderReport(r, color, s.strict));
  if (unreadable) return 'usage';
  return report.files.every((f) => f.ok) ? 'ok' : 'checkFailed';
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function counts(c: Record<Severity, number>): string {
  const parts = [
    c.error > 0 ? plural(c.error, 'error') : '',
    c.warning > 0 ? plural(c.warning, 'warning') : '',
    c.note > 0 ? plural(c.note, 'note') : '',
  ];
  return parts.filter((p) => p !== '').join(', ');
}

/** `file:line:col: severity: $.path: message` lines under a ✓/✗ line per file, then a summary line. */
export function renderReport(r: ValidateReport, color: ChalkInstance, strict: boolean): string {
  const paint: Record<Severity, (s: string) => string> = { error: color.red, warning: color.yellow, note: color.cyan };
  const lines: string[] = [];
  for (const f of r.files) {
    const c = countBySeverity(f.problems);
    const tally = counts(c);
    lines.push(`${f.ok ? color.green('✓') : color.red('✗')} ${f.file}${tally === '' ? '' : color.dim(` (${tally})`)}`);
    for (const p of f.problems) {
      const where = p.line === null ? f.file : `${f.file}:${p.line}:${p.column ?? 1}`;
      lines.push(`  ${where}: ${paint[p.severity](p.severity)}: ${p.path === '$' ? '' : `${p.path}: `}${p.message}`);
    }
  }
  const all = countBySeverity(r.files.flatMap((f) => f.problems));
  const bad = r.files.filter((f) => !f.ok).length;
  const tally = counts(all);
  const n = r.files.length;
  lines.push(
    bad === 0
      ? color.green(`✓ ${n === 1 ? '1 template valid' : `all ${n} templates valid`}`) + (tally === '' ? '' : ` (${tally})`)
      : color.red(`✗ ${bad} of ${plural(n, 'template')} invalid`) +
          ` (${tally}${strict && all.warning > 0 ? '; --strict: warnings fail' : ''})`,
  );
  return lines.join('\n');
}
