/**
 * Adversarial attacks work on inputs rescaled to the unit box: every value as its position within
 * its valid range (0 = the range's minimum, 1 = its maximum), so ε is a fraction of the input range
 * whatever the model's scaling (ε = 0.1 is 25.5 grey levels for a 0–255 model and 0.1 for a 0–1
 * model). The probe maps between the unit box and the model's encoding; the attacks here only see
 * this oracle. Pure: no engines, no DOM.
 */
import { throwIfCancelled, type GradientLoss, type GradientResult } from '../../core/probe';

/** Where the values of an image sample sit: channels × height × width in NCHW or NHWC order. */
export interface ImageGeometry {
  channels: number;
  height: number;
  width: number;
  layout: 'NCHW' | 'NHWC';
}

/** The model as attacks see it, in unit-box coordinates. */
export interface AttackOracle {
  /** Values per sample. */
  size: number;
  /** Number of classes. */
  k: number;
  image: ImageGeometry;
  /** Class probabilities (n × k) for n samples in the unit box. */
  probabilities(z: Float32Array, n: number): Promise<Float32Array>;
  /** d loss / d z for n samples in the unit box, or null when the model has no gradient. */
  gradient: ((z: Float32Array, n: number, loss: GradientLoss) => Promise<GradientResult>) | null;
  signal: AbortSignal;
}

/** The norm of the threat model: an L∞ box or an L2 ball of radius ε around each sample. */
export type Norm = 'linf' | 'l2';

export function clampUnit(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

/** Index of the largest value in each row. */
export function argmaxRows(values: Float32Array, k: number): Int32Array {
  const n = values.length / k;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (values[i * k + j] > values[i * k + best]) best = j;
    out[i] = best;
  }
  return out;
}

/** log of the smallest positive float32: the floor a probability's log is clamped to. */
export const LOG_FLOOR = Math.log(1.4e-45);

/**
 * The margin loss on probabilities, log p_y − max_{j≠y} log p_j per sample (negative = misclassified),
 * as the Square Attack minimises it (Andriushchenko et al. 2020, §3). Logs are clamped at float32's
 * smallest positive value, so a saturated softmax gives a large finite margin rather than ∞.
 */
export function probabilityMargins(probs: Float32Array, k: number, labels: ArrayLike<number>): Float64Array {
  const n = probs.length / k;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const y = labels[i];
    const log = (p: number) => (p > 0 ? Math.max(Math.log(p), LOG_FLOOR) : LOG_FLOOR);
    let other = -Infinity;
    for (let j = 0; j < k; j++) if (j !== y) other = Math.max(other, log(probs[i * k + j]));
    out[i] = log(probs[i * k + y]) - other;
  }
  return out;
}

/** Whether each sample's top class differs from its label. */
export function misclassified(probs: Float32Array, k: number, labels: ArrayLike<number>): Uint8Array {
  const top = argmaxRows(probs, k);
  return Uint8Array.from(top, (c, i) => (c !== labels[i] ? 1 : 0));
}

/** ‖v‖₂ of values start…start+size. */
export function l2Norm(v: Float32Array, start: number, size: number): number {
  let s = 0;
  for (let j = start; j < start + size; j++) s += v[j] * v[j];
  return Math.sqrt(s);
}

/**
 * Projects z onto the ε-ball around x (per sample ε) and the unit box, in place: L∞ clips each value
 * to [x − ε, x + ε]; L2 rescales the perturbation to norm ε when it is longer. Box clipping after an
 * L2 rescale can only shorten the perturbation, so the result stays in both sets.
 */
export function project(z: Float32Array, x: Float32Array, n: number, size: number, eps: ArrayLike<number>, norm: Norm): void {
  for (let i = 0; i < n; i++) {
    const e = eps[i];
    const start = i * size;
    if (norm === 'linf') {
      for (let j = start; j < start + size; j++) z[j] = clampUnit(Math.min(Math.max(z[j], x[j] - e), x[j] + e));
      continue;
    }
    let s = 0;
    for (let j = start; j < start + size; j++) s += (z[j] - x[j]) ** 2;
    const length = Math.sqrt(s);
    const scale = length > e ? e / length : 1;
    for (let j = start; j < start + size; j++) z[j] = clampUnit(x[j] + (z[j] - x[j]) * scale);
  }
}

/**
 * One ascent step of size α per sample along the gradient, in place: sign(g) for L∞ (the fast
 * gradient sign method, Goodfellow et al. 2015), g / ‖g‖₂ for L2 (the fast gradient method).
 * A sample whose gradient is zero does not move.
 */
export function ascend(z: Float32Array, g: Float32Array, n: number, size: number, alpha: ArrayLike<number>, norm: Norm): void {
  for (let i = 0; i < n; i++) {
    const start = i * size;
    if (norm === 'linf') {
      for (let j = start; j < start + size; j++) z[j] += alpha[i] * Math.sign(g[j]);
      continue;
    }
    const length = l2Norm(g, start, size);
    if (length === 0 || !Number.isFinite(length)) continue;
    for (let j = start; j < start + size; j++) z[j] += (alpha[i] * g[j]) / length;
  }
}

/** Rows `indices` of a row-major matrix of `size` columns, compacted. */
export function takeRows(m: Float32Array, indices: ArrayLike<number>, size: number): Float32Array {
  const out = new Float32Array(indices.length * size);
  for (let r = 0; r < indices.length; r++) out.set(m.subarray(indices[r] * size, (indices[r] + 1) * size), r * size);
  return out;
}

/** Calls `fn` on chunks of at most `batch` samples, checking the signal between chunks. */
export async function inChunks(n: number, batch: number, signal: AbortSignal, fn: (start: number, count: number) => Promise<void>): Promise<void> {
  for (let start = 0; start < n; start += batch) {
    throwIfCancelled(signal);
    await fn(start, Math.min(batch, n - start));
  }
}

/** Class probabilities for many samples, fed in chunks (progress and cancel stay responsive). */
export async function probabilitiesOf(oracle: AttackOracle, z: Float32Array, n: number, batch = 256): Promise<Float32Array> {
  const out = new Float32Array(n * oracle.k);
  await inChunks(n, batch, oracle.signal, async (start, count) => {
    out.set(await oracle.probabilities(z.subarray(start * oracle.size, (start + count) * oracle.size), count), start * oracle.k);
  });
  return out;
}
