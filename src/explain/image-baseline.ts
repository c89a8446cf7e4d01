/**
 * Baselines for images: what a pixel becomes when it is "removed" (occlusion, deletion curves,
 * KernelSHAP's value function) and where Integrated Gradients' path starts.
 * - `black`: raw pixel value 0 in every channel, encoded (Sundararajan et al. 2017 use black);
 * - `mean`: each channel's mean over the image, so removing keeps the overall brightness;
 * - `blur`: a box blur of the image (Petsiuk et al. 2018 insert pixels into a blurred canvas;
 *   Fong & Vedaldi 2017 perturb by blurring), radius about a tenth of the image side.
 */
import { channelRanges } from '../core/encode-image';
import type { ImageBinding } from '../core/types';
import { imageShapeOf, slotOf } from './groups';

export type ImageBaselineKind = 'black' | 'mean' | 'blur';
export const IMAGE_BASELINES: readonly ImageBaselineKind[] = ['black', 'mean', 'blur'];

export function imageBaseline(x: Float32Array, binding: ImageBinding, kind: ImageBaselineKind): Float32Array {
  const shape = imageShapeOf(binding);
  const out = new Float32Array(x.length);
  const { width: w, height: h, channels } = shape;
  if (kind === 'black') {
    const ranges = channelRanges(binding);
    for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) for (let ch = 0; ch < channels; ch++) out[slotOf(shape, r, c, ch)] = ranges[ch][0];
    return out;
  }
  if (kind === 'mean') {
    for (let ch = 0; ch < channels; ch++) {
      let s = 0;
      for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) s += x[slotOf(shape, r, c, ch)];
      const m = s / (w * h);
      for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) out[slotOf(shape, r, c, ch)] = m;
    }
    return out;
  }
  const radius = Math.max(1, Math.round(Math.min(w, h) / 10));
  const plane = new Float64Array(w * h);
  const tmp = new Float64Array(w * h);
  for (let ch = 0; ch < channels; ch++) {
    for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) plane[r * w + c] = x[slotOf(shape, r, c, ch)];
    // Separable box blur with edge clamping: rows, then columns.
    for (let r = 0; r < h; r++) {
      for (let c = 0; c < w; c++) {
        let s = 0;
        for (let d = -radius; d <= radius; d++) s += plane[r * w + Math.min(w - 1, Math.max(0, c + d))];
        tmp[r * w + c] = s / (2 * radius + 1);
      }
    }
    for (let r = 0; r < h; r++) {
      for (let c = 0; c < w; c++) {
        let s = 0;
        for (let d = -radius; d <= radius; d++) s += tmp[Math.min(h - 1, Math.max(0, r + d)) * w + c];
        out[slotOf(shape, r, c, ch)] = s / (2 * radius + 1);
      }
    }
  }
  return out;
}
