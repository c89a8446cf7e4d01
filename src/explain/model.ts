/**
 * The model as explanation methods see it: probabilities for a batch of encoded samples, and
 * input gradients of one class probability per sample when the model is differentiable.
 */
import { throwIfCancelled } from '../core/probe';

export interface ExplainModel {
  /** Number of classes (probabilities per sample). */
  classes: number;
  /** Values per encoded sample. */
  sampleSize: number;
  /** n × classes probabilities for n samples back to back. */
  predict(x: Float32Array, n: number): Promise<Float32Array>;
  /** ∂p_c/∂x for each sample's class c (n × sampleSize), or null when the model has no gradients. */
  gradient: ((x: Float32Array, n: number, classes: Int32Array) => Promise<Float32Array>) | null;
  /** Checked before every model call. */
  signal?: AbortSignal;
}

/** Encoded values the methods put in one model call (about 16 MB of float32). */
const VALUES_PER_CALL = 4_000_000;

/** How many samples fit in one model call. */
export function samplesPerCall(sampleSize: number, cap = 4096): number {
  return Math.max(1, Math.min(cap, Math.floor(VALUES_PER_CALL / Math.max(1, sampleSize))));
}

export function checkSignal(model: Pick<ExplainModel, 'signal'>): void {
  if (model.signal) throwIfCancelled(model.signal);
}

/** Probabilities of n samples, in calls of at most `samplesPerCall` samples. */
export async function predictChunked(model: ExplainModel, x: Float32Array, n: number): Promise<Float32Array> {
  const per = samplesPerCall(model.sampleSize);
  if (n <= per) {
    checkSignal(model);
    return model.predict(x, n);
  }
  const out = new Float32Array(n * model.classes);
  for (let start = 0; start < n; start += per) {
    checkSignal(model);
    const count = Math.min(per, n - start);
    const probs = await model.predict(x.subarray(start * model.sampleSize, (start + count) * model.sampleSize), count);
    out.set(probs, start * model.classes);
  }
  return out;
}

/** Gradients of n samples, chunked like predictions. */
export async function gradientChunked(model: ExplainModel, x: Float32Array, n: number, classes: Int32Array): Promise<Float32Array> {
  const gradient = model.gradient;
  if (!gradient) throw new Error('This model gives no input gradients; use a model-agnostic method (occlusion, KernelSHAP, LIME).');
  const size = model.sampleSize;
  const per = samplesPerCall(size, 512);
  const out = new Float32Array(n * size);
  for (let start = 0; start < n; start += per) {
    checkSignal(model);
    const count = Math.min(per, n - start);
    const g = await gradient(x.subarray(start * size, (start + count) * size), count, classes.subarray(start, start + count));
    out.set(g, start * size);
  }
  return out;
}

/** The probability of class c for one sample. */
export async function probabilityOf(model: ExplainModel, x: Float32Array, c: number): Promise<number> {
  checkSignal(model);
  const p = await model.predict(x, 1);
  return p[c];
}
