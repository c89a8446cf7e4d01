/** The MNIST demo CNN: trained on the `mnist` package's digits outside the demo set. */
import * as tf from '@tensorflow/tfjs';
import type { ImageBinding, KnownBinding } from '../../src/core/types';
import { mnistCnn } from './architectures';
import type { DigitSet } from './mnist-data';
import { predict, train } from './train';

export const MNIST_DATASET_ID = 'mnist-demo';
export const MNIST_MODEL_ID = 'mnist-cnn';
export const DIGIT_LABELS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
export const MNIST_TRAINING = { epochs: 3, batchSize: 64, learningRate: 0.01 };

/** Input [N, 28, 28, 1] NHWC, pixel / 255 (white digit on black); output softmax over the 10 digits. */
export const MNIST_BINDING: ImageBinding = {
  kind: 'image',
  layout: 'NHWC',
  channels: 1,
  width: 28,
  height: 28,
  range: [0, 1],
  channelOrder: 'RGB',
  output: { kind: 'probabilities', labels: DIGIT_LABELS },
};

/** Float pixels / 255 as [n, 28, 28, 1]. */
export function digitsToTensor(set: DigitSet): tf.Tensor4D {
  return tf.tensor4d(Float32Array.from(set.pixels, (p) => p / 255), [set.n, 28, 28, 1]);
}

export function argmaxAccuracy(probabilities: Float32Array, labels: Uint8Array, classes = 10): number {
  let correct = 0;
  for (let i = 0; i < labels.length; i++) {
    let best = 0;
    for (let k = 1; k < classes; k++) if (probabilities[i * classes + k] > probabilities[i * classes + best]) best = k;
    if (best === labels[i]) correct++;
  }
  return correct / labels.length;
}

export interface TrainedMnistModel {
  model: tf.Sequential;
  metrics: Record<string, number>;
}

export function trainMnistModel(trainSet: DigitSet, demoSet: DigitSet, log: (line: string) => void): TrainedMnistModel {
  const model = mnistCnn('mnist_cnn');
  const x = digitsToTensor(trainSet);
  const y = tf.oneHot(tf.tensor1d(trainSet.labels, 'int32'), 10);
  const started = Date.now();
  const report = train(model, { x, y }, { ...MNIST_TRAINING, name: MNIST_MODEL_ID, loss: 'categorical', log });
  const seconds = (Date.now() - started) / 1000;
  const trainAccuracy = argmaxAccuracy(predict(model, x), trainSet.labels);
  tf.dispose([x, y]);
  const demoX = digitsToTensor(demoSet);
  const demoAccuracy = argmaxAccuracy(predict(model, demoX), demoSet.labels);
  demoX.dispose();
  const round4 = (v: number) => Math.round(v * 10000) / 10000;
  const metrics = { epochs: report.epochsRun, trainImages: trainSet.n, trainAccuracy: round4(trainAccuracy), demoAccuracy: round4(demoAccuracy) };
  log(`  mnist-cnn: ${report.epochsRun} epochs on ${trainSet.n} digits in ${seconds.toFixed(0)} s, train accuracy ${metrics.trainAccuracy}, demo-set accuracy ${metrics.demoAccuracy} (${demoSet.n} digits)`);
  return { model, metrics };
}

export function mnistKnownBinding(modelSha256: string[], source: string): KnownBinding {
  return {
    id: `demo-${MNIST_MODEL_ID}`,
    title: 'TrustGrade demo: MNIST CNN',
    modelSha256,
    dataset: MNIST_DATASET_ID,
    binding: MNIST_BINDING,
    source,
  };
}
