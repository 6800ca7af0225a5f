/** A secret value and what is shown in its place, e.g. `<PAGE_ACCESS_TOKEN>`. */
export interface Secret {
  value: string;
  placeholder: string;
}

/** `text` with every secret, and its URL-encoded form (as in a query string), replaced by its placeholder. */
export function redact(text: string, secrets: readonly Secret[]): string {
  let out = text;
  for (const s of secrets) {
    if (out.includes(s.value)) out = out.split(s.value).join(s.placeholder);
    const encoded = encodeURIComponent(s.value);
    if (encoded !== s.value && out.includes(encoded)) out = out.split(encoded).join(s.placeholder);
  }
  return out;
}
