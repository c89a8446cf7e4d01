/**
 * PNG (fast-png) and JPEG (jpeg-js) decoding to 8-bit gray or RGB, interleaved. Alpha is dropped
 * (not composited); palettes are expanded; 16-bit samples keep their high byte; 1/2/4-bit gray is
 * stretched to 0–255. Pure JavaScript, so pixels are identical in browsers and Node.
 */
import { convertIndexedToRgb, decode as decodePngBytes } from 'fast-png';
import { decode as decodeJpegBytes } from 'jpeg-js';
import { DatasetError } from './errors';

export interface DecodedImage {
  width: number;
  height: number;
  channels: 1 | 3;
  /** height × width × channels bytes. */
  pixels: Uint8Array;
}

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
}

export function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

/** Samples of a PNG as 8-bit values, `channels` per pixel, unpacking sub-byte depths. */
function eightBitSamples(data: ArrayLike<number>, width: number, height: number, channels: number, depth: number): Uint8Array {
  const count = width * height * channels;
  const out = new Uint8Array(count);
  if (depth === 8) {
    out.set(data as ArrayLike<number>);
    return out;
  }
  if (depth === 16) {
    for (let i = 0; i < count; i++) out[i] = (data[i] as number) >>> 8;
    return out;
  }
  // 1, 2 or 4 bits per sample: rows are packed and padded to whole bytes.
  const perRow = width * channels;
  const bytesPerRow = Math.ceil((perRow * depth) / 8);
  const max = (1 << depth) - 1;
  for (let y = 0; y < height; y++) {
    for (let s = 0; s < perRow; s++) {
      const bit = s * depth;
      const byte = data[y * bytesPerRow + (bit >> 3)] as number;
      const value = (byte >> (8 - depth - (bit & 7))) & max;
      out[y * perRow + s] = Math.round((value * 255) / max);
    }
  }
  return out;
}

/** Keeps the first `keep` of every `channels` samples (drops alpha). */
function dropAlpha(samples: Uint8Array, pixels: number, channels: number, keep: 1 | 3): Uint8Array {
  if (channels === keep) return samples;
  const out = new Uint8Array(pixels * keep);
  for (let p = 0; p < pixels; p++) {
    for (let c = 0; c < keep; c++) out[p * keep + c] = samples[p * channels + c];
  }
  return out;
}

export function decodePng(bytes: Uint8Array, what: string): DecodedImage {
  let png;
  try {
    png = decodePngBytes(bytes);
  } catch (error) {
    throw new DatasetError(`The PNG image ${what} cannot be decoded (${error instanceof Error ? error.message : String(error)}). It may be truncated or damaged: export it again.`);
  }
  const { width, height } = png;
  const pixels = width * height;
  if (png.palette) {
    const entry = png.palette[0]?.length ?? 3;
    const rgb = convertIndexedToRgb(png);
    return { width, height, channels: 3, pixels: dropAlpha(rgb, pixels, entry, 3) };
  }
  const samples = eightBitSamples(png.data, width, height, png.channels, png.depth);
  // 1 = gray, 2 = gray + alpha, 3 = RGB, 4 = RGBA.
  const keep: 1 | 3 = png.channels <= 2 ? 1 : 3;
  return { width, height, channels: keep, pixels: dropAlpha(samples, pixels, png.channels, keep) };
}

export function decodeJpeg(bytes: Uint8Array, what: string): DecodedImage {
  let jpeg;
  try {
    jpeg = decodeJpegBytes(bytes, { useTArray: true, formatAsRGBA: false, maxMemoryUsageInMB: 1024 });
  } catch (error) {
    throw new DatasetError(`The JPEG image ${what} cannot be decoded (${error instanceof Error ? error.message : String(error)}). It may be truncated or damaged: export it again.`);
  }
  const { width, height, data } = jpeg;
  const channels = data.length / (width * height);
  if (channels !== 3) {
    throw new DatasetError(`The JPEG image ${what} decoded to ${channels} values per pixel; only gray and RGB JPEGs are supported. Convert it to RGB or PNG.`);
  }
  return { width, height, channels: 3, pixels: data };
}

/** Decodes a PNG or JPEG by its magic bytes. */
export function decodeImage(bytes: Uint8Array, what: string): DecodedImage {
  if (isPng(bytes)) return decodePng(bytes, what);
  if (isJpeg(bytes)) return decodeJpeg(bytes, what);
  throw new DatasetError(`The file ${what} is neither a PNG nor a JPEG image (its first bytes do not match either). Convert it to PNG or JPEG.`);
}
