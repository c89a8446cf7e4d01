import { gunzipSync } from 'fflate';
import { DatasetError } from './errors';

/** Whether the bytes start with the gzip magic number 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** The bytes, gunzipped when they are gzip. */
export function maybeGunzip(bytes: Uint8Array, what: string): Uint8Array {
  if (!isGzip(bytes)) return bytes;
  try {
    return gunzipSync(bytes);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new DatasetError(
      `The ${what} starts like a gzip file but cannot be unpacked (${detail}). It is probably truncated: download or copy it again.`,
    );
  }
}
