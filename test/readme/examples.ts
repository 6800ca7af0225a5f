/**
 * The command examples of README.md, as a reader sees them: every fenced `sh` block, one example per command
 * (backslash continuations joined), with the comment that follows it on its line.
 *
 * Conventions a README line can use in its comment:
 * - `# needs Meta` / `# needs a terminal` / `# needs your endpoint`: shown to readers, not run by the test;
 * - `# exits N …`: the exit code the example is documented to end with (default 0).
 */
export interface Example {
  /** 1-based README line where the example starts */
  line: number;
  /** index of its `sh` block, 1-based */
  block: number;
  /** the command as a shell would read it, without its trailing comment */
  command: string;
  comment: string;
  /** ends in `&`: a server the following examples of the block talk to */
  background: boolean;
  /** why the test does not run it (undefined: it runs) */
  skip?: string;
  expectExit: number;
}

const SKIP_MARKERS = /#.*\bneeds (Meta|a terminal|your endpoint)\b/;

/** Splits a shell line into command and trailing comment (a `#` outside quotes, after whitespace). */
export function splitComment(line: string): { command: string; comment: string } {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i += 1;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) {
      return { command: line.slice(0, i).trimEnd(), comment: line.slice(i + 1).trim() };
    }
  }
  return { command: line.trimEnd(), comment: '' };
}

/** Every example of every `sh` block, in README order. */
export function readmeExamples(readme: string): Example[] {
  const lines = readme.split('\n');
  const out: Example[] = [];
  let block = 0;
  let inSh = false;
  let pending: { line: number; parts: string[]; comments: string[] } | null = null;
  lines.forEach((text, i) => {
    if (!inSh) {
      if (/^```sh\s*$/.test(text)) {
        inSh = true;
        block += 1;
      }
      return;
    }
    if (/^```\s*$/.test(text)) {
      inSh = false;
      return;
    }
    if (text.trim() === '' || text.trim().startsWith('#')) return;
    const { command, comment } = splitComment(text);
    const cont = command.endsWith('\\');
    pending ??= { line: i + 1, parts: [], comments: [] };
    pending.parts.push(cont ? command.slice(0, -1).trim() : command.trim());
    if (comment) pending.comments.push(comment);
    if (cont) return;
    // `npm install && npx lead-kit …`: the install is what this checkout already did.
    const joined = pending.parts.join(' ').replace(/^npm (install|ci) && /, '');
    const commentText = pending.comments.join(' ');
    const background = /&$/.test(joined) && !/&&$/.test(joined);
    const exit = /\bexits? (\d+)\b/.exec(commentText);
    out.push({
      line: pending.line,
      block,
      command: background ? joined.slice(0, -1).trim() : joined,
      comment: commentText,
      background,
      skip: skipReason(joined, '# ' + commentText),
      expectExit: exit ? Number(exit[1]) : 0,
    });
    pending = null;
  });
  return out;
}

function skipReason(command: string, comment: string): string | undefined {
  const marker = SKIP_MARKERS.exec(comment);
  if (marker) return `marked "needs ${marker[1]}"`;
  if (/^npm (test|run|ci|install)\b(?!.*&&)/.test(command)) return 'npm itself (this suite is what `npm test` runs)';
  const remote = /https?:\/\/(?!127\.0\.0\.1[:/]|localhost[:/])[^\s"'/]+/.exec(command);
  if (remote) return `reaches beyond 127.0.0.1 (${remote[0]})`;
  return undefined;
}
