/**
 * Encoding corrupted images for the model, fast: when the images already have the binding's size
 * and channels (the usual case), every byte maps to one value per model channel, so a 256-entry
 * table per channel replaces encodeImages' per-pixel arithmetic. The table holds exactly what
 * encodeImages computes for that byte ((p·span/255 + lo − mean) / std, rounded to float32), so
 * the results are identical (tests/unit/robustness-corruption-encode.test.ts); other sizes go
 * through encodeImages itself.
 */
import { encodeImages } from '../../core/binding';
import type { ImageBinding } from '../../core/types';
import type { ImageShape } from '../../perturb/image';

export type PixelEncoder = (pixels: Uint8Array, n: number) => Float32Array;

function perChannel(values: number[] | undefined, channels: number, fallback: number): number[] {
  if (!values || values.length === 0) return new Array(channels).fill(fallback);
  return values.length === 1 ? new Array(channels).fill(values[0]) : values.slice(0, channels);
}

export function pixelEncoder(shape: ImageShape, binding: ImageBinding): PixelEncoder {
  const { width, height, channels } = shape;
  if (width !== binding.width || height !== binding.height || channels !== binding.channels) {
    return (pixels, n) => encodeImages(pixels, n, width, height, channels, binding);
  }
  const c = channels;
  const [lo, hi] = binding.range;
  const span = hi - lo;
  const mean = perChannel(binding.mean, c, 0);
  const std = perChannel(binding.std, c, 1);
  // Model channel k reads source channel order[k].
  const order = c === 3 && binding.channelOrder === 'BGR' ? [2, 1, 0] : [0, 1, 2];
  const tables = Array.from({ length: c }, (_, k) => Float32Array.from({ length: 256 }, (_, p) => ((p * span) / 255 + (lo - mean[k])) / std[k]));
  const plane = width * height;
  const size = plane * c;
  const nchw = binding.layout === 'NCHW';
  return (pixels, n) => {
    const out = new Float32Array(n * size);
    for (let i = 0; i < n; i++) {
      const base = i * size;
      for (let k = 0; k < c; k++) {
        const table = tables[k];
        const from = order[k];
        for (let p = 0; p < plane; p++) out[base + (nchw ? k * plane + p : p * c + k)] = table[pixels[base + p * c + from]];
      }
    }
    return out;
  };
}
