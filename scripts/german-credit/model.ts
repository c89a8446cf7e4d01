/**
 * The German credit classifier's layers and training: Dense 16 ReLU → Dense 2 softmax over the
 * binding's 58 encoded inputs, output [P(good = '1'), P(bad = '2')]. Every initializer is seeded and
 * training uses the demo's seeded loop (scripts/demo/train.ts), so reruns write identical files.
 */
import * as tf from '@tensorflow/tfjs';
import { intSeed } from '../demo/seeds';

export const MODEL_NAME = 'german_credit_mlp';
export const HIDDEN_UNITS = 16;
export const TRAINING = { epochs: 20, batchSize: 32, learningRate: 0.003, l2: 1e-2 };

export function germanCreditMlp(inputWidth: number): tf.Sequential {
  const model = tf.sequential({ name: MODEL_NAME });
  model.add(tf.layers.dense({
    name: 'hidden1', inputShape: [inputWidth], units: HIDDEN_UNITS, activation: 'relu',
    kernelInitializer: tf.initializers.heUniform({ seed: intSeed(`${MODEL_NAME}/hidden1`) }),
  }));
  model.add(tf.layers.dense({
    name: 'credit', units: 2, activation: 'softmax',
    kernelInitializer: tf.initializers.glorotUniform({ seed: intSeed(`${MODEL_NAME}/credit`) }),
  }));
  return model;
}
