/**
 * Headers never re-sent when a request is passed on (listen --endpoint) or replayed from a recording: hop-by-hop
 * headers (RFC 9110 §7.6.1) and those undici derives itself from the target URL and the body.
 */
export const NOT_RESENT: ReadonlySet<string> = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'host',
  'content-length',
  'expect',
]);
