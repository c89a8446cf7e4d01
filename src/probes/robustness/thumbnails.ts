/**
 * Small PNG pictures of images for the report (the corruption contact sheet), kept in a
 * measurement's details as base64 text: PNG by fast-png (pure JS), base64 by hand, so the same
 * bytes come out in a browser worker and in Node.
 */
import { encode } from 'fast-png';
import { boxResize } from '../../perturb/sampling';
import type { ImageShape } from '../../perturb/image';

/** Longest side of a thumbnail; larger images are reduced with a BOX filter. */
export const THUMBNAIL_SIDE = 64;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i];
    const b = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2] : 0;
    out += ALPHABET[a >> 2] + ALPHABET[((a & 3) << 4) | (b >> 4)];
    out += i + 1 < bytes.length ? ALPHABET[((b & 15) << 2) | (c >> 6)] : '=';
    out += i + 2 < bytes.length ? ALPHABET[c & 63] : '=';
  }
  return out;
}

/** A base64 PNG of one 8-bit HWC image, reduced to at most THUMBNAIL_SIDE pixels a side. */
export function thumbnailPng(pixels: Uint8Array, shape: ImageShape): string {
  const { width, height, channels } = shape;
  const scale = Math.min(1, THUMBNAIL_SIDE / Math.max(width, height));
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  const data = scale < 1 ? boxResize(pixels, width, height, channels, w, h) : pixels;
  return toBase64(encode({ width: w, height: h, data, channels, depth: 8 }));
}
