/** SHA-256 through WebCrypto, which exists in browsers, workers and Node ≥ 20 alike. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  // subtle.digest rejects views over a SharedArrayBuffer: copy only in that case.
  const view = bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
  const digest = await globalThis.crypto.subtle.digest('SHA-256', view);
  let hex = '';
  for (const b of new Uint8Array(digest)) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/** SHA-256 of several byte arrays read back to back (one file's parts, or several files in name order). */
export async function sha256OfParts(parts: Uint8Array[]): Promise<string> {
  if (parts.length === 1) return sha256Hex(parts[0]);
  let total = 0;
  for (const p of parts) total += p.byteLength;
  const all = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.byteLength;
  }
  return sha256Hex(all);
}
