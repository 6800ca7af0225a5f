/** One readable line per event in a webhook body: kind, PSID, apps, metadata or answers. */
export function describeEvent(body: Buffer | string | unknown): string {
  let value: unknown = body;
  if (Buffer.isBuffer(body) || typeof body === 'string') {
    try {
      value = JSON.parse(body.toString());
    } catch {
      return 'not JSON';
    }
  }
  const entries = (value as { entry?: unknown[] } | null)?.entry;
  if (!Array.isArray(entries)) return 'not a Messenger webhook (no entry[])';
  const parts: string[] = [];
  for (const entry of entries as Array<Record<string, unknown>>) {
    for (const channel of ['messaging', 'standby'] as const) {
      const events = entry[channel];
      if (!Array.isArray(events)) continue;
      for (const ev of events as Array<Record<string, unknown>>) parts.push((channel === 'standby' ? '[standby] ' : '') + describeOne(ev));
    }
    // Page `changes[]` (Instant Form leadgen): ids only.
    const changes = entry.changes;
    if (Array.isArray(changes)) {
      for (const c of changes as Array<{ field?: unknown; value?: Record<string, unknown> }>) {
        parts.push(
          `${str(c.field)} lead ${str(c.value?.leadgen_id)} (form ${str(c.value?.form_id)}${c.value?.ad_id === undefined ? ', organic' : `, ad ${str(c.value.ad_id)}`})`,
        );
      }
    }
  }
  return parts.length ? parts.join('; ') : 'no events';
}

/** Each event of a webhook body with where it sits: `entry[0].messaging[1] lead summary (…)`. */
export function describeEvents(body: Buffer | string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(body.toString());
  } catch {
    return [];
  }
  const entries = (value as { entry?: unknown[] } | null)?.entry;
  if (!Array.isArray(entries)) return [];
  const out: string[] = [];
  entries.forEach((entry, i) => {
    for (const channel of ['messaging', 'standby'] as const) {
      const events = (entry as Record<string, unknown> | null)?.[channel];
      if (Array.isArray(events))
        events.forEach((ev, j) => out.push(`entry[${i}].${channel}[${j}] ${describeOne(ev as Record<string, unknown>)}`));
    }
  });
  return out;
}

function str(v: unknown): string {
  return v === null ? 'none' : String(v);
}

function clip(s: string, n = 60): string {
  const flat = s.replace(/\n/g, ' ⏎ ');
  return flat.length > n ? flat.slice(0, n - 1) + '…' : flat;
}

function describeOne(ev: Record<string, unknown>): string {
  const psid = (ev.sender as { id?: string } | undefined)?.id ?? '?';
  const who = `psid ${psid}`;
  for (const action of ['pass_thread_control', 'take_thread_control'] as const) {
    const h = ev[action] as Record<string, unknown> | undefined;
    if (h)
      return `${action} ${str(h.previous_owner_app_id)} → ${str(h.new_owner_app_id)}${h.metadata ? ` (${String(h.metadata)})` : ''}, ${who}`;
  }
  const req = ev.request_thread_control as Record<string, unknown> | undefined;
  if (req) return `request_thread_control by ${str(req.requested_owner_app_id)}, ${who}`;
  const ref = ev.referral as Record<string, unknown> | undefined;
  if (ref) {
    const data = (ev.lead as { data?: Array<{ question: string; answer: string }> } | undefined)?.data;
    if (data)
      return `${String(ref.type)} ad ${str(ref.ad_id)}, ${who}: ${clip(data.map((d) => `${d.question} ${d.answer}`).join(' | '), 120)}`;
    return `referral ${String(ref.type)} ${String(ref.source)}${ref.ad_id ? ` ad ${String(ref.ad_id)}` : ''}, ${who}`;
  }
  const msg = ev.message as Record<string, unknown> | undefined;
  if (msg) {
    const text = typeof msg.text === 'string' ? msg.text : '';
    if (text.startsWith('Lead summary:')) {
      const hop = ev.hop_context as { metadata?: string } | undefined;
      return `lead summary (${text.split('\n').length - 1} answers${hop?.metadata ? `, ${hop.metadata}` : ''}), ${who}`;
    }
    const qr = (msg.quick_reply as { payload?: string } | undefined)?.payload;
    return `message "${clip(text)}"${qr ? ` quick_reply ${qr}` : ''}${msg.is_echo ? ' (echo)' : ''}, ${who}`;
  }
  const pb = ev.postback as Record<string, unknown> | undefined;
  if (pb) return `postback "${clip(String(pb.title ?? ''))}"${pb.payload !== undefined ? ` payload ${String(pb.payload)}` : ''}, ${who}`;
  return `event with ${
    Object.keys(ev)
      .filter((k) => !['sender', 'recipient', 'timestamp'].includes(k))
      .join(', ') || 'no content'
  }, ${who}`;
}
