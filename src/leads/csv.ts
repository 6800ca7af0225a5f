import { questionColumns, type Lead } from './history.js';

/** One RFC 4180 field: quoted when it holds a comma, a quote, CR or LF; quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** RFC 4180 text: CRLF line ends, a header row, one column per question. UTF-8, non-ASCII kept as is. */
export function leadsToCsv(leads: readonly Lead[]): string {
  const questions = questionColumns(leads);
  const header = ['psid', 'name', 'conversation_id', 'source', 'complete', 'created_time', ...questions];
  const rows = leads.map((l) => {
    const byQuestion = new Map(l.answers.map((a) => [a.question, a.answer]));
    return [
      l.psid,
      l.name ?? '',
      l.conversation_id,
      l.source,
      String(l.complete),
      l.created_time ?? '',
      ...questions.map((q) => byQuestion.get(q) ?? ''),
    ];
  });
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
