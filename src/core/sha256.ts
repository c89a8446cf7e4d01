/**
 * SHA-256 as lowercase hex through Web Crypto, which Node 20, browsers and workers all provide as
 * `globalThis.crypto.subtle`. Several byte arrays are hashed as if concatenated.
 */
export async function sha256Hex(bytes: Uint8Array | Uint8Array[]): Promise<string> {
  const parts = Array.isArray(bytes) ? bytes : [bytes];
  const whole = parts.length === 1 ? parts[0] : concatBytes(parts);
  const digest = await globalThis.crypto.subtle.digest('SHA-256', asArrayBufferView(whole));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function concatBytes(parts: Uint8Array[]): Uint8Array {
  const total = parts.reduce((sum, p) => sum + p.byteLength, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return out;
}

/** subtle.digest refuses views of a SharedArrayBuffer; copy those. */
function asArrayBufferView(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
}
