// Reading a response body with a byte limit as it streams: a server can send a body that never ends, or lie in
// Content-Length; the limit holds either way, and the read stops the moment it is passed.

/** The body's bytes, or `tooLarge()` thrown as soon as more than `maxBytes` arrived. */
export async function readBounded(res: Response, maxBytes: number, tooLarge: () => Error): Promise<Uint8Array> {
  if (!res.body) return new Uint8Array();
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    parts.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return bytes;
}
