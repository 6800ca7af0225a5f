const pad = (n: number): string => String(n).padStart(2, '0');

/** `2026-11-21 13:12:00 UTC+01:00` in the machine's local time zone. */
export function localTime(d: Date): string {
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())} UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** A duration as people say it: `45 s`, `12 min`, `3 h 12 min`, `2 d 4 h` (rounded down). */
export function duration(seconds: number): string {
  const s = Math.floor(Math.abs(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86_400) {
    const m = Math.floor((s % 3600) / 60);
    return `${Math.floor(s / 3600)} h${m ? ` ${m} min` : ''}`;
  }
  const h = Math.floor((s % 86_400) / 3600);
  return `${Math.floor(s / 86_400)} d${h ? ` ${h} h` : ''}`;
}

/** `in 3 h 12 min` for the future, `5 min ago` for the past. */
export function relative(seconds: number): string {
  return seconds >= 0 ? `in ${duration(seconds)}` : `${duration(seconds)} ago`;
}
