/**
 * A small, fully seeded training loop. `model.fit` is not used because it shuffles with the
 * JavaScript engine's unseeded generator, has no per-sample weights (reweighing needs them) and
 * draws unseeded dropout masks; here batches come from a seeded permutation and each step's
 * dropout mask from its own seed.
 */
import * as tf from '@tensorflow/tfjs';
import { demoRng, intSeed, permutation } from './seeds';

export interface TrainingData {
  x: tf.Tensor;
  /** Binary: [n, 1] of 0/1. Multiclass: [n, k] one-hot. */
  y: tf.Tensor;
  /** Per-sample loss weights (reweighing); default all 1. */
  weights?: Float32Array;
}

export interface TrainOptions {
  /** Seed stream for shuffling and dropout. */
  name: string;
  epochs: number;
  batchSize: number;
  learningRate: number;
  loss: 'binary' | 'categorical';
  /** L2 penalty λ·Σ‖W‖² over the kernels. */
  l2?: number;
  /** Stop when the loss on these rows has not improved for `patience` epochs; keep the best weights. */
  earlyStopping?: { x: tf.Tensor; y: tf.Tensor; patience: number };
  log?: (line: string) => void;
  /** Called after each epoch with its 1-based number and mean training loss. */
  onEpoch?: (epoch: number, trainLoss: number) => void;
}

export interface TrainReport {
  epochsRun: number;
  /** Epoch (1-based) whose weights were kept. */
  keptEpoch: number;
  trainLoss: number;
  validationLoss: number | null;
}

const EPSILON = 1e-7;

/** Forward pass; while training, Dropout layers draw their mask from `seed`. */
export function forward(model: tf.LayersModel, x: tf.Tensor, dropoutSeed: number | null): tf.Tensor {
  let h = x;
  model.layers.forEach((layer, i) => {
    if (dropoutSeed !== null && layer.getClassName() === 'Dropout') {
      h = tf.dropout(h, layer.getConfig().rate as number, undefined, dropoutSeed + i);
    } else {
      h = layer.apply(h) as tf.Tensor;
    }
  });
  return h;
}

function perSampleLoss(prediction: tf.Tensor, y: tf.Tensor, kind: TrainOptions['loss']): tf.Tensor1D {
  const p = prediction.clipByValue(EPSILON, 1 - EPSILON);
  if (kind === 'categorical') return y.mul(p.log()).sum(1).neg() as tf.Tensor1D;
  const ones = tf.onesLike(y);
  return y.mul(p.log()).add(ones.sub(y).mul(ones.sub(p).log())).neg().reshape([-1]) as tf.Tensor1D;
}

function weightedMean(loss: tf.Tensor1D, weights: tf.Tensor1D | null): tf.Scalar {
  return weights ? (loss.mul(weights).sum().div(weights.sum()) as tf.Scalar) : loss.mean();
}

function l2Penalty(model: tf.LayersModel, lambda: number): tf.Scalar {
  const kernels = model.trainableWeights.filter((w) => w.originalName.endsWith('/kernel')).map((w) => w.read());
  return tf.addN(kernels.map((k) => k.square().sum())).mul(lambda) as tf.Scalar;
}

export function meanLoss(model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor, kind: TrainOptions['loss']): number {
  return tf.tidy(() => weightedMean(perSampleLoss(forward(model, x, null), y, kind), null).dataSync()[0]);
}

export function train(model: tf.LayersModel, data: TrainingData, options: TrainOptions): TrainReport {
  const optimizer = tf.train.adam(options.learningRate);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const n = data.x.shape[0];
  const weightsAll = data.weights ? tf.tensor1d(data.weights) : null;
  const shuffle = demoRng(`${options.name}/shuffle`);
  let best = { loss: Infinity, epoch: 0, weights: null as tf.Tensor[] | null };
  let trainLoss = NaN, epoch = 0, step = 0;
  for (epoch = 1; epoch <= options.epochs; epoch++) {
    const order = permutation(n, shuffle);
    let total = 0;
    for (let start = 0; start < n; start += options.batchSize) {
      const indices = tf.tensor1d(order.slice(start, start + options.batchSize), 'int32');
      const dropoutSeed = intSeed(`${options.name}/dropout/${step++}`);
      const cost = optimizer.minimize(() => {
        const xb = tf.gather(data.x, indices);
        const yb = tf.gather(data.y, indices);
        const wb = weightsAll ? tf.gather(weightsAll, indices) : null;
        const loss = weightedMean(perSampleLoss(forward(model, xb, dropoutSeed), yb, options.loss), wb);
        return options.l2 ? loss.add(l2Penalty(model, options.l2)) : loss;
      }, true, variables)!;
      total += cost.dataSync()[0] * indices.shape[0];
      tf.dispose([cost, indices]);
    }
    trainLoss = total / n;
    options.onEpoch?.(epoch, trainLoss);
    if (!options.earlyStopping) continue;
    const { x, y, patience } = options.earlyStopping;
    const validationLoss = meanLoss(model, x, y, options.loss);
    if (validationLoss < best.loss - 1e-4) {
      if (best.weights) tf.dispose(best.weights);
      best = { loss: validationLoss, epoch, weights: model.getWeights().map((w) => w.clone()) };
    } else if (epoch - best.epoch >= patience) {
      options.log?.(`  early stop at epoch ${epoch}: validation loss ${validationLoss.toFixed(4)}, best ${best.loss.toFixed(4)} at epoch ${best.epoch}`);
      break;
    }
  }
  const epochsRun = Math.min(epoch, options.epochs);
  weightsAll?.dispose();
  optimizer.dispose();
  if (best.weights) {
    model.setWeights(best.weights);
    tf.dispose(best.weights);
    return { epochsRun, keptEpoch: best.epoch, trainLoss, validationLoss: best.loss };
  }
  return { epochsRun, keptEpoch: epochsRun, trainLoss, validationLoss: null };
}

/** Model outputs for x, in batches, as a flat array (n × units). */
export function predict(model: tf.LayersModel, x: tf.Tensor, batchSize = 500): Float32Array {
  const n = x.shape[0];
  const parts: Float32Array[] = [];
  for (let start = 0; start < n; start += batchSize) {
    const size = Math.min(batchSize, n - start);
    parts.push(tf.tidy(() => forward(model, x.slice(start, size), null).dataSync() as Float32Array));
  }
  const out = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
  let offset = 0;
  for (const p of parts) { out.set(p, offset); offset += p.length; }
  return out;
}
