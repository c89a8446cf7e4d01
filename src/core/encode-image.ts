/**
 * Image encoding: 8-bit interleaved (HWC) pixels → the model's input tensor. Per image: bilinear
 * resize to the binding's size (half-pixel centres, as PIL and TensorFlow's resize with
 * half_pixel_centers), gray ↔ RGB conversion, scaling of 0–255 to `range`, then (v − mean) / std,
 * RGB or BGR order, and NCHW or NHWC layout. mean and std are given per model channel, in the
 * order the model reads its channels (so a BGR model's mean starts with blue).
 */
import type { ImageBinding } from './types';

/** ITU-R BT.601 luma weights, the usual RGB → gray conversion (as in PIL's 'L' mode). */
const LUMA = [0.299, 0.587, 0.114] as const;

function perChannel(values: number[] | undefined, channels: number, fallback: number): number[] {
  if (!values || values.length === 0) return new Array(channels).fill(fallback);
  return values.length === 1 ? new Array(channels).fill(values[0]) : values.slice(0, channels);
}

/** The [min, max] each model channel's encoded values can take. */
export function channelRanges(binding: ImageBinding): [number, number][] {
  const mean = perChannel(binding.mean, binding.channels, 0);
  const std = perChannel(binding.std, binding.channels, 1);
  const [lo, hi] = binding.range;
  return mean.map((m, c) => [(lo - m) / std[c], (hi - m) / std[c]]);
}

/** The [min, max] of an encoded value over all channels (for ε as a fraction of the input range). */
export function imageInputRange(binding: ImageBinding): [number, number] {
  const ranges = channelRanges(binding);
  return [Math.min(...ranges.map((r) => r[0])), Math.max(...ranges.map((r) => r[1]))];
}

export function imageSampleShape(binding: ImageBinding): number[] {
  const { channels: c, height: h, width: w } = binding;
  return binding.layout === 'NCHW' ? [c, h, w] : [h, w, c];
}

/** Per output coordinate: the two source coordinates and the weight of the second. */
function axisWeights(source: number, target: number): { lo: Int32Array; hi: Int32Array; t: Float32Array } {
  const lo = new Int32Array(target);
  const hi = new Int32Array(target);
  const t = new Float32Array(target);
  const scale = source / target;
  for (let o = 0; o < target; o++) {
    const s = Math.min(Math.max((o + 0.5) * scale - 0.5, 0), source - 1);
    const i = Math.floor(s);
    lo[o] = i;
    hi[o] = Math.min(i + 1, source - 1);
    t[o] = s - i;
  }
  return { lo, hi, t };
}

/**
 * Encodes n images of width × height × channels bytes (interleaved) through an image binding:
 * n × sampleSize float32 values in the binding's layout.
 */
export function encodeImages(
  pixels: Uint8Array,
  n: number,
  width: number,
  height: number,
  channels: 1 | 3,
  binding: ImageBinding,
): Float32Array {
  const bw = binding.width;
  const bh = binding.height;
  const bc = binding.channels;
  const size = bw * bh * bc;
  const out = new Float32Array(n * size);
  const xs = axisWeights(width, bw);
  const ys = axisWeights(height, bh);
  const [lo, hi] = binding.range;
  const mean = perChannel(binding.mean, bc, 0);
  const std = perChannel(binding.std, bc, 1);
  // value = (p · (hi − lo) / 255 + lo − mean) / std, in this order so that the common ranges are
  // exact: [0, 255] gives p, [0, 1] gives p / 255.
  const span = hi - lo;
  const shift = mean.map((m) => lo - m);
  // Model channel k reads source channel order[k] (for RGB sources; gray sources replicate).
  const order = bc === 3 && binding.channelOrder === 'BGR' ? [2, 1, 0] : [0, 1, 2];
  const nchw = binding.layout === 'NCHW';
  const plane = bw * bh;
  const sample = new Float64Array(3);
  const srcSize = width * height * channels;
  const same = width === bw && height === bh;
  for (let i = 0; i < n; i++) {
    const src = i * srcSize;
    const dst = i * size;
    for (let oy = 0; oy < bh; oy++) {
      const y0 = ys.lo[oy] * width;
      const y1 = ys.hi[oy] * width;
      const ty = ys.t[oy];
      for (let ox = 0; ox < bw; ox++) {
        const x0 = xs.lo[ox];
        const x1 = xs.hi[ox];
        const tx = xs.t[ox];
        if (same) {
          const at = src + (oy * width + ox) * channels;
          for (let c = 0; c < channels; c++) sample[c] = pixels[at + c];
        } else {
          for (let c = 0; c < channels; c++) {
            const p00 = pixels[src + (y0 + x0) * channels + c];
            const p01 = pixels[src + (y0 + x1) * channels + c];
            const p10 = pixels[src + (y1 + x0) * channels + c];
            const p11 = pixels[src + (y1 + x1) * channels + c];
            const top = p00 + (p01 - p00) * tx;
            const bottom = p10 + (p11 - p10) * tx;
            sample[c] = top + (bottom - top) * ty;
          }
        }
        const pixel = oy * bw + ox;
        for (let k = 0; k < bc; k++) {
          let p: number;
          if (channels === bc) p = sample[order[k]];
          else if (channels === 1) p = sample[0];
          else p = LUMA[0] * sample[0] + LUMA[1] * sample[1] + LUMA[2] * sample[2];
          out[dst + (nchw ? k * plane + pixel : pixel * bc + k)] = ((p * span) / 255 + shift[k]) / std[k];
        }
      }
    }
  }
  return out;
}
