/** A secret value and what is shown in its place, e.g. `<PAGE_ACCESS_TOKEN>`. */
export interface Secret {
  value: string;
  placeholder: string;
}

const forms = new Map<string, string[]>();

/**
 * The forms a secret can take in lead-kit's output: as it is, JSON-escaped (also with `\/`, as Meta's serializer
 * writes), URL-encoded (a query string) and form-encoded (`+` for spaces), longest first.
 */
export function encodedForms(value: string): string[] {
  let out = forms.get(value);
  if (out === undefined) {
    const json = JSON.stringify(value).slice(1, -1);
    const all = [value, json, json.replace(/\//g, '\\/'), encodeURIComponent(value), new URLSearchParams({ v: value }).toString().slice(2)];
    out = [...new Set(all)].sort((a, b) => b.length - a.length);
    if (forms.size > 100) forms.clear();
    forms.set(value, out);
  }
  return out;
}

/** `text` with every secret, in every encoding the output uses (see encodedForms), replaced by its placeholder. */
export function redact(text: string, secrets: readonly Secret[]): string {
  let out = text;
  for (const s of secrets) {
    for (const form of encodedForms(s.value)) if (out.includes(form)) out = out.split(form).join(s.placeholder);
  }
  return out;
}
