/**
 * Compact, plain-JSON forms of heat maps and images for a run's `details`: a map is quantised to
 * signed bytes (value / scale · 127, scale = the largest magnitude) and written as base64, so a
 * 28×28 map takes about 1 kB instead of 10 kB of decimal numbers. The UI decodes them to draw.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i];
    const b = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2] : 0;
    const triple = (a << 16) | (b << 8) | c;
    out += ALPHABET[(triple >> 18) & 63] + ALPHABET[(triple >> 12) & 63];
    out += i + 1 < bytes.length ? ALPHABET[(triple >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? ALPHABET[triple & 63] : '=';
  }
  return out;
}

export function fromBase64(text: string): Uint8Array {
  const clean = text.replace(/[^A-Za-z0-9+/]/g, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < clean.length; i += 4) {
    const v = [0, 1, 2, 3].map((k) => (i + k < clean.length ? LOOKUP[clean.charCodeAt(i + k)] : 0));
    const triple = (v[0] << 18) | (v[1] << 12) | (v[2] << 6) | v[3];
    if (o < out.length) out[o++] = (triple >> 16) & 255;
    if (o < out.length) out[o++] = (triple >> 8) & 255;
    if (o < out.length) out[o++] = triple & 255;
  }
  return out;
}

/** A heat map as stored in details. */
export interface EncodedMap {
  width: number;
  height: number;
  /** The largest magnitude; a stored byte b means b / 127 · scale. */
  scale: number;
  /** Signed bytes (two's complement), row-major, base64. */
  data: string;
}

/** Largest side a stored map keeps; bigger maps are averaged down. */
export const MAX_MAP_SIDE = 64;

/** Averages a map down so neither side exceeds `maxSide`. */
export function downsample(values: ArrayLike<number>, width: number, height: number, maxSide = MAX_MAP_SIDE): { values: Float32Array; width: number; height: number } {
  const factor = Math.max(1, Math.ceil(Math.max(width, height) / maxSide));
  if (factor === 1) return { values: Float32Array.from(values as ArrayLike<number>), width, height };
  const w = Math.ceil(width / factor);
  const h = Math.ceil(height / factor);
  const out = new Float32Array(w * h);
  const count = new Float32Array(w * h);
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const i = Math.floor(r / factor) * w + Math.floor(c / factor);
      out[i] += values[r * width + c];
      count[i] += 1;
    }
  }
  for (let i = 0; i < out.length; i++) out[i] /= count[i];
  return { values: out, width: w, height: h };
}

export function encodeMap(values: ArrayLike<number>, width: number, height: number): EncodedMap {
  const small = downsample(values, width, height);
  let scale = 0;
  for (const v of small.values) if (Number.isFinite(v)) scale = Math.max(scale, Math.abs(v));
  const bytes = new Uint8Array(small.values.length);
  small.values.forEach((v, i) => {
    const q = scale > 0 && Number.isFinite(v) ? Math.round((v / scale) * 127) : 0;
    bytes[i] = q & 255;
  });
  return { width: small.width, height: small.height, scale, data: toBase64(bytes) };
}

/** The map's values (approximately, to 1/127 of its scale). */
export function decodeMap(map: EncodedMap): Float32Array {
  const bytes = fromBase64(map.data);
  return Float32Array.from(bytes.subarray(0, map.width * map.height), (b) => ((b > 127 ? b - 256 : b) / 127) * map.scale);
}

/** An 8-bit image for display beside its maps: gray or RGB, interleaved, base64. */
export interface EncodedImage {
  width: number;
  height: number;
  channels: 1 | 3;
  data: string;
}

/** Largest side a stored picture keeps (nearest-neighbour reduction beyond it). */
export const MAX_IMAGE_SIDE = 96;

export function encodeImage(pixels: Uint8Array, width: number, height: number, channels: 1 | 3): EncodedImage {
  const factor = Math.max(1, Math.ceil(Math.max(width, height) / MAX_IMAGE_SIDE));
  const w = Math.ceil(width / factor);
  const h = Math.ceil(height / factor);
  const out = new Uint8Array(w * h * channels);
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) {
      const src = (Math.min(height - 1, r * factor) * width + Math.min(width - 1, c * factor)) * channels;
      for (let ch = 0; ch < channels; ch++) out[(r * w + c) * channels + ch] = pixels[src + ch];
    }
  }
  return { width: w, height: h, channels, data: toBase64(out) };
}

export function decodeImage(image: EncodedImage): Uint8Array {
  return fromBase64(image.data).subarray(0, image.width * image.height * image.channels);
}
