import type { Answer } from '../webhooks/build.js';

const HEADER = 'Lead summary:';

/**
 * Parses a lead summary text (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing/messenger-lead-ads: `Lead summary:\n<question>: <answer>\n…`) into answers.
 *
 * The format is ambiguous: questions may contain ": " and answers may span lines. With `knownQuestions`
 * (e.g. the questions the Leadgen app asked in the conversation) each item starts where a known question
 * followed by ": " starts a line, longest question first. Without them an item starts at the first "?: " of a
 * line (questions end with "?"); when no line has one, at the first ": ". Other lines continue the previous
 * answer. Returns undefined when the text is not a lead summary.
 */
export function parseSummary(text: string, knownQuestions: readonly string[] = []): Answer[] | undefined {
  if (!text.startsWith(HEADER)) return undefined;
  // The older HOP page renders the separators as spaces; only the \n form can be parsed reliably.
  const lines = text
    .slice(HEADER.length)
    .replace(/^\r?\n/, '')
    .split(/\r?\n/);
  if (lines.length === 1 && lines[0] === '') return [];
  const known = [...knownQuestions].sort((a, b) => b.length - a.length);
  const anyQuestionMark = lines.some((l) => l.includes('?: '));
  const start = (line: string): Answer | undefined => {
    for (const q of known) if (line.startsWith(`${q}: `) || line === `${q}:`) return { question: q, answer: line.slice(q.length + 2) };
    if (known.length > 0 && lines.some((l) => known.some((q) => l.startsWith(`${q}: `)))) return undefined;
    const sep = anyQuestionMark ? line.indexOf('?: ') + 1 : line.indexOf(': ');
    if (sep <= 0) return undefined;
    return { question: line.slice(0, sep), answer: line.slice(sep + 2) };
  };
  const out: Answer[] = [];
  for (const line of lines) {
    const item = start(line);
    if (item) out.push(item);
    else if (out.length > 0) out[out.length - 1]!.answer += `\n${line}`;
    else out.push({ question: line, answer: '' });
  }
  return out;
}
