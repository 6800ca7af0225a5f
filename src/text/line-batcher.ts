/**
 * Collects the lines a server logs while it is busy and hands them to `write` together, once per turn of the
 * event loop. A terminal or a pipe takes each write synchronously, so under load one write per request costs more
 * than the request's own work; the lines keep their order and reach the writer within the same turn.
 */
export interface LineBatcher {
  /** queues one line (without its newline) */
  line(text: string): void;
  /** writes whatever is queued now */
  flush(): void;
}

export function createLineBatcher(out: { write(s: string): unknown }): LineBatcher {
  let queued = '';
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    if (queued === '') return;
    const text = queued;
    queued = '';
    out.write(text);
  };
  return {
    line(text) {
      queued += text + '\n';
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}
