/**
 * Input gradients of a loss on the binding's class probabilities, in TF.js ops so that the
 * gradient flows through the output conversion (softmax, renormalisation, sigmoid) exactly as
 * core/encode-output.ts applies it to predictions. Used by the TF.js adapter and by the ONNX
 * adapter's TF.js translation (onnx-to-tfjs.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { throwIfCancelled, type GradientLoss, type GradientResult } from '../core/probe';
import type { OutputBinding } from '../core/types';
import { isSingleSigmoid } from '../core/encode-output';
import { ModelError } from './errors';

/** Smallest probability a log is taken of: float32's smallest normal number, so log p stays finite. */
const TINY = 1.1754944e-38;

/** Samples per forward/backward pass of a dynamic-batch model. */
export const GRADIENT_BATCH = 128;

/** Columns of `raw` that the class index of each sample picks: one-hot rows as float32. */
function oneHotOf(indices: Int32Array, k: number): tf.Tensor2D {
  return tf.oneHot(tf.tensor1d(indices, 'int32'), k).toFloat() as tf.Tensor2D;
}

/** log p per class for raw outputs of each kind; `logits` goes through logSoftmax (stable). */
function logProbabilities(raw: tf.Tensor2D, output: OutputBinding): tf.Tensor2D {
  if (output.kind === 'logits') return tf.logSoftmax(raw);
  return tf.log(tf.maximum(probabilities(raw, output), TINY)) as tf.Tensor2D;
}

/** The binding's class probabilities as TF ops (the same rules as core/encode-output's toProbabilities). */
function probabilities(raw: tf.Tensor2D, output: OutputBinding): tf.Tensor2D {
  const width = raw.shape[1];
  if (output.kind === 'logits') return tf.softmax(raw);
  if (isSingleSigmoid(output, width)) {
    const s = raw as tf.Tensor2D;
    return tf.concat([tf.sub(1, s) as tf.Tensor2D, s], 1);
  }
  // probabilities and several sigmoid units: divided by their sum (a zero sum cannot be divided).
  return tf.div(raw, tf.maximum(tf.sum(raw, 1, true), TINY)) as tf.Tensor2D;
}

/**
 * The loss of each sample (a vector of length n) from the model's raw output tensor [n, width].
 * For `logits` outputs the margin is taken on the logits themselves: log-softmax differences equal
 * logit differences, and logits never round to the same float when the model is confident
 * (Carlini & Wagner 2017, "Towards Evaluating the Robustness of Neural Networks", eq. for f_6).
 */
export function lossOfOutput(raw: tf.Tensor2D, output: OutputBinding, loss: GradientLoss): tf.Tensor1D {
  const k = output.labels.length;
  if (loss.kind === 'class-probability') {
    const pick = oneHotOf(loss.classes, k);
    return tf.sum(tf.mul(probabilities(raw, output), pick), 1) as tf.Tensor1D;
  }
  const pick = oneHotOf(loss.labels, k);
  const scores = output.kind === 'logits' ? raw : logProbabilities(raw, output);
  if (loss.kind === 'cross-entropy') {
    const logp = output.kind === 'logits' ? tf.logSoftmax(raw) : scores;
    return tf.neg(tf.sum(tf.mul(logp, pick), 1)) as tf.Tensor1D;
  }
  const own = tf.sum(tf.mul(scores, pick), 1);
  // Exclude the true class from the max with a large negative number rather than −∞, whose
  // gradient would be NaN wherever it is multiplied by zero.
  const others = tf.max(tf.where(tf.cast(pick, 'bool'), tf.fill(scores.shape, -3e38), scores), 1);
  return tf.sub(others, own) as tf.Tensor1D;
}

/** Checks that the loss's class indices are valid and one per sample. */
export function checkLoss(loss: GradientLoss, n: number, k: number): void {
  const indices = loss.kind === 'class-probability' ? loss.classes : loss.labels;
  const what = loss.kind === 'class-probability' ? 'classes' : 'labels';
  if (indices.length !== n) {
    throw new ModelError(`A ${loss.kind} gradient for ${n} samples needs ${n} ${what}, but ${indices.length} were given.`);
  }
  for (const c of indices) {
    if (!Number.isInteger(c) || c < 0 || c >= k) {
      throw new ModelError(`A ${loss.kind} gradient was asked for class index ${c}, but the binding has ${k} labels (0–${k - 1}). Leave out samples without a known label.`);
    }
  }
}

export interface GradientArgs {
  x: Float32Array;
  n: number;
  /** Concrete non-batch dims of one sample. */
  dims: number[];
  /** Samples per pass; the model's fixed batch when it has one (the last chunk is zero-padded). */
  batch: number;
  /** Whether `batch` is a fixed batch the model requires (pad the last chunk) or only a chunk size. */
  fixed: boolean;
  loss: GradientLoss;
  output: OutputBinding;
  signal?: AbortSignal;
  /** The model's raw output [rows, width] for an input [rows, ...dims], as differentiable TF ops. */
  forward: (input: tf.Tensor) => tf.Tensor;
}

/**
 * d loss / d x for n samples, computed in chunks with TF.js's tape. The loss of each sample depends
 * only on its own input (inference mode), so the gradient of the summed loss is the per-sample
 * gradient. Padded rows of a fixed-batch chunk get the loss of class 0 and are dropped.
 */
export async function computeGradient(args: GradientArgs): Promise<GradientResult> {
  const { x, n, dims, batch, fixed, loss, output, signal, forward } = args;
  const size = dims.reduce((a, b) => a * b, 1);
  const k = output.labels.length;
  checkLoss(loss, n, k);
  if (x.length !== n * size) {
    throw new ModelError(`The gradient was asked for ${n} samples of ${size} values, but ${x.length} values were given.`);
  }
  const gradient = new Float32Array(n * size);
  const lossOut = new Float32Array(n);
  for (let start = 0; start < n; start += batch) {
    if (signal) throwIfCancelled(signal);
    const count = Math.min(batch, n - start);
    const rows = fixed ? batch : count;
    const chunk = new Float32Array(rows * size);
    chunk.set(x.subarray(start * size, (start + count) * size));
    const part = sliceLoss(loss, start, count, rows);
    const [value, grad] = tf.tidy(() => {
      const input = tf.tensor(chunk, [rows, ...dims], 'float32');
      const result = tf.engine().gradients(() => {
        const raw = forward(input);
        return lossOfOutput(raw.reshape([rows, -1]) as tf.Tensor2D, output, part);
      }, [input], undefined, true);
      return [result.value, result.grads[0] ?? tf.zerosLike(input)];
    });
    try {
      const [v, g] = await Promise.all([value.data(), grad.data()]);
      lossOut.set((v as Float32Array).subarray(0, count), start);
      gradient.set((g as Float32Array).subarray(0, count * size), start * size);
    } finally {
      value.dispose();
      grad.dispose();
    }
  }
  return { gradient, loss: lossOut };
}

/** The loss's class indices for samples start…start+count, padded with class 0 to `rows`. */
function sliceLoss(loss: GradientLoss, start: number, count: number, rows: number): GradientLoss {
  const pad = (a: Int32Array): Int32Array => {
    const out = new Int32Array(rows);
    out.set(a.subarray(start, start + count));
    return out;
  };
  return loss.kind === 'class-probability' ? { kind: loss.kind, classes: pad(loss.classes) } : { kind: loss.kind, labels: pad(loss.labels) };
}
