/**
 * How the TF.js translation of an ONNX graph is compared with onnxruntime (onnx-to-tfjs-check.ts):
 * which inputs are fed and when two outputs count as the same. Pure, so it is tested on its own.
 */
import { createRng } from '../core/rng';

/** Allowed |translation − onnxruntime| per sample: ABSOLUTE + RELATIVE · (largest |output| of that sample). */
export const TOLERANCE = { absolute: 1e-4, relative: 1e-4 } as const;

/** Samples the check feeds; four, so that a batch larger than a fixed batch of 1 is exercised. */
export const CHECK_SAMPLES = 4;

/**
 * Inputs the check feeds, from a fixed seed: two uniform in [0, 1], one standard normal and one
 * uniform in [0, 255], so models scaled for either pixel range see values they were built for.
 */
export function checkInputs(size: number): { x: Float32Array; description: string } {
  const rng = createRng(0x7e5f);
  const x = new Float32Array(CHECK_SAMPLES * size);
  for (let j = 0; j < size; j++) {
    x[j] = rng.next();
    x[size + j] = rng.next();
    x[2 * size + j] = rng.normal();
    x[3 * size + j] = 255 * rng.next();
  }
  return { x, description: 'four seeded inputs (two uniform in [0, 1], one standard normal, one uniform in [0, 255])' };
}

export interface Comparison {
  maxAbsDiff: number;
  /** Tolerance of the sample closest to (or furthest over) its limit. */
  tolerance: number;
  /** Largest difference ÷ tolerance over the samples: at most 1 passes. */
  ratio: number;
  ok: boolean;
}

/** Compares per sample: |a − b| ≤ absolute + relative · max |reference| of that sample. */
export function compareOutputs(reference: Float32Array, translated: Float32Array, samples: number): Comparison {
  if (reference.length !== translated.length) return { maxAbsDiff: Number.POSITIVE_INFINITY, tolerance: 0, ratio: Number.POSITIVE_INFINITY, ok: false };
  const width = reference.length / samples;
  let maxAbsDiff = 0;
  let worst = -1;
  let tolerance: number = TOLERANCE.absolute;
  for (let i = 0; i < samples; i++) {
    let scale = 0;
    let diff = 0;
    for (let j = i * width; j < (i + 1) * width; j++) {
      const [a, b] = [reference[j], translated[j]];
      // The same NaN or infinity from both engines (an input far outside the model's range) agrees.
      if (Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b))) continue;
      if (Number.isFinite(a)) scale = Math.max(scale, Math.abs(a));
      const d = Math.abs(a - b);
      diff = Number.isNaN(d) ? Number.POSITIVE_INFINITY : Math.max(diff, d);
    }
    const allowed = TOLERANCE.absolute + TOLERANCE.relative * scale;
    maxAbsDiff = Math.max(maxAbsDiff, diff);
    if (diff / allowed > worst) {
      worst = diff / allowed;
      tolerance = allowed;
    }
  }
  return { maxAbsDiff, tolerance, ratio: worst, ok: worst <= 1 };
}
