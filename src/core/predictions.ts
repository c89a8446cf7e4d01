import type { Json } from './types';

/**
 * Per-sample predicted classes, kept with a run so two runs on the same rows can be compared
 * sample by sample. Stored as base64 bytes rather than a JSON array: a 200,000-element array
 * costs a long main-thread task every time the run is cloned (worker → page → IndexedDB).
 */
export interface EncodedPredictions {
  encoding: 'base64-uint8' | 'base64-uint16';
  count: number;
  data: string;
  [key: string]: Json;
}

export function encodePredictions(classes: ArrayLike<number>, classCount: number): EncodedPredictions {
  const wide = classCount > 256;
  const bytes = wide ? new Uint8Array(Uint16Array.from(classes).buffer) : Uint8Array.from(classes);
  return { encoding: wide ? 'base64-uint16' : 'base64-uint8', count: classes.length, data: toBase64(bytes) };
}

/** The predicted classes, or null when `value` is not encoded predictions. */
export function decodePredictions(value: unknown): Int32Array | null {
  const p = value as Partial<EncodedPredictions> | null;
  if (!p || typeof p !== 'object' || typeof p.data !== 'string' || typeof p.count !== 'number') return null;
  const bytes = fromBase64(p.data);
  const classes = p.encoding === 'base64-uint16' ? new Uint16Array(bytes.buffer, 0, bytes.length / 2) : bytes;
  return classes.length === p.count ? Int32Array.from(classes) : null;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
